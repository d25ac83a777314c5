//! Diagnostics: what is wrong, where, rendered rustc-style with the source line and a caret.

use std::fmt;

use crate::ast::Span;

/// How bad a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The schema is wrong; `tl check` exits with 1.
    Error,
    /// Suspicious but accepted (for example an explicit ID that differs from the computed one).
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem found in a schema file.
///
/// `Display` renders it like rustc does:
///
/// ```text
/// error: unknown type `Foo`
///  --> api.tl:3:11
///   |
/// 3 | foo#1 x:Foo = Bar;
///   |         ^^^
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file name as given to the parser.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Width of the underlined region, in characters (at least 1).
    pub width: u32,
    pub message: String,
    /// The text of the line the diagnostic points at (without its line break). Very long
    /// lines are cut to a window around the column; then `line_offset` is the number of
    /// characters cut from the start.
    pub source_line: String,
    /// Characters of the real line left out at the start of `source_line`.
    pub line_offset: u32,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {}", self.severity, self.message)?;
        let num = self.line.to_string();
        let pad = " ".repeat(num.len());
        writeln!(f, "{pad}--> {}:{}:{}", self.file, self.line, self.column)?;
        writeln!(f, "{pad} |")?;
        let shown: String = self
            .source_line
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        writeln!(f, "{num} | {}", shown.trim_end())?;
        let col = (self.column.saturating_sub(1)).saturating_sub(self.line_offset) as usize;
        write!(
            f,
            "{pad} | {}{}",
            " ".repeat(col),
            "^".repeat(self.width.max(1) as usize)
        )
    }
}

/// Line starts of a source text, computed once, for turning byte offsets into
/// line/column pairs in O(log n).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// What [`LineIndex::span_near`] remembers between calls: the 0-based line, byte offset
/// and 1-based column of the previous span's start.
#[derive(Clone, Copy, Debug)]
pub struct SpanHint {
    line: usize,
    offset: usize,
    column: usize,
}

impl Default for SpanHint {
    /// The start of the text: line 0, offset 0, column 1.
    fn default() -> Self {
        SpanHint {
            line: 0,
            offset: 0,
            column: 1,
        }
    }
}

impl LineIndex {
    pub fn new(src: &str) -> Self {
        let mut starts = Vec::with_capacity(src.len() / 64 + 16);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|p| p + 1));
        LineIndex { starts }
    }

    /// 0-based line index of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based (line, column in characters) of a byte offset.
    pub fn line_col(&self, src: &str, offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(src, offset.min(src.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col = src[start..offset].chars().count() + 1;
        (line as u32 + 1, col as u32)
    }

    /// A span from byte offsets, for offsets that mostly increase: `hint` remembers the
    /// previous call's line and column, so the lookup is O(1) amortised and a column on a
    /// long line is counted from the previous offset, not from the start of the line
    /// (`message` in api.tl is one 1,000-character line with 40 parameters).
    pub fn span_near(&self, src: &str, start: usize, end: usize, hint: &mut SpanHint) -> Span {
        let offset = floor_char_boundary(src, start.min(src.len()));
        let mut line = hint.line;
        if line >= self.starts.len() || self.starts[line] > offset {
            line = self.line_of(offset);
        } else {
            while line + 1 < self.starts.len() && self.starts[line + 1] <= offset {
                line += 1;
                if line > hint.line + 8 {
                    line = self.line_of(offset);
                    break;
                }
            }
        }
        let (from, column_at_from) = if line == hint.line && hint.offset <= offset {
            (hint.offset, hint.column)
        } else {
            (self.starts[line], 1)
        };
        let pre = &src[from..offset];
        let column = column_at_from
            + if pre.is_ascii() {
                pre.len()
            } else {
                pre.chars().count()
            };
        *hint = SpanHint {
            line,
            offset,
            column,
        };
        Span {
            start,
            end,
            line: line as u32 + 1,
            column: column as u32,
        }
    }

    /// A span from byte offsets.
    pub fn span(&self, src: &str, start: usize, end: usize) -> Span {
        let (line, column) = self.line_col(src, start);
        Span {
            start,
            end,
            line,
            column,
        }
    }

    /// The text of the line containing `offset`, without the line break.
    pub fn line_text<'s>(&self, src: &'s str, offset: usize) -> &'s str {
        let offset = floor_char_boundary(src, offset.min(src.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let end = self.starts.get(line + 1).map_or(src.len(), |&e| e);
        let text = &src[start..end];
        text.strip_suffix('\n')
            .map(|t| t.strip_suffix('\r').unwrap_or(t))
            .unwrap_or(text)
    }

    /// Builds a diagnostic for the byte range `start..end` of `src`.
    pub fn diagnostic(
        &self,
        file: &str,
        src: &str,
        severity: Severity,
        start: usize,
        end: usize,
        message: String,
    ) -> Diagnostic {
        let (line, column) = self.line_col(src, start);
        let text = self.line_text(src, start);
        let line_chars = text.chars().count() as u32;
        let end = floor_char_boundary(src, end.min(src.len()).max(start));
        let start_b = floor_char_boundary(src, start.min(src.len()));
        let width = src[start_b..end].chars().take_while(|&c| c != '\n').count() as u32;
        let width = width.clamp(1, (line_chars + 1).saturating_sub(column - 1).max(1));
        const WINDOW: u32 = 120;
        let (source_line, line_offset) = if line_chars > 2 * WINDOW {
            let skip = column.saturating_sub(WINDOW / 2);
            (
                text.chars()
                    .skip(skip as usize)
                    .take(WINDOW as usize)
                    .collect(),
                skip,
            )
        } else {
            (text.to_string(), 0)
        };
        let width = width.min(WINDOW);
        Diagnostic {
            severity,
            file: file.to_string(),
            line,
            column,
            width,
            message,
            source_line,
            line_offset,
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
