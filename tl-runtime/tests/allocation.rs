//! What decoding allocates, measured with a counting global allocator: a vector count
//! that the input can hold at the elements' smallest wire size reserves no more memory
//! than the input holds, however large each element is in memory.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use tl_runtime::{BareDecode, DecodeError, DecodeErrorKind, EncodeError, Reader, VectorElement};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

impl Counting {
    fn grow(size: usize) {
        let live = LIVE.fetch_add(size, Ordering::SeqCst) + size;
        PEAK.fetch_max(live, Ordering::SeqCst);
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            Self::grow(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
            Self::grow(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most bytes live at once while `f` runs, beyond what was live before.
fn peak_of<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = LIVE.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let result = f();
    (result, PEAK.load(Ordering::SeqCst) - before)
}

/// An element of 256 bytes in memory and 4 on the wire (like an enum with large inline
/// variants and a constructor without fields); `0xffffffff` is an unknown constructor.
#[derive(Debug)]
struct Fat(#[allow(dead_code)] [u8; 256]);

impl VectorElement for Fat {
    const MIN_ELEMENT_LEN: usize = 4;
    fn element_len(&self) -> usize {
        4
    }
    fn encode_element(&self, _out: &mut Vec<u8>) -> Result<(), EncodeError> {
        Ok(())
    }
    fn decode_element(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match reader.read_u32()? {
            u32::MAX => Err(reader.unknown_constructor(u32::MAX, "Fat")),
            id => Ok(Fat([id as u8; 256])),
        }
    }
}

fn vector(count: u32, element: u32) -> Vec<u8> {
    let mut wire = count.to_le_bytes().to_vec();
    for _ in 0..count {
        wire.extend_from_slice(&element.to_le_bytes());
    }
    wire
}

// One test function: the counters are global, and tests run in parallel threads.
#[test]
fn vector_reservations_are_bounded_by_the_input() {
    // 100,000 elements that fit the input at 4 bytes each; the first one is unknown. The
    // reservation alone used to be 100,000 * 256 bytes = 25.6 MB for 400 KB of input.
    let wire = vector(100_000, u32::MAX);
    let (result, peak) = peak_of(|| Vec::<Fat>::from_bare_bytes(&wire));
    let err = result.unwrap_err();
    assert!(
        matches!(err.kind, DecodeErrorKind::UnknownConstructor { .. }),
        "{err}"
    );
    assert_eq!(err.offset, 4);
    assert!(
        peak <= wire.len(),
        "{peak} bytes for {} of input",
        wire.len()
    );

    // Valid elements still decode; the vector grows as they are read.
    let wire = vector(10_000, 7);
    let (result, peak) = peak_of(|| Vec::<Fat>::from_bare_bytes(&wire));
    let fats = result.unwrap();
    assert_eq!(fats.len(), 10_000);
    assert!(fats.iter().all(|f| f.0 == [7; 256]));
    // What the elements need (2.56 MB), doubled at most by the growth (and the copy).
    assert!(peak <= 3 * 10_000 * 256, "{peak}");
    drop(fats);

    // Elements no larger in memory than on the wire are reserved at once, as before.
    let wire = vector(50_000, 1);
    let (result, peak) = peak_of(|| Vec::<u32>::from_bare_bytes(&wire));
    let ints = result.unwrap();
    assert_eq!(ints.capacity(), 50_000);
    assert_eq!(peak, 50_000 * 4);

    // A count the input cannot hold: nothing is allocated.
    let wire = [&0x7fff_ffffu32.to_le_bytes()[..], &[0; 64]].concat();
    let (result, peak) = peak_of(|| Vec::<Fat>::from_bare_bytes(&wire));
    assert!(matches!(
        result.unwrap_err().kind,
        DecodeErrorKind::CountTooLarge {
            count: 0x7fff_ffff,
            remaining: 64,
            ..
        }
    ));
    assert_eq!(peak, 0);
}
