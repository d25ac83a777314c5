//! A cursor over input bytes that checks every read and bounds nesting.

use crate::error::{DecodeError, DecodeErrorKind};
use crate::limits::MAX_EMPTY_ELEMENTS;

/// How deep boxed values and vectors may nest by default.
///
/// Real Telegram payloads nest well under 20 levels (rich text, JSON values, reply
/// markup). 64 keeps the decoder's stack use small enough for a 2 MiB thread even in a
/// debug build, while hostile input (thousands of nested `textBold`) becomes an error.
pub const DEFAULT_MAX_DEPTH: u32 = 64;

/// How much stack nested values may use by default, in bytes, counted from the first
/// [`Reader::enter`]: 1 MiB, half of the smallest stack threads commonly get (2 MiB for
/// `std::thread::spawn` and tokio's workers).
///
/// The depth limit alone does not bound the stack: a level costs what the decoder's
/// frame costs, and some frames are large (an unoptimised `match` over hundreds of
/// variants, such as a generated `AnyFunction`, took 48 KB a level in a debug build, so
/// 43 nested `invokeWithoutUpdates` overflowed a 2 MiB thread well within 64 levels).
/// Past this budget decoding fails with `StackLimitExceeded` instead.
pub const DEFAULT_MAX_STACK: usize = 1 << 20;

/// A position in an input buffer, with a nesting budget (levels, and bytes of stack).
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    depth: u32,
    max_depth: u32,
    max_stack: usize,
    /// The stack address at the outermost `enter`.
    stack_base: usize,
    /// Elements that take no bytes still allowed (see [`MAX_EMPTY_ELEMENTS`]).
    empty_elements_left: usize,
    /// The shared buffer `buf` is, when the reader was made by [`Reader::shared`]:
    /// decoded `bytes` and `string` values then share it instead of copying.
    #[cfg(feature = "shared")]
    backing: Option<&'a bytes::Bytes>,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `buf` with [`DEFAULT_MAX_DEPTH`].
    pub fn new(buf: &'a [u8]) -> Self {
        Self::with_max_depth(buf, DEFAULT_MAX_DEPTH)
    }

    /// A reader at the start of `buf` with a nesting limit of `max_depth` (and
    /// [`DEFAULT_MAX_STACK`]).
    pub fn with_max_depth(buf: &'a [u8], max_depth: u32) -> Self {
        Reader {
            buf,
            pos: 0,
            depth: 0,
            max_depth,
            max_stack: DEFAULT_MAX_STACK,
            stack_base: 0,
            empty_elements_left: MAX_EMPTY_ELEMENTS,
            #[cfg(feature = "shared")]
            backing: None,
        }
    }

    /// A reader of a shared buffer, with [`DEFAULT_MAX_DEPTH`]: the
    /// [`shared`](crate::shared) types it decodes are slices of `buf` (a reference count
    /// each), not copies.
    #[cfg(feature = "shared")]
    pub fn shared(buf: &'a bytes::Bytes) -> Self {
        let mut reader = Self::new(buf);
        reader.backing = Some(buf);
        reader
    }

    /// `data`, which this reader returned, as a shared buffer: a slice of the buffer
    /// given to [`Reader::shared`], or a copy when there is none.
    #[cfg(feature = "shared")]
    pub fn share(&self, data: &[u8]) -> bytes::Bytes {
        let start = (data.as_ptr() as usize).wrapping_sub(self.buf.as_ptr() as usize);
        let end = start.wrapping_add(data.len());
        match self.backing {
            // `data` lies in `buf`, which is all of `backing` (checked: the same address
            // and length at that offset): the same bytes, sliced without a copy.
            Some(backing)
                if self
                    .buf
                    .get(start..end)
                    .is_some_and(|inside| core::ptr::eq(inside, data)) =>
            {
                backing.slice(start..end)
            }
            _ => bytes::Bytes::copy_from_slice(data),
        }
    }

    /// Sets how many bytes of stack nested values may use (default
    /// [`DEFAULT_MAX_STACK`]): raise it together with the depth limit when decoding on a
    /// thread with a larger stack.
    pub fn with_max_stack(mut self, bytes: usize) -> Self {
        self.max_stack = bytes;
        self
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

    /// Enters one level of nesting; fails past the depth limit, or when the levels
    /// entered so far use more stack than the budget. Pair with [`leave`](Self::leave).
    #[inline]
    pub fn enter(&mut self) -> Result<(), DecodeError> {
        if self.depth >= self.max_depth {
            return Err(self.error(DecodeErrorKind::DepthLimitExceeded {
                limit: self.max_depth,
            }));
        }
        let here = stack_address();
        if self.depth == 0 {
            self.stack_base = here;
        } else if self.stack_base.abs_diff(here) > self.max_stack {
            return Err(self.error(DecodeErrorKind::StackLimitExceeded {
                limit: self.max_stack,
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
    /// before anything is allocated for them. Items of no bytes (`min_len` 0) are counted
    /// against [`MAX_EMPTY_ELEMENTS`] for the whole decode instead.
    #[inline]
    pub fn check_count(&mut self, count: usize, min_len: usize) -> Result<(), DecodeError> {
        if min_len == 0 {
            return self.take_empty_elements(count);
        }
        if count.saturating_mul(min_len) > self.remaining() {
            return Err(self.error(DecodeErrorKind::CountTooLarge {
                count,
                min_len,
                remaining: self.remaining(),
            }));
        }
        Ok(())
    }

    #[cold]
    fn take_empty_elements(&mut self, count: usize) -> Result<(), DecodeError> {
        match self.empty_elements_left.checked_sub(count) {
            Some(left) => {
                self.empty_elements_left = left;
                Ok(())
            }
            None => Err(self.error(DecodeErrorKind::TooManyEmptyElements {
                count,
                limit: MAX_EMPTY_ELEMENTS,
            })),
        }
    }

    #[cold]
    fn eof(&self, needed: usize) -> DecodeError {
        self.error(DecodeErrorKind::UnexpectedEof {
            needed,
            remaining: self.remaining(),
        })
    }
}

/// The address of a local of the caller's frame (`enter` is inlined): how deep the stack
/// is, for the stack budget. Stacks grow down on every platform Rust supports but a few;
/// the distance is taken either way.
#[inline(always)]
fn stack_address() -> usize {
    let marker = 0u8;
    core::hint::black_box(&marker) as *const u8 as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A decoder whose every level holds 16 KB on the stack: 64 levels would take 1 MiB
    /// plus, 100,000 levels (the limit raised) 1.6 GB.
    #[inline(never)]
    fn fat_nesting(reader: &mut Reader<'_>) -> Result<u32, DecodeError> {
        reader.enter()?;
        let frame = core::hint::black_box([7u8; 16 * 1024]);
        let inner = if reader.read_u32()? == 1 {
            fat_nesting(reader)? + 1
        } else {
            0
        };
        reader.leave();
        Ok(inner + u32::from(core::hint::black_box(frame)[0] == 0))
    }

    fn ones(levels: usize) -> Vec<u8> {
        let mut wire: Vec<u8> = (0..levels).flat_map(|_| 1u32.to_le_bytes()).collect();
        wire.extend_from_slice(&0u32.to_le_bytes());
        wire
    }

    #[test]
    fn the_stack_budget_stops_fat_frames_before_the_stack_ends() {
        // On a 2 MiB thread, with the depth limit out of the way: an error, not an abort.
        let wire = ones(100_000);
        let err = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || fat_nesting(&mut Reader::with_max_depth(&wire, u32::MAX)))
            .unwrap()
            .join()
            .unwrap()
            .unwrap_err();
        assert_eq!(
            err.kind,
            DecodeErrorKind::StackLimitExceeded {
                limit: DEFAULT_MAX_STACK
            }
        );
        // Some tens of levels of 16 KB (or twice that, unoptimised) fit in 1 MiB; the
        // error is where the budget ran out.
        assert!((4 * 16..4 * 70).contains(&err.offset), "{err}");

        // A smaller budget stops sooner; a shallow value fits whatever the budget.
        let wire = ones(100);
        let mut reader = Reader::with_max_depth(&wire, u32::MAX).with_max_stack(128 << 10);
        let err = fat_nesting(&mut reader).unwrap_err();
        assert!(err.offset < 4 * 10, "{err}");
        let wire = ones(3);
        let mut reader = Reader::new(&wire).with_max_stack(128 << 10);
        assert_eq!(fat_nesting(&mut reader).unwrap(), 3);
        // Leaving every level resets the base: the reader can be used again.
        let wire = [ones(3), ones(3)].concat();
        let mut reader = Reader::new(&wire).with_max_stack(128 << 10);
        assert_eq!(fat_nesting(&mut reader).unwrap(), 3);
        assert_eq!(fat_nesting(&mut reader).unwrap(), 3);
        reader.finish().unwrap();
    }

    #[test]
    fn small_frames_reach_the_depth_limit_first() {
        #[inline(never)]
        fn nest(reader: &mut Reader<'_>) -> Result<(), DecodeError> {
            reader.enter()?;
            if reader.read_u32()? == 1 {
                nest(reader)?;
            }
            reader.leave();
            Ok(())
        }
        let wire = ones(1000);
        let err = nest(&mut Reader::new(&wire)).unwrap_err();
        assert_eq!(err.kind, DecodeErrorKind::DepthLimitExceeded { limit: 64 });
        assert_eq!(err.offset, 4 * 64);
        assert!(nest(&mut Reader::new(&ones(63))).is_ok());
    }
}
