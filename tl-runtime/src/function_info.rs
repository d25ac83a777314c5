//! What the documentation says about a function, as data: who may call it and which
//! errors it may answer with.
//!
//! Generated code implements [`FunctionInfo`] for every function when it is generated with
//! a documentation file that lists errors (Telegram's API). A client can then refuse a
//! user-only call on a bot session before sending it, or check an error against the
//! function's documented ones:
//!
//! ```ignore
//! use tl_runtime::function_info::{Callers, FunctionInfo};
//! fn bots_may_call<F: FunctionInfo>() -> bool {
//!     F::CALLERS.map_or(true, Callers::bots_allowed)
//! }
//! ```

/// Who may call a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Callers {
    /// Only user accounts.
    Users,
    /// Only bot accounts.
    Bots,
    /// Both users and bots.
    UsersAndBots,
}

impl Callers {
    /// Whether a bot account may call the function.
    pub fn bots_allowed(self) -> bool {
        matches!(self, Callers::Bots | Callers::UsersAndBots)
    }

    /// Whether a user account may call the function.
    pub fn users_allowed(self) -> bool {
        matches!(self, Callers::Users | Callers::UsersAndBots)
    }
}

/// An error a function is documented to answer with: the code it comes with for this
/// function and the schema's typed name for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PossibleError<E> {
    /// The code (`400`).
    pub code: i32,
    /// The error (generated code: a variant of `errors::ErrorName`).
    pub error: E,
}

impl<E> PossibleError<E> {
    /// A code and an error.
    pub const fn new(code: i32, error: E) -> Self {
        PossibleError { code, error }
    }
}

/// What the documentation says about a function (implemented by generated code).
pub trait FunctionInfo {
    /// The schema's type of known error names (generated: `errors::ErrorName`).
    type Error: Copy + 'static;

    /// Who may call the function; `None` when the documentation does not say (a function
    /// newer than the documentation, for one).
    const CALLERS: Option<Callers>;

    /// The errors the documentation lists for the function, in its order; empty when it
    /// lists none. Any call may also fail with errors not listed (`FLOOD_WAIT`, ...).
    const POSSIBLE_ERRORS: &'static [PossibleError<Self::Error>];
}
