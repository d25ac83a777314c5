//! `Display` for the syntax tree: prints TL text that parses back to an equal tree.
//!
//! `{}` on a [`Definition`] prints the declaration alone (`name#1234abcd x:int = T;`);
//! `{:#}` first prints its TDLib documentation as `//@` lines, so that parsing the output
//! also gives back the same [`Docs`] and parameter documentation.

use std::fmt::{self, Display, Formatter};

use crate::ast::*;

impl Display for TypeRef {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if !self.args.is_empty() && !self.angle_args {
            f.write_str("(")?;
            self.write_applied(f)?;
            return f.write_str(")");
        }
        self.write_head(f)?;
        if !self.args.is_empty() {
            f.write_str("<")?;
            for (k, a) in self.args.iter().enumerate() {
                if k > 0 {
                    f.write_str(",")?;
                }
                if !a.args.is_empty() && !a.angle_args {
                    a.write_applied(f)?;
                } else {
                    Display::fmt(a, f)?;
                }
            }
            f.write_str(">")?;
        }
        Ok(())
    }
}

impl TypeRef {
    fn write_head(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.percent {
            f.write_str("%")?;
        }
        if !self.namespace.is_empty() {
            f.write_str(self.namespace.as_str())?;
            f.write_str(".")?;
        }
        f.write_str(&self.name)
    }

    /// `Vector t` without parentheses (for the result position).
    fn write_applied(&self, f: &mut Formatter<'_>) -> fmt::Result {
        self.write_head(f)?;
        for a in &self.args {
            f.write_str(" ")?;
            Display::fmt(a, f)?;
        }
        Ok(())
    }
}

impl Display for Parameter {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(n) = &self.name {
            write!(f, "{n}:")?;
        }
        match &self.kind {
            ParamKind::FlagsWord => f.write_str("#"),
            ParamKind::Value { ty, flag, bang } => {
                if let Some(fl) = flag {
                    write!(f, "{}.{}?", fl.holder, fl.bit)?;
                }
                if *bang {
                    f.write_str("!")?;
                }
                Display::fmt(ty, f)
            }
            ParamKind::Repeat {
                multiplicity,
                params,
            } => {
                if let Some(m) = multiplicity {
                    write!(f, "{m}*")?;
                }
                f.write_str("[")?;
                for p in params {
                    write!(f, " {p}")?;
                }
                f.write_str(" ]")
            }
        }
    }
}

impl Display for GenericParam {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{{{}:{}}}", self.name, self.kind)
    }
}

impl Display for Definition {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            if let Some(d) = &self.docs.description {
                writeln!(f, "//@description {d}")?;
            }
            for p in &self.params {
                if let (Some(n), Some(doc)) = (&p.name, &p.doc) {
                    let tag = if n == "description" {
                        "param_description"
                    } else {
                        n
                    };
                    writeln!(f, "//@{tag} {doc}")?;
                }
            }
        }
        f.write_str(&self.full_name())?;
        if let Some(id) = self.explicit_id {
            write!(f, "#{id:08x}")?;
        }
        for g in &self.generics {
            write!(f, " {g}")?;
        }
        if self.question_mark {
            f.write_str(" ?")?;
        }
        for p in &self.params {
            write!(f, " {p}")?;
        }
        f.write_str(" = ")?;
        if !self.result.args.is_empty() && !self.result.angle_args {
            self.result.write_applied(f)?;
        } else {
            Display::fmt(&self.result, f)?;
        }
        f.write_str(";")
    }
}
