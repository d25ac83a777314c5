//! `gzip_packed#3072cfa1 packed_data:string = Object;`: MTProto's compressed envelope.
//!
//! A server may send any answer (and a client may send any request) as a `gzip_packed`
//! whose `packed_data` is a gzip file (RFC 1952) holding the boxed serialization of the
//! real object. Generated code decodes `gzip_packed` like any constructor and hands over
//! the compressed bytes; [`unpack`] turns them back into the inner object's bytes, and
//! [`pack`] builds them.
//!
//! Decompression is bounded: a few kilobytes of gzip can claim gigabytes (a "zip bomb"),
//! so [`unpack`] takes the largest output the caller accepts and fails past it without
//! allocating more. [`DEFAULT_MAX_UNPACKED`] is a sensible default for MTProto, whose
//! messages are far smaller. The gzip trailer (CRC-32 and length) is verified, so a
//! corrupted payload is an error rather than garbage handed to the decoder.
//!
//! Pure Rust (`miniz_oxide`, `crc32fast`) and `no_std` + `alloc`, like the rest of the
//! runtime. Enabled by the `gzip` feature.

use alloc::vec::Vec;
use core::fmt;

use miniz_oxide::inflate::TINFLStatus;

/// The constructor ID of `gzip_packed#3072cfa1`.
pub const GZIP_PACKED_ID: u32 = 0x3072_cfa1;

/// 16 MiB: more than any MTProto message (the transport caps packets well below it).
pub const DEFAULT_MAX_UNPACKED: usize = 16 * 1024 * 1024;

/// Why a `packed_data` could not be unpacked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GzipError {
    /// Shorter than a gzip header and trailer, or cut inside the optional header fields.
    Truncated,
    /// Not a gzip file: wrong magic bytes, or a compression method other than deflate.
    NotGzip,
    /// The header has reserved flag bits set (RFC 1952 requires readers to reject them).
    ReservedFlags,
    /// The deflate stream is corrupt or ends early.
    Corrupt,
    /// Decompression would produce more than the caller's limit.
    TooLarge {
        /// The limit in force.
        limit: usize,
    },
    /// The trailer's CRC-32 does not match the decompressed bytes.
    ChecksumMismatch,
    /// The trailer's length (mod 2^32) does not match the decompressed bytes.
    LengthMismatch,
}

impl fmt::Display for GzipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GzipError::Truncated => f.write_str("gzip_packed: the gzip data is truncated"),
            GzipError::NotGzip => f.write_str("gzip_packed: not gzip data (bad magic or method)"),
            GzipError::ReservedFlags => {
                f.write_str("gzip_packed: the gzip header sets reserved flag bits")
            }
            GzipError::Corrupt => f.write_str("gzip_packed: the deflate stream is corrupt"),
            GzipError::TooLarge { limit } => write!(
                f,
                "gzip_packed: the data unpacks to more than the limit of {limit} bytes"
            ),
            GzipError::ChecksumMismatch => f.write_str("gzip_packed: CRC-32 mismatch"),
            GzipError::LengthMismatch => f.write_str("gzip_packed: length mismatch"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for GzipError {}

// RFC 1952 header flags.
const FTEXT: u8 = 1;
const FHCRC: u8 = 2;
const FEXTRA: u8 = 4;
const FNAME: u8 = 8;
const FCOMMENT: u8 = 16;
const RESERVED: u8 = !(FTEXT | FHCRC | FEXTRA | FNAME | FCOMMENT);

/// Decompresses the `packed_data` of a `gzip_packed`: the boxed bytes of the inner object.
///
/// Fails with [`GzipError::TooLarge`] rather than produce more than `max_len` bytes, and
/// allocates at most about `max_len` bytes whatever the input claims.
pub fn unpack(packed: &[u8], max_len: usize) -> Result<Vec<u8>, GzipError> {
    let body = deflate_body(packed)?;
    let (stream, trailer) = body.split_at(body.len() - 8);
    let out = match miniz_oxide::inflate::decompress_to_vec_with_limit(stream, max_len) {
        Ok(out) => out,
        Err(e) if e.status == TINFLStatus::HasMoreOutput => {
            return Err(GzipError::TooLarge { limit: max_len })
        }
        Err(_) => return Err(GzipError::Corrupt),
    };
    let crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
    let size = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
    if crc32fast::hash(&out) != crc {
        return Err(GzipError::ChecksumMismatch);
    }
    if out.len() as u32 != size {
        return Err(GzipError::LengthMismatch);
    }
    Ok(out)
}

/// The deflate stream and the 8-byte trailer: everything after the header.
fn deflate_body(packed: &[u8]) -> Result<&[u8], GzipError> {
    // Magic, method, flags, mtime (4), extra flags, OS: 10 bytes; trailer: 8.
    if packed.len() < 18 {
        return Err(GzipError::Truncated);
    }
    if packed[0] != 0x1f || packed[1] != 0x8b || packed[2] != 8 {
        return Err(GzipError::NotGzip);
    }
    let flags = packed[3];
    if flags & RESERVED != 0 {
        return Err(GzipError::ReservedFlags);
    }
    let mut at = 10;
    let skip = |n: usize, at: &mut usize| -> Result<(), GzipError> {
        *at = at.checked_add(n).ok_or(GzipError::Truncated)?;
        if *at > packed.len() {
            return Err(GzipError::Truncated);
        }
        Ok(())
    };
    if flags & FEXTRA != 0 {
        skip(2, &mut at)?;
        let n = u16::from_le_bytes([packed[at - 2], packed[at - 1]]) as usize;
        skip(n, &mut at)?;
    }
    for field in [FNAME, FCOMMENT] {
        if flags & field != 0 {
            // Zero-terminated.
            let end = packed[at..]
                .iter()
                .position(|&b| b == 0)
                .ok_or(GzipError::Truncated)?;
            skip(end + 1, &mut at)?;
        }
    }
    if flags & FHCRC != 0 {
        skip(2, &mut at)?;
    }
    if packed.len() - at < 8 {
        return Err(GzipError::Truncated);
    }
    Ok(&packed[at..])
}

/// Compresses the boxed bytes of an object into gzip data for a `gzip_packed`'s
/// `packed_data`. `level` is deflate's 0 (store) to 10 (smallest); 6 is the usual balance.
pub fn pack(boxed: &[u8], level: u8) -> Vec<u8> {
    let deflated = miniz_oxide::deflate::compress_to_vec(boxed, level.min(10));
    let mut out = Vec::with_capacity(10 + deflated.len() + 8);
    // Magic, deflate, no flags, no mtime, no extra flags, OS "unknown".
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    out.extend_from_slice(&deflated);
    out.extend_from_slice(&crc32fast::hash(boxed).to_le_bytes());
    out.extend_from_slice(&(boxed.len() as u32).to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn round_trip() {
        let data: Vec<u8> = (0..10_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        for level in [0, 1, 6, 10] {
            let packed = pack(&data, level);
            assert_eq!(unpack(&packed, data.len()).unwrap(), data);
        }
        assert_eq!(unpack(&pack(&[], 6), 0).unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn reads_gzip_written_by_other_tools() {
        // `printf hello > a; gzip -c a | xxd -i` (GNU gzip 1.12): FNAME and an mtime set.
        let hello = [
            0x1f, 0x8b, 0x08, 0x08, 0x14, 0xbf, 0x07, 0x6b, 0x00, 0x03, 0x61, 0x00, 0xcb, 0x48,
            0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x86, 0xa6, 0x10, 0x36, 0x05, 0x00, 0x00, 0x00,
        ];
        assert_eq!(unpack(&hello, 100).unwrap(), b"hello");
    }

    #[test]
    fn a_zip_bomb_is_an_error_not_an_allocation() {
        let zeros = vec![0u8; 8 * 1024 * 1024];
        let packed = pack(&zeros, 10);
        assert!(packed.len() < 16 * 1024, "{} bytes", packed.len());
        assert_eq!(
            unpack(&packed, 1024 * 1024),
            Err(GzipError::TooLarge { limit: 1024 * 1024 })
        );
        assert_eq!(unpack(&packed, zeros.len()).unwrap().len(), zeros.len());
    }

    #[test]
    fn damaged_input_is_an_error() {
        let packed = pack(b"some object bytes, some object bytes", 6);
        for cut in 0..packed.len() {
            assert!(unpack(&packed[..cut], 1 << 20).is_err(), "prefix of {cut}");
        }
        let mut bad = packed.clone();
        bad[0] = 0;
        assert_eq!(unpack(&bad, 1 << 20), Err(GzipError::NotGzip));
        let mut bad = packed.clone();
        bad[3] = 0x80;
        assert_eq!(unpack(&bad, 1 << 20), Err(GzipError::ReservedFlags));
        let mut bad = packed.clone();
        let n = bad.len();
        bad[n - 8] ^= 1;
        assert_eq!(unpack(&bad, 1 << 20), Err(GzipError::ChecksumMismatch));
        let mut bad = packed.clone();
        bad[n - 1] ^= 1;
        assert_eq!(unpack(&bad, 1 << 20), Err(GzipError::LengthMismatch));
        // Every single-byte corruption of the body is caught or decodes to the original.
        for i in 10..n - 8 {
            let mut bad = packed.clone();
            bad[i] ^= 0x55;
            if let Ok(out) = unpack(&bad, 1 << 20) {
                assert_eq!(out, b"some object bytes, some object bytes");
            }
        }
        // Header fields that claim more than is there.
        let mut extra = vec![0x1f, 0x8b, 8, FEXTRA, 0, 0, 0, 0, 0, 0, 0xff, 0xff];
        extra.extend_from_slice(&[0; 8]);
        assert_eq!(unpack(&extra, 100), Err(GzipError::Truncated));
        let mut name = vec![0x1f, 0x8b, 8, FNAME, 0, 0, 0, 0, 0, 0];
        name.extend_from_slice(&[b'x'; 20]);
        assert_eq!(unpack(&name, 100), Err(GzipError::Truncated));
    }
}
