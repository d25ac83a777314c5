//! Reading a JSON document whose shape is known, with errors that say where the shape
//! was not met (`e[12].arguments[3].name: expected a string, found a number`).

use serde_json::{Map, Value};

/// A value and the path that led to it.
#[derive(Clone, Copy)]
pub struct At<'a> {
    value: &'a Value,
    path: &'a Path<'a>,
}

/// A path from the root, built as the reader descends (no allocation until an error).
pub enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, key) => {
                let parent = parent.render();
                if parent.is_empty() {
                    (*key).to_owned()
                } else {
                    format!("{parent}.{key}")
                }
            }
            Path::Index(parent, index) => format!("{}[{index}]", parent.render()),
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'a> At<'a> {
    pub fn root(value: &'a Value) -> At<'a> {
        At {
            value,
            path: &Path::Root,
        }
    }

    /// An error at this value's path.
    pub fn error(&self, message: impl std::fmt::Display) -> String {
        let path = self.path.render();
        if path.is_empty() {
            message.to_string()
        } else {
            format!("{path}: {message}")
        }
    }

    fn expected(&self, what: &str) -> String {
        self.error(format_args!("expected {what}, found {}", kind(self.value)))
    }

    pub fn object(&self) -> Result<&'a Map<String, Value>, String> {
        self.value
            .as_object()
            .ok_or_else(|| self.expected("an object"))
    }

    pub fn str(&self) -> Result<&'a str, String> {
        self.value.as_str().ok_or_else(|| self.expected("a string"))
    }

    pub fn i64(&self) -> Result<i64, String> {
        self.value
            .as_i64()
            .ok_or_else(|| self.expected("an integer"))
    }

    pub fn array(&self) -> Result<&'a [Value], String> {
        self.value
            .as_array()
            .map(Vec::as_slice)
            .ok_or_else(|| self.expected("an array"))
    }

    /// Calls `f` with each element of an array and its path.
    pub fn each(&self, mut f: impl FnMut(At<'_>) -> Result<(), String>) -> Result<(), String> {
        for (index, value) in self.array()?.iter().enumerate() {
            let path = Path::Index(self.path, index);
            f(At { value, path: &path })?;
        }
        Ok(())
    }

    /// Calls `f` with each key of an object and its value.
    pub fn each_entry(
        &self,
        mut f: impl FnMut(&str, At<'_>) -> Result<(), String>,
    ) -> Result<(), String> {
        for (key, value) in self.object()? {
            let path = Path::Key(self.path, key);
            f(key, At { value, path: &path })?;
        }
        Ok(())
    }

    /// Calls `f` with the member `key`, which must exist.
    pub fn with<T>(
        &self,
        key: &str,
        f: impl FnOnce(At<'_>) -> Result<T, String>,
    ) -> Result<T, String> {
        let object = self.object()?;
        let value = object
            .get(key)
            .ok_or_else(|| self.error(format_args!("missing key `{key}`")))?;
        let path = Path::Key(self.path, key);
        f(At { value, path: &path })
    }

    /// Calls `f` with the member `key` when it exists and is not `null`.
    pub fn with_optional<T>(
        &self,
        key: &str,
        f: impl FnOnce(At<'_>) -> Result<T, String>,
    ) -> Result<Option<T>, String> {
        let object = self.object()?;
        match object.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => {
                let path = Path::Key(self.path, key);
                f(At { value, path: &path }).map(Some)
            }
        }
    }

    /// Whether this object has the member `key`.
    pub fn has(&self, key: &str) -> bool {
        self.value.get(key).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_path() {
        let value: Value = serde_json::from_str(r#"{"e":[{"name":"a"},{"name":3}]}"#).unwrap();
        let root = At::root(&value);
        let error = root
            .with("e", |e| {
                e.each(|entry| entry.with("name", |n| n.str().map(drop)))
            })
            .unwrap_err();
        assert_eq!(error, "e[1].name: expected a string, found a number");
        let error = root
            .with("e", |e| {
                e.each(|entry| entry.with("id", |n| n.i64().map(drop)))
            })
            .unwrap_err();
        assert_eq!(error, "e[0]: missing key `id`");
        assert_eq!(
            root.with("x", |x| x.str().map(drop)).unwrap_err(),
            "missing key `x`"
        );
        assert_eq!(
            root.with_optional("x", |x| x.str().map(drop)).unwrap(),
            None
        );
    }
}
