//! The index the codec walks: the resolved schema (`tl-schema`, the same one the
//! generator reads), and the names sorted for "did you mean" hints.

use tl_parser::Schema as ParsedSchema;
use tl_schema::Schema;

pub(crate) use tl_schema::{CombinatorId, ParamKind, Ty};

/// Every constructor and function of a set of schema files, ready to encode and decode
/// TL-JSON. Build it once ([`Registry::new`] or [`Registry::from_sources`]) and reuse it:
/// lookups by ID and name are hash or binary searches, and no type is resolved twice.
#[derive(Clone, Debug)]
pub struct Registry {
    pub(crate) schema: Schema,
    /// Every name, sorted: for "did you mean" hints.
    sorted_names: Vec<String>,
}

impl Registry {
    /// Indexes the definitions of `files`, read together (api.tl and mtproto.tl refer to
    /// each other's types). The files are expected to be valid (see
    /// [`from_sources`](Self::from_sources)); a type that none of them defines only fails
    /// when a value of it is encoded or decoded.
    pub fn new(files: &[&ParsedSchema]) -> Registry {
        let schema = Schema::new(files);
        let mut sorted_names: Vec<String> = schema.names().map(str::to_owned).collect();
        sorted_names.sort();
        Registry {
            schema,
            sorted_names,
        }
    }

    /// The resolved schema the codec reads (`tl-schema`).
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// A name of the schemas close to `name` (same letters ignoring case, or at most a
    /// few edits away), for error messages.
    pub(crate) fn similar_name(&self, name: &str) -> Option<&str> {
        if let Some(same) = self
            .sorted_names
            .iter()
            .find(|candidate| candidate.eq_ignore_ascii_case(name))
        {
            return Some(same);
        }
        let limit = (name.len() / 4).clamp(1, 3);
        self.sorted_names
            .iter()
            .filter(|candidate| candidate.len().abs_diff(name.len()) <= limit)
            .map(|candidate| (edit_distance(candidate, name), candidate))
            .filter(|(distance, _)| *distance <= limit)
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, candidate)| candidate.as_str())
    }

    /// How many constructors and functions the registry holds.
    pub fn len(&self) -> usize {
        self.schema.combinators.len()
    }

    /// Whether the schemas define no constructor or function at all.
    pub fn is_empty(&self) -> bool {
        self.schema.combinators.is_empty()
    }

    /// Whether a constructor or function of this full name exists.
    pub fn contains(&self, name: &str) -> bool {
        !self.schema.with_name(name).is_empty()
    }
}

/// Levenshtein distance over bytes (names are ASCII).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, &x) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(!x.eq_ignore_ascii_case(&y));
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    // How types resolve is tested where it is decided, in tl-schema.
    #[test]
    fn similar_names_for_hints() {
        let text = "inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer;";
        let parsed = tl_parser::parse("t.tl", text, &Default::default()).schema;
        let r = Registry::new(&[&parsed]);
        assert_eq!(r.similar_name("inputpeeruser"), Some("inputPeerUser"));
        assert_eq!(r.similar_name("inputPeerUsr"), Some("inputPeerUser"));
        assert_eq!(r.similar_name("somethingElse"), None);
    }
}
