//! RPC errors: the `rpc_error` a server answers a call with, parsed.
//!
//! The server sends a code and a message (`rpc_error#2144ca19 error_code:int
//! error_message:string`). Many messages carry a number: `FLOOD_WAIT_30` (wait 30
//! seconds), `PHONE_MIGRATE_2` (use DC 2), `FILE_PART_3_MISSING`. [`RpcError::new`]
//! separates the name from the number, so that a caller compares names (`FLOOD_WAIT`)
//! and reads the number as a value.
//!
//! # The rule
//! The number is the first run of ASCII digits that follows an underscore. It is taken
//! out together with that underscore when it ends the message or is followed by another
//! underscore, and alone otherwise:
//!
//! | message | name | value |
//! |---|---|---|
//! | `FLOOD_WAIT_30` | `FLOOD_WAIT` | 30 |
//! | `FILE_PART_3_MISSING` | `FILE_PART_MISSING` | 3 |
//! | `PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN` | `PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_MIN` | 5 |
//! | `2FA_CONFIRM_WAIT_60` | `2FA_CONFIRM_WAIT` | 60 |
//! | `SHA256_HASH_INVALID` | `SHA256_HASH_INVALID` | none |
//!
//! Digits that do not follow an underscore are part of a word (`2FA`, `SHA256`,
//! `AUTH_TOKEN_INVALID2`) and stay in the name. A number too large for a `u64` stays in
//! the name too. Documentation writes the number as a placeholder (`FLOOD_WAIT_%d`,
//! `FILE_MIGRATE_X`); [`name_of_pattern`] gives the name such a pattern stands for, by the
//! same rule, which is how generated code knows which name a documented error has.

use alloc::borrow::ToOwned;
use alloc::string::String;
use core::fmt;

/// An `rpc_error` from the server: its code, its message, and the message split into a
/// name and a number.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RpcError {
    code: i32,
    message: String,
    name: String,
    value: Option<u64>,
}

impl RpcError {
    /// Parses the message of an error with this code (see the [module docs](self) for
    /// the rule). Any message is accepted.
    pub fn new(code: i32, message: &str) -> RpcError {
        let (name, value) = split_value(message);
        RpcError {
            code,
            message: message.to_owned(),
            name,
            value,
        }
    }

    /// The code as sent (`420`).
    pub fn code(&self) -> i32 {
        self.code
    }

    /// What kind of error the code says it is.
    pub fn category(&self) -> ErrorCategory {
        ErrorCategory::from_code(self.code)
    }

    /// The message as sent (`FLOOD_WAIT_30`).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The message without its number (`FLOOD_WAIT`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The number the message carried (`30`), if any.
    pub fn value(&self) -> Option<u64> {
        self.value
    }

    /// Whether the error has this name (`error.is("FLOOD_WAIT")`).
    pub fn is(&self, name: &str) -> bool {
        self.name == name
    }
}

impl fmt::Display for RpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RPC error {}: {}", self.code, self.message)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for RpcError {}

/// The meaning of an error code, as <https://core.telegram.org/api/errors> defines them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCategory {
    /// 303: the call must be repeated on another data center (`PHONE_MIGRATE_2`); the
    /// error's value is the DC.
    SeeOther,
    /// 400: the call has errors in its parameters.
    BadRequest,
    /// 401: the call needs an authorized session.
    Unauthorized,
    /// 403: a privacy violation, such as writing to a chat one cannot write to.
    Forbidden,
    /// 404: a call to something that does not exist, such as an unknown method.
    NotFound,
    /// 406: like 400, but the user is told about it by a service notification, so the
    /// app should not show it.
    NotAcceptable,
    /// 420: too many calls; the error's value is how many seconds to wait.
    Flood,
    /// 500: an internal server error; the call may succeed when repeated.
    Internal,
    /// Any other code (the server also uses negative ones, such as -503 for a timeout).
    Other(i32),
}

impl ErrorCategory {
    /// The category of a code.
    pub fn from_code(code: i32) -> ErrorCategory {
        match code {
            303 => ErrorCategory::SeeOther,
            400 => ErrorCategory::BadRequest,
            401 => ErrorCategory::Unauthorized,
            403 => ErrorCategory::Forbidden,
            404 => ErrorCategory::NotFound,
            406 => ErrorCategory::NotAcceptable,
            420 => ErrorCategory::Flood,
            500 => ErrorCategory::Internal,
            other => ErrorCategory::Other(other),
        }
    }

    /// The code of the category (the code itself for [`Other`](Self::Other)).
    pub fn code(self) -> i32 {
        match self {
            ErrorCategory::SeeOther => 303,
            ErrorCategory::BadRequest => 400,
            ErrorCategory::Unauthorized => 401,
            ErrorCategory::Forbidden => 403,
            ErrorCategory::NotFound => 404,
            ErrorCategory::NotAcceptable => 406,
            ErrorCategory::Flood => 420,
            ErrorCategory::Internal => 500,
            ErrorCategory::Other(code) => code,
        }
    }
}

/// What the documentation says about one error: generated code has a table of these,
/// one per known error name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KnownError {
    /// The name a parsed [`RpcError`] has (`FLOOD_WAIT`).
    pub name: &'static str,
    /// How the documentation writes it (`FLOOD_WAIT_%d`); several spellings that share a
    /// name are separated by `, `.
    pub documented_as: &'static str,
    /// The code it usually comes with (a function may document another one).
    pub code: i32,
    /// The description, as plain text (may be empty).
    pub description: &'static str,
}

/// The name a documented error pattern stands for: `FLOOD_WAIT_%d` and `FLOOD_WAIT_X`
/// are `FLOOD_WAIT`, `FILE_PART_%d_MISSING` is `FILE_PART_MISSING`. A placeholder is
/// `%d` anywhere, or `X` as a whole underscore-separated word after the first; other
/// patterns are names as they are (`AUTH_TOKEN_INVALIDX` is itself).
pub fn name_of_pattern(pattern: &str) -> String {
    let mut sample = String::with_capacity(pattern.len());
    for (i, word) in pattern.split('_').enumerate() {
        if i > 0 {
            sample.push('_');
        }
        if i > 0 && word == "X" {
            sample.push('0');
        } else {
            sample.push_str(&word.replace("%d", "0"));
        }
    }
    split_value(&sample).0
}

/// The name and number of a message, by the rule of the [module docs](self).
fn split_value(message: &str) -> (String, Option<u64>) {
    let bytes = message.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if start == 0 || bytes[start - 1] != b'_' {
            continue; // part of a word: `2FA`, `SHA256`
        }
        // Digits and `_` are ASCII, so these are char boundaries.
        let Ok(value) = message[start..i].parse::<u64>() else {
            continue;
        };
        let rest = &message[i..];
        let mut name = String::with_capacity(message.len());
        if rest.is_empty() || rest.starts_with('_') {
            name.push_str(&message[..start - 1]);
        } else {
            name.push_str(&message[..start]);
        }
        name.push_str(rest);
        return (name, Some(value));
    }
    (message.to_owned(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(message: &str) -> (String, Option<u64>) {
        let error = RpcError::new(400, message);
        (error.name().to_owned(), error.value())
    }

    #[test]
    fn numbers_are_separated_from_names() {
        assert_eq!(split("FLOOD_WAIT_30"), ("FLOOD_WAIT".into(), Some(30)));
        assert_eq!(split("PHONE_MIGRATE_2"), ("PHONE_MIGRATE".into(), Some(2)));
        assert_eq!(
            split("FILE_PART_3_MISSING"),
            ("FILE_PART_MISSING".into(), Some(3))
        );
        assert_eq!(
            split("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN"),
            ("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_MIN".into(), Some(5))
        );
        assert_eq!(
            split("2FA_CONFIRM_WAIT_60"),
            ("2FA_CONFIRM_WAIT".into(), Some(60))
        );
        assert_eq!(split("FLOOD_WAIT_0"), ("FLOOD_WAIT".into(), Some(0)));
    }

    #[test]
    fn digits_inside_words_stay() {
        for message in [
            "SHA256_HASH_INVALID",
            "MD5_CHECKSUM_INVALID",
            "AUTH_TOKEN_INVALID2",
            "2FA",
            "CHAT_ADMIN_REQUIRED",
            "",
            "_",
            "Timeout",
            "Invalid msgs_ack query",
        ] {
            assert_eq!(split(message), (message.to_owned(), None), "{message}");
        }
    }

    #[test]
    fn numbers_too_large_stay_in_the_name() {
        let message = "FLOOD_WAIT_99999999999999999999999";
        assert_eq!(split(message), (message.to_owned(), None));
        assert_eq!(
            split("FLOOD_WAIT_18446744073709551615"),
            ("FLOOD_WAIT".into(), Some(u64::MAX))
        );
    }

    #[test]
    fn only_the_first_number_is_taken() {
        assert_eq!(split("A_1_B_2"), ("A_B_2".into(), Some(1)));
    }

    #[test]
    fn non_ascii_messages_do_not_panic() {
        assert_eq!(split("ÉCHEC_é_1"), ("ÉCHEC_é".into(), Some(1)));
        assert_eq!(split("Ä_1Ö"), ("Ä_Ö".into(), Some(1)));
        assert_eq!(split("١٢٣"), ("١٢٣".into(), None));
    }

    #[test]
    fn patterns_name_what_they_match() {
        assert_eq!(name_of_pattern("FLOOD_WAIT_%d"), "FLOOD_WAIT");
        assert_eq!(name_of_pattern("FLOOD_WAIT_X"), "FLOOD_WAIT");
        assert_eq!(name_of_pattern("FILE_MIGRATE_X"), "FILE_MIGRATE");
        assert_eq!(name_of_pattern("FILE_PART_%d_MISSING"), "FILE_PART_MISSING");
        assert_eq!(
            name_of_pattern("INTERDC_X_CALL_ERROR"),
            "INTERDC_CALL_ERROR"
        );
        assert_eq!(
            name_of_pattern("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN"),
            "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_MIN"
        );
        assert_eq!(name_of_pattern("2FA_CONFIRM_WAIT_%d"), "2FA_CONFIRM_WAIT");
        assert_eq!(
            name_of_pattern("AUTH_TOKEN_INVALIDX"),
            "AUTH_TOKEN_INVALIDX"
        );
        assert_eq!(name_of_pattern("X_CHAT"), "X_CHAT");
        assert_eq!(
            name_of_pattern("CHAT_ADMIN_REQUIRED"),
            "CHAT_ADMIN_REQUIRED"
        );
    }

    #[test]
    fn categories() {
        assert_eq!(
            RpcError::new(420, "FLOOD_WAIT_3").category(),
            ErrorCategory::Flood
        );
        for code in [303, 400, 401, 403, 404, 406, 420, 500, -503, 0, 999] {
            assert_eq!(ErrorCategory::from_code(code).code(), code);
        }
        assert_eq!(ErrorCategory::from_code(-503), ErrorCategory::Other(-503));
    }

    #[test]
    fn display_shows_code_and_message() {
        assert_eq!(
            alloc::format!("{}", RpcError::new(420, "FLOOD_WAIT_3")),
            "RPC error 420: FLOOD_WAIT_3"
        );
    }
}
