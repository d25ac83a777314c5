//! mtcute's `raw-errors.json`: the error catalogue (from Telegram's errors JSON and
//! Telethon's `errors.csv`), which methods throw which error, and Telegram's lists of the
//! methods only users or only bots may call.

use std::collections::HashSet;

use super::json::At;
use super::{Documentation, ErrorDoc};

pub fn read(root: At<'_>, docs: &mut Documentation) -> Result<(), String> {
    root.with("errors", |errors| {
        errors.each_entry(|key, error| {
            let code = error.with("code", |c| {
                let code = c.i64()?;
                i32::try_from(code).map_err(|_| c.error(format_args!("code {code} out of range")))
            })?;
            // `name` repeats the key; the key is what `throws` refers to.
            let description = error
                .with_optional("description", |d| d.str().map(str::to_owned))?
                .filter(|d| !d.is_empty());
            docs.errors
                .insert(key.to_owned(), ErrorDoc { code, description });
            Ok(())
        })
    })?;
    root.with_optional("throws", |throws| {
        throws.each_entry(|method, names| {
            let mut list = Vec::new();
            names.each(|name| {
                list.push(name.str()?.to_owned());
                Ok(())
            })?;
            docs.error_lists.insert(method.to_owned(), list);
            Ok(())
        })
    })?;
    if let Some(users_only) = root.with_optional("userOnly", method_set)? {
        docs.users_only
            .get_or_insert_with(HashSet::new)
            .extend(users_only);
    }
    if let Some(bots_only) = root.with_optional("botOnly", method_set)? {
        docs.bots_only
            .get_or_insert_with(HashSet::new)
            .extend(bots_only);
    }
    // A file with one list and not the other still says the others may call everything
    // not listed.
    if docs.users_only.is_some() || docs.bots_only.is_some() {
        docs.users_only.get_or_insert_with(HashSet::new);
        docs.bots_only.get_or_insert_with(HashSet::new);
    }
    Ok(())
}

/// `{"method": 1, ...}`: the keys. (The values carry nothing.)
fn method_set(set: At<'_>) -> Result<HashSet<String>, String> {
    Ok(set.object()?.keys().cloned().collect())
}

#[cfg(test)]
mod tests {
    use super::super::Availability;
    use super::*;

    fn read_text(text: &str) -> Result<Documentation, String> {
        let mut docs = Documentation::default();
        docs.add_file("raw-errors.json", text)?;
        Ok(docs)
    }

    #[test]
    fn reads_the_catalogue_and_the_lists() {
        let docs = read_text(
            r##"{"base":{"BAD_REQUEST":400},
                "errors":{"FLOOD_WAIT_%d":{"code":420,"name":"FLOOD_WAIT_%d","description":"A wait of %d seconds is required","_paramNames":["seconds"]},
                          "NOT_ALLOWED":{"code":403,"name":"NOT_ALLOWED"}},
                "throws":{"messages.exportChatInvite":["CHAT_ADMIN_REQUIRED"]},
                "userOnly":{"account.updateProfile":1},
                "botOnly":{"bots.setBotCommands":1}}"##,
        )
        .unwrap();
        assert_eq!(docs.errors["FLOOD_WAIT_%d"].code, 420);
        assert_eq!(docs.errors["NOT_ALLOWED"].description, None);
        assert_eq!(
            docs.error_lists["messages.exportChatInvite"],
            ["CHAT_ADMIN_REQUIRED"]
        );
        assert_eq!(
            docs.availability("account.updateProfile"),
            Some(Availability::Users)
        );
        assert_eq!(
            docs.availability("bots.setBotCommands"),
            Some(Availability::Bots)
        );
        assert_eq!(
            docs.availability("messages.exportChatInvite"),
            Some(Availability::UsersAndBots)
        );
        assert_eq!(docs.availability("messages.somethingNewer"), None);
    }

    #[test]
    fn malformed_catalogues_are_named() {
        let error = |text| read_text(text).unwrap_err();
        assert_eq!(
            error(r##"{"errors":{"A":{"name":"A"}}}"##),
            "errors.A: missing key `code`"
        );
        assert_eq!(
            error(r##"{"errors":{},"throws":{"m":"A"}}"##),
            "throws.m: expected an array, found a string"
        );
        assert_eq!(
            error(r##"{"errors":{},"userOnly":["m"]}"##),
            "userOnly: expected an object, found an array"
        );
        assert_eq!(
            error(r##"{"errors":{"A":{"code":99999999999}}}"##),
            "errors.A.code: code 99999999999 out of range"
        );
    }
}
