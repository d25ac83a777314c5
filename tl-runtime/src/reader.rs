//! A cursor over input bytes that checks every read and bounds nesting.

use crate::error::{DecodeError, DecodeErrorKind};

/// How deep boxed values and vectors may nest by default.
///
/// Real Telegram payloads nest well under 20 levels (rich text, JSON values, reply
/// markup). 64 keeps the decoder's stack use small enough for a 2 MiB thread even in a
/// debug build, while hostile input (thousands of nested `textBold`) becomes an error.
pub const DEFAULT_MAX_DEPTH: u32 = 64;

/// A position in an input buffer, with a nesting budget.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    depth: u32,
    max_depth: u32,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `buf` with [`DEFAULT_MAX_DEPTH`].
    pub fn new(buf: &'a [u8]) -> Self {
        Self::with_max_depth(buf, DEFAULT_MAX_DEPTH)
    }

    /// A reader at the start of `buf` with a nesting limit of `max_depth`.
    pub fn with_max_depth(buf: &'a [u8], max_depth: u32) -> Self {
        Reader {
            buf,
            pos: 0,
            depth: 0,
            max_depth,
        }
    }

    /// Byte offset of the next read.
    #[inline]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Bytes not yet read.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// The unread bytes.
    #[inline]
    pub fn rest(&self) -> &'a [u8] {
        &self.buf[self.pos..]
    }

    /// An error of `kind` at the current position.
    #[cold]
    pub fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        DecodeError {
            offset: self.pos,
            kind,
        }
    }

    /// The error for constructor `id`, read just before the current position, that is not
    /// one of `expected`'s.
    #[cold]
    pub fn unknown_constructor(&self, id: u32, expected: &'static str) -> DecodeError {
        DecodeError {
            offset: self.pos.saturating_sub(4),
            kind: DecodeErrorKind::UnknownConstructor { id, expected },
        }
    }

    /// Fails unless every byte has been read.
    pub fn finish(&self) -> Result<(), DecodeError> {
        match self.remaining() {
            0 => Ok(()),
            count => Err(self.error(DecodeErrorKind::TrailingBytes { count })),
        }
    }

    /// Takes the next `n` bytes.
    #[inline]
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if n > self.remaining() {
            return Err(self.eof(n));
        }
        let bytes = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(bytes)
    }

    /// Takes the next `N` bytes as an array.
    #[inline]
    pub fn take_array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        match self.buf.get(self.pos..self.pos + N) {
            Some(bytes) => {
                let mut out = [0u8; N];
                out.copy_from_slice(bytes);
                self.pos += N;
                Ok(out)
            }
            None => Err(self.eof(N)),
        }
    }

    /// Reads a little-endian `u32` (a constructor ID or a `#`).
    #[inline]
    pub fn read_u32(&mut self) -> Result<u32, DecodeError> {
        self.take_array::<4>().map(u32::from_le_bytes)
    }

    /// Reads a constructor ID and fails unless it is `expected_id`.
    #[inline]
    pub fn expect_id(
        &mut self,
        expected_id: u32,
        type_name: &'static str,
    ) -> Result<(), DecodeError> {
        let id = self.read_u32()?;
        if id == expected_id {
            Ok(())
        } else {
            Err(self.unknown_constructor(id, type_name))
        }
    }

    /// Enters one level of nesting; fails past the limit. Pair with [`leave`](Self::leave).
    #[inline]
    pub fn enter(&mut self) -> Result<(), DecodeError> {
        if self.depth >= self.max_depth {
            return Err(self.error(DecodeErrorKind::DepthLimitExceeded {
                limit: self.max_depth,
            }));
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves a level entered with [`enter`](Self::enter).
    #[inline]
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Checks that `count` items of at least `min_len` bytes each can still be in the input,
    /// before anything is allocated for them.
    #[inline]
    pub fn check_count(&self, count: usize, min_len: usize) -> Result<(), DecodeError> {
        // Zero-sized elements still count one byte each, so a count is never unbounded.
        let need = count.saturating_mul(min_len.max(1));
        if need > self.remaining() {
            return Err(self.error(DecodeErrorKind::LengthTooLarge {
                claimed: count,
                remaining: self.remaining(),
            }));
        }
        Ok(())
    }

    #[cold]
    fn eof(&self, needed: usize) -> DecodeError {
        self.error(DecodeErrorKind::UnexpectedEof {
            needed,
            remaining: self.remaining(),
        })
    }
}
