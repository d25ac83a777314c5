//! The readable report: counts, then entries grouped by namespace, one line per entry
//! and one indented line per change, each ending in what it breaks.
//!
//! ```text
//! namespace (root):
//!   ~ constructor chatParticipantCreator#e1f867b8  [breaks wire, source]
//!       id changed: #e46bcee4 -> #e1f867b8  [breaks wire]
//!       param added: rank:flags.0?string  [breaks wire, source: new field `rank: Option<String>`]
//! ```
//!
//! Markers: `+` added, `-` removed, `~` changed, `>` renamed.

use std::fmt::Write;

use super::report::{Axis, Entry, Kind, Level, Report, SideInfo, Status};

impl Report {
    /// The readable report (what `tl diff` prints by default).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        side_line(&mut out, "old", &self.old);
        side_line(&mut out, "new", &self.new);
        out.push('\n');
        for note in &self.notes {
            let _ = writeln!(out, "note: {note}");
        }
        if self.entries.is_empty() {
            out.push_str("no differences\n");
            return out;
        }
        for (kind, label) in [
            (Kind::Type, "types:       "),
            (Kind::Constructor, "constructors:"),
            (Kind::Function, "functions:   "),
        ] {
            let c = self.counts(kind);
            let _ = writeln!(
                out,
                "{label} {} added, {} removed, {} changed, {} renamed",
                c.added, c.removed, c.changed, c.renamed
            );
        }
        let _ = writeln!(
            out,
            "breaking: {} for the wire, {} for Rust source",
            self.breaking(Axis::Wire).count(),
            self.breaking(Axis::Source).count()
        );
        let mut namespace = None;
        for entry in &self.entries {
            if namespace != Some(&entry.namespace) {
                namespace = Some(&entry.namespace);
                if entry.namespace.is_empty() {
                    out.push_str("\nnamespace (root):\n");
                } else {
                    let _ = writeln!(out, "\nnamespace {}:", entry.namespace);
                }
            }
            entry_lines(&mut out, entry);
        }
        out
    }
}

fn side_line(out: &mut String, label: &str, side: &SideInfo) {
    let layer = match side.layer {
        Some(layer) => format!("layer {layer}"),
        None => "no // LAYER line".to_owned(),
    };
    let _ = writeln!(out, "{label}: {} ({layer})", side.files.join(" + "));
}

fn entry_lines(out: &mut String, entry: &Entry) {
    let marker = match entry.status {
        Status::Added => '+',
        Status::Removed => '-',
        Status::Changed => '~',
        Status::Renamed => '>',
    };
    let id = match entry.new_id.or(entry.old_id) {
        Some(id) => format!("#{id:08x}"),
        None => String::new(),
    };
    let was = match &entry.old_name {
        Some(old) => format!(" (was {old})"),
        None => String::new(),
    };
    let _ = writeln!(
        out,
        "  {marker} {} {}{id}{was}{}",
        entry.kind.as_str(),
        entry.name,
        verdict(entry.level(Axis::Wire), entry.level(Axis::Source), None)
    );
    if matches!(entry.status, Status::Added | Status::Removed) {
        return; // The entry line says it all.
    }
    for change in &entry.changes {
        let _ = writeln!(
            out,
            "      {}{}",
            change.kind,
            verdict(change.wire, change.source, change.rust.as_deref())
        );
    }
}

/// `  [breaks wire, source: new field `x: i32`]`, or nothing when nothing breaks.
fn verdict(wire: Level, source: Level, rust: Option<&str>) -> String {
    let mut broken = Vec::new();
    if wire == Level::Breaking {
        broken.push("wire");
    }
    if source == Level::Breaking {
        broken.push("source");
    }
    let mut text = String::new();
    if !broken.is_empty() {
        text = format!("breaks {}", broken.join(", "));
        if let (Level::Breaking, Some(rust)) = (source, rust) {
            let _ = write!(text, ": {rust}");
        }
    }
    if source == Level::Unknown {
        if !text.is_empty() {
            text.push_str("; ");
        }
        text.push_str("source unknown");
    }
    if text.is_empty() {
        text
    } else {
        format!("  [{text}]")
    }
}
