//! Shared helpers for reading text input.

use std::path::Path;

use crate::error::{Error, Location, Result};

/// Reads a whole file; refuses a path that is not a regular file (a FIFO
/// would block, a device such as `/dev/zero` never ends) before opening it.
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let mut file = open_regular(path)?;
    let mut bytes = Vec::with_capacity(file.metadata().map_or(0, |m| m.len() as usize));
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(|e| Error::io(path, e))?;
    Ok(bytes)
}

/// Opens an input file: refuses a path that is not a regular file (a FIFO
/// would block, a device such as `/dev/zero` never ends) before opening it,
/// and the temporary file of an interrupted write ([`Error::PartialOutput`]).
pub(crate) fn open_regular(path: &Path) -> Result<std::fs::File> {
    crate::io::write::refuse_partial(path)?;
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        if meta.is_dir() {
            return Err(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a folder, not a file"),
            ));
        }
        return Err(Error::NotRegularFile { path: path.to_path_buf() });
    }
    std::fs::File::open(path).map_err(|e| Error::io(path, e))
}

/// `text` with surrounding white space trimmed, as [`str::trim`] does: a
/// cell that starts and ends with a printable ASCII character (most cells
/// of a large file) is returned as it is without a look at its characters
/// (every other white space character is ASCII below `!` or not ASCII).
#[inline]
pub(crate) fn trim(text: &str) -> &str {
    let printable = |b: Option<&u8>| b.is_some_and(|&b| (b'!'..0x80).contains(&b));
    if printable(text.as_bytes().first()) && printable(text.as_bytes().last()) { text } else { text.trim() }
}

/// Checks that `bytes` is UTF-8 text without NUL bytes, naming the line of
/// the first bad byte.
pub(crate) fn utf8<'a>(bytes: &'a [u8], file: &Path) -> Result<&'a str> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = LineIndex::of_bytes(&bytes[..e.valid_up_to()]).line(e.valid_up_to());
        Error::NotUtf8 { location: Location::line(file, line) }
    })?;
    if let Some(pos) = text.find('\0') {
        let line = LineIndex::of_bytes(&bytes[..pos]).line(pos);
        return Err(Error::NotUtf8 { location: Location::line(file, line) });
    }
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Line numbers of byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    /// Byte offset of the start of each line; `starts[0] == 0`.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub(crate) fn new(text: &str) -> Self {
        Self::of_bytes(text.as_bytes())
    }

    /// Lines end with `\n`, `\r\n` or a lone `\r` (old Mac files), as the
    /// `csv` crate reads them.
    ///
    /// # Complexity
    ///
    /// O(n), in parts of a few megabytes on the current rayon pool.
    pub(crate) fn of_bytes(bytes: &[u8]) -> Self {
        scan(bytes, SCAN_PART, false).lines
    }

    /// The number of lines (a last line without a line end counts).
    pub(crate) fn count(&self) -> usize {
        self.starts.len()
    }

    /// The 1-based line of the byte at `offset`.
    pub(crate) fn line(&self, offset: usize) -> u64 {
        self.starts.partition_point(|&s| s <= offset) as u64
    }

    /// The 1-based line where a CSV record starts.
    ///
    /// The `csv` crate's own line numbers go wrong after blank lines and with
    /// `\r\n` line ends; its byte offset is right but points at the end of
    /// the previous record, before any line ends and blank lines, so those
    /// are skipped here. A record the reader has just read always has a
    /// position; `0` for none (errors without a position say no line: see
    /// [`csv_error_at`]).
    pub(crate) fn csv_line(&self, bytes: &[u8], position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else { return 0 };
        let mut offset = usize::try_from(position.byte()).unwrap_or(usize::MAX).min(bytes.len());
        while let Some(b'\r' | b'\n') = bytes.get(offset) {
            offset += 1;
        }
        self.line(offset)
    }

    /// As [`csv_line`](Self::csv_line), for records read in order: `seen`
    /// (0 at first) keeps how many line starts the previous record was
    /// past, so that a record's line is found by stepping over the few
    /// lines since then instead of a binary search (a record before the
    /// previous one is searched for).
    pub(crate) fn csv_line_after(&self, bytes: &[u8], position: Option<&csv::Position>, seen: &mut usize) -> u64 {
        let Some(position) = position else { return 0 };
        let mut offset = usize::try_from(position.byte()).unwrap_or(usize::MAX).min(bytes.len());
        while let Some(b'\r' | b'\n') = bytes.get(offset) {
            offset += 1;
        }
        self.line_after(offset, seen)
    }

    /// As [`line`](Self::line), for offsets met in order: `seen` (0 at
    /// first) keeps how many line starts the previous offset was past, so
    /// that an offset's line is found by stepping over the few lines since
    /// then instead of a binary search.
    pub(crate) fn line_after(&self, offset: usize, seen: &mut usize) -> u64 {
        let mut k = *seen;
        // The first offset (`seen` 0, at any place of the file: a block of
        // rows starts anywhere) and an offset before the previous one are
        // searched for; the others step on from the previous one.
        if k == 0 || self.starts.get(k - 1).is_none_or(|&s| s > offset) {
            k = self.starts.partition_point(|&s| s <= offset);
        }
        while self.starts.get(k).is_some_and(|&s| s <= offset) {
            k += 1;
        }
        *seen = k;
        k as u64
    }
}

/// What [`scan`] finds in some bytes.
struct Scan {
    lines: LineIndex,
    /// Whether the bytes hold a NUL.
    nul: bool,
    /// Whether they hold a quote.
    quote: bool,
}

/// About how many bytes [`scan`] reads in one part.
const SCAN_PART: usize = 4 << 20;

/// The line starts of `bytes` and, when `marks` is set, whether they hold
/// a NUL or a quote (both `false` when not looked for), read in parts of
/// about `part` bytes (each ending after a `\n`, so that no `\r\n` is cut)
/// on the current rayon pool.
fn scan(bytes: &[u8], part: usize, marks: bool) -> Scan {
    let mut parts = Vec::new();
    let mut from = 0;
    while from < bytes.len() {
        let cut = from.saturating_add(part.max(1)).min(bytes.len());
        let to = memchr::memchr(b'\n', &bytes[cut..]).map_or(bytes.len(), |k| cut + k + 1);
        parts.push(from..to);
        from = to;
    }
    let read = |range: &std::ops::Range<usize>| {
        let part = &bytes[range.clone()];
        // A `\r` ends a line unless a `\n` follows it.
        let starts: Vec<usize> = memchr::memchr2_iter(b'\n', b'\r', part)
            .map(|k| range.start + k)
            .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
            .map(|i| i + 1)
            .collect();
        (starts, marks && memchr::memchr(0, part).is_some(), marks && memchr::memchr(b'"', part).is_some())
    };
    #[cfg(feature = "rayon")]
    let found: Vec<(Vec<usize>, bool, bool)> = {
        use rayon::prelude::*;
        parts.par_iter().map(read).collect()
    };
    #[cfg(not(feature = "rayon"))]
    let found: Vec<(Vec<usize>, bool, bool)> = parts.iter().map(read).collect();
    let mut starts = Vec::with_capacity(1 + found.iter().map(|f| f.0.len()).sum::<usize>());
    starts.push(0);
    let (mut nul, mut quote) = (false, false);
    for (part_starts, part_nul, part_quote) in found {
        starts.extend_from_slice(&part_starts);
        nul |= part_nul;
        quote |= part_quote;
    }
    Scan { lines: LineIndex { starts }, nul, quote }
}

/// A CSV file's bytes as text, checked as [`csv_utf8`] does (UTF-8 without
/// NUL, a leading byte-order mark dropped), with its line index and whether
/// it holds a quote: the checks and the index in one pass over the text
/// ([`scan`]).
#[derive(Debug)]
pub(crate) struct CsvText<'a> {
    pub(crate) text: &'a str,
    pub(crate) lines: LineIndex,
    pub(crate) quoted: bool,
}

/// See [`CsvText`].
///
/// # Errors
///
/// As [`csv_utf8`].
pub(crate) fn csv_text<'a>(bytes: &'a [u8], file: &Path) -> Result<CsvText<'a>> {
    // The text after a byte-order mark is checked and scanned side by side.
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let (text, Scan { lines, nul, quote }) =
        crate::graph::join(|| std::str::from_utf8(body), || scan(body, SCAN_PART, true));
    let text = match text {
        Ok(text) => text,
        // Names the line and column of the first bad byte.
        Err(_) => csv_utf8(bytes, file)?,
    };
    if nul {
        // Names the line and column of the first NUL.
        csv_utf8(bytes, file)?;
    }
    Ok(CsvText { text, lines, quoted: quote })
}

/// Checks a CSV header row: a file of blank lines (or nothing) has none,
/// and no column may appear twice (a `required` column's name compared with
/// surrounding white space trimmed, as it is matched; others exactly). Both
/// the portfolio and the edge-list readers call it, so they agree.
pub(crate) fn check_header(header: &csv::StringRecord, file: &Path, line: u64, required: &[&str]) -> Result<()> {
    if header.iter().all(|h| h.trim().is_empty()) && header.len() <= 1 {
        return Err(Error::EmptyFile { location: Location::file(file) });
    }
    let keys: Vec<&str> = header.iter().map(|h| if required.contains(&h.trim()) { h.trim() } else { h }).collect();
    for (i, key) in keys.iter().enumerate() {
        if keys[..i].contains(key) {
            return Err(Error::Malformed {
                location: Location::field(file, line, *key),
                message: format!("column `{key}` appears twice in the header"),
            });
        }
    }
    Ok(())
}

/// A CSV error as an [`Error::Malformed`] at its line (`lines` and `bytes`
/// are of the text the reader read).
pub(crate) fn csv_error_at(e: &csv::Error, file: &Path, lines: &LineIndex, bytes: &[u8]) -> Error {
    let line = e.position().map(|p| lines.csv_line(bytes, Some(p)));
    Error::Malformed { location: Location { file: file.into(), line, field: None }, message: csv_message(e) }
}

/// As [`csv_error_at`] for an error of a reader that started at byte `base`
/// of `bytes`.
pub(crate) fn csv_error_from(e: &csv::Error, file: &Path, lines: &LineIndex, bytes: &[u8], base: usize) -> Error {
    let line = e.position().map(|p| {
        let mut at = p.clone();
        at.set_byte(p.byte() + base as u64);
        lines.csv_line(bytes, Some(&at))
    });
    Error::Malformed { location: Location { file: file.into(), line, field: None }, message: csv_message(e) }
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("row has {len} fields, the header has {expected_len}")
        }
        _ => e.to_string(),
    }
}

/// As [`utf8`] for a CSV file, naming the column of the first bad field
/// when the bytes still split into CSV records.
pub(crate) fn csv_utf8<'a>(bytes: &'a [u8], file: &Path) -> Result<&'a str> {
    utf8(bytes, file).map_err(|e| bad_csv_field(bytes, file).unwrap_or(e))
}

/// The location of the first CSV field that is not UTF-8 text or holds a NUL
/// byte, with its column name from the header; `None` when it is in the
/// header or the bytes are not CSV.
fn bad_csv_field(bytes: &[u8], file: &Path) -> Option<Error> {
    let bad = |field: &[u8]| std::str::from_utf8(field).is_err() || field.contains(&0);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut records = reader.byte_records();
    let header = records.next()?.ok()?;
    if header.iter().any(bad) {
        return None;
    }
    let lines = LineIndex::of_bytes(bytes);
    for record in records {
        let record = record.ok()?;
        if let Some(i) = record.iter().position(bad) {
            let line = lines.csv_line(bytes, record.position());
            let column = header.get(i).and_then(|h| std::str::from_utf8(h).ok());
            let location = match column {
                Some(name) => Location::field(file, line, name.trim()),
                None => Location::line(file, line),
            };
            return Some(Error::NotUtf8 { location });
        }
    }
    None
}

/// Checks the quoting of CSV text (RFC 4180): a quoted field must be closed,
/// and a closing quote must be followed by a comma or the end of the line.
/// The `csv` crate reads both silently (to the end of the file, or gluing the
/// rest of the field on), so this check runs first.
pub(crate) fn check_quotes(text: &str, file: &Path) -> Result<()> {
    let bytes = text.as_bytes();
    // Text without quotes has no quoting to check (a `memchr` search first:
    // every error below is inside a quoted field).
    if !bytes.contains(&b'"') {
        return Ok(());
    }
    let mut line = 1u64;
    let mut at_field_start = true;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' if at_field_start => {
                let opened = line;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => {
                            return Err(Error::Malformed {
                                location: Location::line(file, opened),
                                message: "quoted field is never closed".into(),
                            });
                        }
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                        Some(b'"') => break,
                        Some(b'\n') => {
                            line += 1;
                            i += 1;
                        }
                        Some(b'\r') if bytes.get(i + 1) != Some(&b'\n') => {
                            line += 1;
                            i += 1;
                        }
                        Some(_) => i += 1,
                    }
                }
                i += 1; // closing quote
                match bytes.get(i) {
                    None | Some(b',' | b'\n' | b'\r') => {}
                    Some(_) => {
                        return Err(Error::Malformed {
                            location: Location::line(file, line),
                            message: "text after the closing quote of a field".into(),
                        });
                    }
                }
                at_field_start = false;
                continue;
            }
            b',' => at_field_start = true,
            b'\r' => {
                if bytes.get(i + 1) != Some(&b'\n') {
                    line += 1;
                }
                at_field_start = true;
            }
            b'\n' => {
                line += 1;
                at_field_start = true;
            }
            _ => at_field_start = false,
        }
        i += 1;
    }
    Ok(())
}

/// Sets bit `i % 64` of `bits[i / 64]` for each byte `bytes[i]` that is
/// one of `needles`, and clears the others (`bits` is resized to
/// `bytes.len().div_ceil(64)` words).
///
/// With AVX2 (found at run time), 32 bytes are compared at once, through
/// `pulp`'s safe wrappers of the intrinsics (the crate forbids unsafe
/// code); elsewhere eight bytes at a time as one integer.
pub(crate) fn mark_bits<const N: usize>(needles: [u8; N], bytes: &[u8], bits: &mut Vec<u64>) {
    debug_assert!(!needles.contains(&0), "a zero needle would find the padding past the end");
    bits.clear();
    bits.resize(bytes.len().div_ceil(64), 0);
    #[cfg(target_arch = "x86_64")]
    if let Some(simd) = pulp::x86::V3::try_new() {
        let whole = bytes.len() / 64;
        pulp::Simd::vectorize(simd, Avx2Marks { simd, needles, bytes: &bytes[..whole * 64], bits: &mut bits[..whole] });
        mark_bits_by_words(needles, &bytes[whole * 64..], &mut bits[whole..]);
        return;
    }
    mark_bits_by_words(needles, bytes, bits);
}

/// [`mark_bits`] eight bytes at a time (`bits` has room for every byte).
fn mark_bits_by_words<const N: usize>(needles: [u8; N], bytes: &[u8], bits: &mut [u64]) {
    let needles = needles.map(|b| BYTES * u64::from(b));
    for (at, eight) in bytes.chunks(8).enumerate() {
        let word = crate::model::le_word(eight);
        let marks = needles.iter().fold(0, |marks, &needle| marks | zero_bytes(word ^ needle));
        // The top bit of each marked byte, gathered into the byte's 8 bits.
        let gathered = ((marks >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
        bits[at / 8] |= gathered << (at % 8 * 8);
    }
}

/// [`mark_bits`] of whole 64-byte chunks, with AVX2: run by
/// `Simd::vectorize`, whose `with_simd` is compiled for AVX2 with all it
/// inlines (hence no closures in it: the intrinsics would be calls).
#[cfg(target_arch = "x86_64")]
struct Avx2Marks<'a, const N: usize> {
    simd: pulp::x86::V3,
    needles: [u8; N],
    bytes: &'a [u8],
    bits: &'a mut [u64],
}

#[cfg(target_arch = "x86_64")]
impl<const N: usize> pulp::WithSimd for Avx2Marks<'_, N> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _: S) {
        use std::arch::x86_64::__m256i;
        let Self { simd, needles, bytes, bits } = self;
        let (avx, avx2) = (simd.avx, simd.avx2);
        let mut wanted = [avx._mm256_setzero_si256(); N];
        for (w, &b) in wanted.iter_mut().zip(&needles) {
            *w = avx._mm256_set1_epi8(b as i8);
        }
        for (chunk, word) in bytes.chunks_exact(64).zip(bits.iter_mut()) {
            let mut halves = [0u64; 2];
            for (half, out) in chunk.chunks_exact(32).zip(&mut halves) {
                let v: __m256i = pulp::bytemuck::cast(<[u8; 32]>::try_from(half).unwrap_or_default());
                let mut hits = avx._mm256_setzero_si256();
                for &w in &wanted {
                    hits = avx2._mm256_or_si256(hits, avx2._mm256_cmpeq_epi8(v, w));
                }
                *out = u64::from(avx2._mm256_movemask_epi8(hits) as u32);
            }
            *word = halves[0] | (halves[1] << 32);
        }
    }
}

/// The places of the set bits of `bits` (from [`mark_bits`]) from `from`
/// on, before `to`, in order.
pub(crate) struct SetBits<'a> {
    bits: &'a [u64],
    /// The word of `mask`.
    word: usize,
    /// The bits left in that word.
    mask: u64,
    to: usize,
}

impl<'a> SetBits<'a> {
    #[inline]
    pub(crate) fn new(bits: &'a [u64], from: usize, to: usize) -> Self {
        let word = from / 64;
        let mask = bits.get(word).map_or(0, |&w| w & (u64::MAX << (from % 64)));
        Self { bits, word, mask, to }
    }
}

impl Iterator for SetBits<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            self.word += 1;
            if self.word * 64 >= self.to {
                return None;
            }
            self.mask = *self.bits.get(self.word)?;
        }
        let place = self.word * 64 + self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        (place < self.to).then_some(place)
    }
}

/// The place of the first `needle` in `bytes`: 8 bytes at a time for the
/// short fields of a CSV row (a cell of a few dozen bytes), where the call
/// of a vector search costs more than the search; `memchr` for longer ones.
#[inline]
pub(crate) fn find_byte(needle: u8, bytes: &[u8]) -> Option<usize> {
    if bytes.len() > 64 {
        return memchr::memchr(needle, bytes);
    }
    let wanted = BYTES * u64::from(needle);
    for (at, eight) in bytes.chunks(8).enumerate() {
        // Padding zeros past the end are no match unless the needle is 0.
        let marks = zero_bytes(crate::model::le_word(eight) ^ wanted);
        if marks != 0 {
            let i = at * 8 + (marks.trailing_zeros() / 8) as usize;
            return (i < bytes.len()).then_some(i);
        }
    }
    None
}

/// A 1 in every byte of a word.
const BYTES: u64 = u64::from_le_bytes([1; 8]);

/// The top bit of each zero byte of `word`, and nothing else (exact: no
/// borrow runs from one byte into the next).
#[inline]
fn zero_bytes(word: u64) -> u64 {
    const LOW: u64 = BYTES * 0x7f;
    !(((word & LOW) + LOW) | word | LOW)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_and_cursor_agree_with_a_byte_by_byte_reading() {
        let naive = |bytes: &[u8]| -> Vec<usize> {
            let mut starts = vec![0];
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                    starts.push(i + 1);
                }
            }
            starts
        };
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for len in (0..40).chain([63, 64, 65, 200, 1000]) {
            for _ in 0..20 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        [b'\n', b'\r', b'a', 0x8a, 0x0d ^ 0x80, b','][(x % 6) as usize]
                    })
                    .collect();
                let lines = LineIndex::of_bytes(&bytes);
                assert_eq!(lines.starts, naive(&bytes), "{bytes:?}");
                // The cursor, offsets in order then one going back.
                let mut seen = 0;
                let mut offsets: Vec<u64> = (0..=len as u64).step_by(3).collect();
                offsets.push(len as u64 / 2);
                for o in offsets {
                    let mut p = csv::Position::new();
                    p.set_byte(o);
                    assert_eq!(lines.csv_line_after(&bytes, Some(&p), &mut seen), lines.csv_line(&bytes, Some(&p)));
                }
                assert_eq!(lines.csv_line_after(&bytes, None, &mut seen), 0);
            }
        }
    }

    #[test]
    fn a_scan_in_parts_finds_what_one_pass_finds() {
        // Line ends of every kind, at and across every part boundary.
        let texts = [
            "a\r\nb\rc\n\r\r\n\n\rd\r",
            "\r\n\r\n\n\n\r\r",
            "x,y\n1,\"2\"\r\n3,4\r5,6",
            "no line end",
            "",
            "a\0b\nc\r\n",
        ];
        for text in texts {
            let bytes = text.as_bytes();
            let mut expected = vec![0];
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                    expected.push(i + 1);
                }
            }
            for part in [1, 2, 3, 5, 8, 1000] {
                let scan = scan(bytes, part, true);
                assert_eq!(scan.lines.starts, expected, "{text:?} in parts of {part}");
                assert_eq!((scan.nul, scan.quote), (text.contains('\0'), text.contains('"')), "{text:?}");
                let unmarked = super::scan(bytes, part, false);
                assert_eq!((unmarked.lines.starts, unmarked.nul, unmarked.quote), (expected.clone(), false, false));
            }
        }
        let checked = csv_text(b"\xef\xbb\xbfa,b\n1,\"2\"\n", Path::new("q.csv")).unwrap();
        assert_eq!((checked.text, checked.quoted, checked.lines.count()), ("a,b\n1,\"2\"\n", true, 3));
        let e = csv_text(b"a,b\n1,\0\n", Path::new("u.csv")).unwrap_err();
        assert_eq!(e.to_string(), csv_utf8(b"a,b\n1,\0\n", Path::new("u.csv")).unwrap_err().to_string());
        let e = csv_text(b"a,b\n1,\xff\n", Path::new("u.csv")).unwrap_err();
        assert_eq!(e.to_string(), csv_utf8(b"a,b\n1,\xff\n", Path::new("u.csv")).unwrap_err().to_string());
    }

    #[test]
    fn trim_trims_as_the_standard_library() {
        for text in
            ["", " ", "a", " a ", "\u{b}a", "a\u{b}", "\u{a0}a", "a\u{3000}", "ab", "\ta b\r", "é", " é", "~", "\u{7f}"]
        {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn line_index_counts_from_one() {
        let lines = LineIndex::new("ab\ncd\n\nx");
        let got: Vec<u64> = (0..8).map(|o| lines.line(o)).collect();
        assert_eq!(got, [1, 1, 1, 2, 2, 2, 3, 4]);
    }

    #[test]
    fn csv_lines_count_blank_lines_and_crlf() {
        for text in ["a\n1\n\n\n2\n", "a\r\n1\r\n\r\n\r\n2\r\n", "\na\n\n1\n\n2", "a\n1\n\r\n\n2"] {
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
            let lines = LineIndex::new(text);
            let got: Vec<(String, u64)> = reader
                .records()
                .map(|r| r.unwrap())
                .map(|r| (r[0].to_string(), lines.csv_line(text.as_bytes(), r.position())))
                .collect();
            let expected: Vec<(String, u64)> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.is_empty())
                .map(|(i, l)| (l.to_string(), i as u64 + 1))
                .collect();
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        for text in ["a\r1\r\r\r2\r", "a\r1\n\r\r\n2"] {
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
            let lines = LineIndex::new(text);
            let got: Vec<(String, u64)> = reader
                .records()
                .map(|r| r.unwrap())
                .map(|r| (r[0].to_string(), lines.csv_line(text.as_bytes(), r.position())))
                .collect();
            assert_eq!(got, [("a".to_string(), 1), ("1".to_string(), 2), ("2".to_string(), 5)], "{text:?}");
        }
        assert_eq!(quotes("a,b\r1,2\r3,\"x\ry\"z\r"), Some(4));
        let e = csv_utf8(b"a,b\r1,2\r3,x\xff\r", Path::new("u.csv")).unwrap_err();
        assert_eq!(e.location().and_then(|l| l.line), Some(3));
    }

    fn quotes(text: &str) -> Option<u64> {
        check_quotes(text, Path::new("q.csv")).err().and_then(|e| e.location().and_then(|l| l.line))
    }

    #[test]
    fn quote_check_accepts_rfc4180() {
        for ok in ["a,b\n", "\"a,b\",\"c\"\"d\"\n", "\"multi\nline\",x\r\n", "a\"b,c\n", "\"\"", "x,\"y\""] {
            assert_eq!(quotes(ok), None, "{ok:?}");
        }
    }

    #[test]
    fn quote_check_names_the_line() {
        assert_eq!(quotes("a,b\n1,\"open\n2,3\n"), Some(2));
        assert_eq!(quotes("a,b\n1,2\n\"x\"y,3\n"), Some(3));
        assert_eq!(quotes("a,b\n\"two\nlines\"z,3\n"), Some(3));
    }

    #[test]
    fn bad_bytes_name_line_and_column() {
        let e = csv_utf8(b"a,b\n1,2\n3,x\xff\n", Path::new("u.csv")).unwrap_err();
        assert_eq!(e.location(), Some(&Location::field("u.csv", 3, "b")));
        let e = csv_utf8(b"a,b\n1,\0\n", Path::new("u.csv")).unwrap_err();
        assert_eq!(e.location(), Some(&Location::field("u.csv", 2, "b")));
        let e = csv_utf8(b"a,\xff\n1,2\n", Path::new("u.csv")).unwrap_err();
        assert_eq!(e.location(), Some(&Location::line("u.csv", 1)));
    }

    proptest::proptest! {
        #[test]
        fn marks_and_byte_searches_agree_with_memchr(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
            dense in proptest::collection::vec(
                proptest::sample::select(vec![b',', b'\n', b'\r', b';', b'a', 0, 0x80, 0xff, b'-']),
                0..300,
            ),
        ) {
            // Arbitrary bytes, and bytes dense with the ones sought: the
            // AVX2 and word-at-a-time bitmaps agree, their set bits in any
            // range are memchr's finds, and so are find_byte's.
            for text in [&bytes, &dense] {
                let mut bits = Vec::new();
                mark_bits([b',', b'\n'], text, &mut bits);
                let mut scalar = vec![0; bits.len()];
                mark_bits_by_words([b',', b'\n'], text, &mut scalar);
                proptest::prop_assert_eq!(&bits, &scalar);
                let expected: Vec<usize> = memchr::memchr2_iter(b',', b'\n', text).collect();
                for (from, to) in [(0, text.len()), (text.len() / 3, text.len() / 2), (1, text.len().saturating_sub(1))] {
                    let within: Vec<usize> = expected.iter().copied().filter(|&i| i >= from && i < to).collect();
                    proptest::prop_assert_eq!(SetBits::new(&bits, from, to).collect::<Vec<_>>(), within);
                }
                for needle in [b';', b',', 0] {
                    for start in [0, text.len() / 4] {
                        let part = &text[start..];
                        proptest::prop_assert_eq!(find_byte(needle, part), memchr::memchr(needle, part));
                    }
                }
                mark_bits([b',', b'\n', b'\r'], text, &mut bits);
                let all: Vec<usize> = SetBits::new(&bits, 0, text.len()).collect();
                proptest::prop_assert_eq!(all, memchr::memchr3_iter(b',', b'\n', b'\r', text).collect::<Vec<_>>());
            }
        }
    }
}
