//! Source-compatibility verdicts: does code written against the old generated item still
//! compile against the new one? Answered by comparing the two sides' [`RustView`]s.

use tl_codegen::rust_view::{FieldShape, RustView, StructShape};

use super::report::Level;
use super::side::Key;

/// Both sides' generated APIs, or `None` when one could not be derived.
pub(crate) type Views<'a> = Option<(&'a RustView, &'a RustView)>;

/// A verdict on the source axis, with what the change does to the Rust code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub level: Level,
    pub rust: Option<String>,
}

impl Verdict {
    pub const NONE: Verdict = Verdict {
        level: Level::None,
        rust: None,
    };
    const UNKNOWN: Verdict = Verdict {
        level: Level::Unknown,
        rust: None,
    };

    fn breaking(rust: String) -> Verdict {
        Verdict {
            level: Level::Breaking,
            rust: Some(rust),
        }
    }

    /// Breaking when the two texts differ (`None`: the item has no such part).
    fn unless_equal(what: &str, old: Option<&str>, new: Option<&str>) -> Verdict {
        match (old, new) {
            _ if old == new => Verdict::NONE,
            (Some(old), Some(new)) => Verdict::breaking(format!("{what}`{old}` is now `{new}`")),
            (None, Some(new)) => Verdict::breaking(format!("new {what}`{new}`")),
            (Some(old), None) => Verdict::breaking(format!("{what}`{old}` removed")),
            (None, None) => Verdict::NONE,
        }
    }
}

/// Both versions of one generated struct. A shape is `None` on a side where the
/// definition does not exist or the runtime provides it (`boolTrue`).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Shapes<'a> {
    Unknown,
    Known {
        old: Option<&'a StructShape>,
        new: Option<&'a StructShape>,
    },
}

impl<'a> Shapes<'a> {
    pub fn of(views: Views<'a>, old: Option<&Key>, new: Option<&Key>) -> Shapes<'a> {
        match views {
            None => Shapes::Unknown,
            Some((old_view, new_view)) => Shapes::Known {
                old: old.and_then(|(section, name)| old_view.structure(*section, name)),
                new: new.and_then(|(section, name)| new_view.structure(*section, name)),
            },
        }
    }

    /// A definition that is new: a new item, which no existing code uses.
    pub fn added(self) -> Verdict {
        match self {
            Shapes::Unknown => Verdict::UNKNOWN,
            Shapes::Known { new: Some(new), .. } => Verdict {
                level: Level::Compatible,
                rust: Some(format!("new `{}`", new.path)),
            },
            Shapes::Known { new: None, .. } => Verdict::NONE,
        }
    }

    /// A definition that is gone: code that names its item breaks.
    pub fn removed(self) -> Verdict {
        match self {
            Shapes::Unknown => Verdict::UNKNOWN,
            Shapes::Known { old: Some(old), .. } => {
                Verdict::breaking(format!("`{}` removed", old.path))
            }
            Shapes::Known { old: None, .. } => Verdict::NONE,
        }
    }

    /// The item's path (a renamed definition keeps its path only if the Rust names agree).
    pub fn path(self) -> Verdict {
        self.compare("", |s| Some(s.path.clone()))
    }

    /// The enum variant holding a constructor.
    pub fn variant(self) -> Verdict {
        self.compare("variant ", |s| s.variant.clone())
    }

    /// A function's `RemoteCall::Answer`.
    pub fn answer(self) -> Verdict {
        self.compare("answer ", |s| s.answer.clone())
    }

    pub fn generics(self) -> Verdict {
        self.compare("generics ", |s| Some(s.generics.join(", ")))
    }

    /// The Rust field of parameter `old_param` (old side) against that of `new_param`
    /// (new side); `None` for a parameter that side does not have.
    pub fn field(self, old_param: Option<&str>, new_param: Option<&str>) -> Verdict {
        let declaration =
            |shape: Option<&StructShape>, param: Option<&str>| declaration(shape?.field(param?)?);
        match self {
            Shapes::Unknown => Verdict::UNKNOWN,
            Shapes::Known { old, new } => Verdict::unless_equal(
                "field ",
                declaration(old, old_param).as_deref(),
                declaration(new, new_param).as_deref(),
            ),
        }
    }

    fn compare(self, what: &str, part: impl Fn(&StructShape) -> Option<String>) -> Verdict {
        match self {
            Shapes::Unknown => Verdict::UNKNOWN,
            Shapes::Known { old, new } => Verdict::unless_equal(
                what,
                old.and_then(&part).as_deref(),
                new.and_then(&part).as_deref(),
            ),
        }
    }
}

/// `name: Type`, or `None` for a field the struct does not store.
fn declaration(field: &FieldShape) -> Option<String> {
    let ty = field.rust_type.as_ref()?;
    Some(format!("{}: {ty}", field.rust_name))
}

/// The enum of an abstract type on each side (`None` for types the runtime provides,
/// such as `Bool`).
pub(crate) fn enums<'a>(
    views: Views<'a>,
    old: Option<&str>,
    new: Option<&str>,
) -> Option<(Option<&'a str>, Option<&'a str>)> {
    let (old_view, new_view) = views?;
    Some((
        old.and_then(|t| old_view.enum_path(t)),
        new.and_then(|t| new_view.enum_path(t)),
    ))
}
