//! A fast record splitter for `interactions.csv`: records without quotes
//! or carriage returns are split at `,` and `\n` (found with `memchr`) in the
//! read buffer, in place; from the first record that holds a `"` or a `\r`
//! on, the rest of the input goes through the csv crate, so quoted files
//! read exactly as the csv crate reads them.
//!
//! Either way the records, their lines and the errors are the csv crate's
//! (`has_headers(false)`, `flexible(false)`): empty lines are skipped, a
//! record's line is the csv crate's position (the line after the previous
//! record, blank lines not counted), and a record whose field count differs
//! from the first record's is an error at its line. A property test checks
//! the two against each other on arbitrary and near-valid bytes.

use std::io::{Chain, Cursor, Read};
use std::ops::Range;

/// One record: the fields of `bytes` at `bounds`.
pub(crate) struct Record<'a> {
    bytes: &'a [u8],
    bounds: &'a [(usize, usize)],
}

impl<'a> Record<'a> {
    /// Number of fields.
    pub(crate) fn len(&self) -> usize {
        self.bounds.len()
    }

    /// Field `i`.
    pub(crate) fn get(&self, i: usize) -> Option<&'a [u8]> {
        self.range(i).map(|r| &self.bytes[r])
    }

    /// Where field `i` lies in [`as_slice`](Self::as_slice).
    pub(crate) fn range(&self, i: usize) -> Option<Range<usize>> {
        self.bounds.get(i).map(|&(s, e)| s..e)
    }

    /// The bytes the fields are sliced from (with or without separators
    /// between them: only the ranges count).
    pub(crate) fn as_slice(&self) -> &'a [u8] {
        self.bytes
    }

    /// The fields in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// Why a record could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Fail {
    /// The reader failed (the csv crate gives no line).
    Io,
    /// A record with `len` fields where the first record has `expected`.
    UnequalLengths { line: u64, expected: usize, len: usize },
}

enum Mode<R: Read> {
    Fast(R),
    /// The csv crate from the hand-over on; its first record is at line
    /// `first` (while not `None`), the others `offset` lines below its count.
    Csv {
        reader: Box<csv::Reader<Chain<Cursor<Vec<u8>>, R>>>,
        offset: u64,
        first: Option<u64>,
    },
    Gone,
}

/// The splitter (see the module's documentation).
pub(crate) struct Splitter<R: Read> {
    mode: Mode<R>,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    /// The csv crate's line counter at `start`.
    line: u64,
    bounds: Vec<(usize, usize)>,
    expected: Option<usize>,
    record: csv::ByteRecord,
    /// The first `"` or `\r` at or after `start` (`end` if none).
    special: usize,
    /// The commas and `\n`s of `buf[..end]`, a bit each (see
    /// [`mark_bits`](crate::io::text::mark_bits)).
    marks: Vec<u64>,
    /// Whether a record came from the fast path (the csv crate strips a
    /// byte-order mark only before its first record).
    started: bool,
}

impl<R: Read> Splitter<R> {
    /// A splitter over `reader`, with a buffer of `capacity` bytes (it
    /// grows for a longer record).
    pub(crate) fn new(reader: R, capacity: usize) -> Self {
        Self {
            mode: Mode::Fast(reader),
            buf: vec![0; capacity.max(16)],
            start: 0,
            end: 0,
            eof: false,
            line: 1,
            bounds: Vec::new(),
            expected: None,
            record: csv::ByteRecord::new(),
            started: false,
            special: 0,
            marks: Vec::new(),
        }
    }

    /// The next record and its line, `None` at the end.
    pub(crate) fn next_record(&mut self) -> Result<Option<(u64, Record<'_>)>, Fail> {
        loop {
            match self.mode {
                Mode::Fast(_) => match self.scan() {
                    Scan::Record(line, at, len) => {
                        self.check(line)?;
                        let bytes = &self.buf[at..at + len];
                        return Ok(Some((line, Record { bytes, bounds: &self.bounds })));
                    }
                    Scan::End => return Ok(None),
                    Scan::More => self.refill()?,
                    Scan::HandOver => self.hand_over(),
                },
                Mode::Csv { ref mut reader, offset, ref mut first } => {
                    match reader.read_byte_record(&mut self.record) {
                        Ok(true) => {}
                        Ok(false) => return Ok(None),
                        Err(_) => return Err(Fail::Io),
                    }
                    let line = match first.take() {
                        Some(line) => line,
                        None => self.record.position().map_or(1, csv::Position::line) + offset,
                    };
                    self.bounds.clear();
                    for i in 0..self.record.len() {
                        if let Some(r) = self.record.range(i) {
                            self.bounds.push((r.start, r.end));
                        }
                    }
                    self.check(line)?;
                    return Ok(Some((line, Record { bytes: self.record.as_slice(), bounds: &self.bounds })));
                }
                Mode::Gone => return Ok(None),
            }
        }
    }

    /// The csv crate's `flexible(false)`: every record as long as the first.
    fn check(&mut self, line: u64) -> Result<(), Fail> {
        let len = self.bounds.len();
        match self.expected {
            None => {
                self.expected = Some(len);
                Ok(())
            }
            Some(expected) if expected != len => Err(Fail::UnequalLengths { line, expected, len }),
            Some(_) => Ok(()),
        }
    }

    /// Looks for one whole record from `start`: blank lines skipped, fields
    /// split at `,`, `bounds` relative to the record's first byte.
    #[inline]
    fn scan(&mut self) -> Scan {
        if !self.started {
            // The csv crate strips a byte-order mark at the start (when its
            // first read holds three bytes, and stops at once if it holds
            // nothing else): the csv crate reads such a file, and its first
            // read gets more than the mark.
            if self.end < 4 && !self.eof {
                return Scan::More;
            }
            if self.buf[..self.end].first() == Some(&0xEF) {
                return Scan::HandOver;
            }
        }
        let buf = &self.buf[..self.end];
        let mut line = self.line;
        let mut rec = self.start;
        // Blank lines.
        while rec < buf.len() && buf[rec] == b'\n' {
            rec += 1;
            line += 1;
        }
        self.bounds.clear();
        // Up to the first `"` or `\r`: fields end at `,`, the record at `\n`.
        let hay = &buf[rec..self.special];
        let mut field = 0;
        for i in crate::io::text::SetBits::new(&self.marks, rec, self.special).map(|at| at - rec) {
            self.bounds.push((field, i));
            if hay[i] == b',' {
                field = i + 1;
            } else {
                let at = self.line;
                self.line = line + 1;
                self.started = true;
                self.start = rec + i + 1;
                return Scan::Record(at, rec, i);
            }
        }
        if self.special < self.end {
            return Scan::HandOver;
        }
        let i = buf.len();
        if !self.eof {
            return Scan::More;
        }
        if rec == buf.len() {
            self.start = rec;
            self.line = line;
            return Scan::End;
        }
        self.bounds.push((field, i - rec));
        let at = self.line;
        self.line = line;
        self.start = buf.len();
        self.started = true;
        Scan::Record(at, rec, i - rec)
    }

    /// Moves the unread bytes to the front and reads more (the buffer
    /// doubles when one record fills it).
    fn refill(&mut self) -> Result<(), Fail> {
        let Mode::Fast(reader) = &mut self.mode else { return Ok(()) };
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        match reader.read(&mut self.buf[self.end..]) {
            Ok(0) => self.eof = true,
            Ok(n) => self.end += n,
            Err(_) => return Err(Fail::Io),
        }
        self.special =
            memchr::memchr2(b'"', b'\r', &self.buf[self.start..self.end]).map_or(self.end, |i| self.start + i);
        crate::io::text::mark_bits([b',', b'\n'], &self.buf[..self.end], &mut self.marks);
        Ok(())
    }

    /// Hands the rest (from the current record's blank lines on) to the
    /// csv crate, its lines counted from this record's. After the start,
    /// the rest goes with the `\n` before it, so that a fresh csv reader
    /// does not take a byte-order mark there for the file's (it skips the
    /// blank line; its first record is at its line 1, the next ones one
    /// line further than the rest's own count).
    fn hand_over(&mut self) {
        let Mode::Fast(reader) = std::mem::replace(&mut self.mode, Mode::Gone) else { return };
        let (rest, offset, first) = if self.started {
            let mut rest = Vec::with_capacity(self.end - self.start + 1);
            rest.push(b'\n');
            rest.extend_from_slice(&self.buf[self.start..self.end]);
            (rest, self.line - 2, Some(self.line))
        } else {
            (self.buf[self.start..self.end].to_vec(), self.line - 1, None)
        };
        self.buf = Vec::new();
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(Cursor::new(rest).chain(reader));
        self.mode = Mode::Csv { reader: Box::new(reader), offset, first };
    }
}

enum Scan {
    /// A record: its line, first byte and length in the buffer.
    Record(u64, usize, usize),
    End,
    More,
    HandOver,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A reader that gives at most `step` bytes a call.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(out.len()).min(self.1);
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    type Got = (Vec<(u64, Vec<Vec<u8>>)>, Option<Fail>);

    fn by_csv(bytes: &[u8]) -> Got {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(false).from_reader(bytes);
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => out.push((record.position().unwrap().line(), record.iter().map(<[u8]>::to_vec).collect())),
                Ok(false) => return (out, None),
                Err(e) => {
                    let fail = match e.kind() {
                        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => Fail::UnequalLengths {
                            line: e.position().unwrap().line(),
                            expected: *expected_len as usize,
                            len: *len as usize,
                        },
                        _ => Fail::Io,
                    };
                    return (out, Some(fail));
                }
            }
        }
    }

    fn by_splitter(bytes: &[u8], step: usize, capacity: usize) -> Got {
        let mut s = Splitter::new(Trickle(bytes, step), capacity);
        let mut out = Vec::new();
        loop {
            match s.next_record() {
                Ok(Some((line, r))) => out.push((line, r.iter().map(<[u8]>::to_vec).collect())),
                Ok(None) => return (out, None),
                Err(e) => return (out, Some(e)),
            }
        }
    }

    #[test]
    fn known_cases() {
        for text in [
            "",
            "\n",
            "a,b\n\n\nc,d\n",
            "a,b\nc\n",
            "a,b\nc,d",
            "a,b\nc,\"d\ne\"\nf,g\n",
            "a,b\r\nc,d\r\n",
            "\n\na\n\nb\n\"c\"\n\nd,e\n",
            ",\n,\n",
            "\u{feff}a,b\nc,d\n",
            "a,b\n\u{feff}c,d\n",
            "a\n\u{feff}\"c\"\nd\n\ne\n",
            "a\n\n\n\"c\"\n\nd\n\ne\n",
        ] {
            for step in [1, 3, 1 << 16] {
                assert_eq!(by_splitter(text.as_bytes(), step, 4), by_csv(text.as_bytes()), "{text:?} {step}");
            }
        }
    }

    fn near_valid() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            8 => Just(b"a".to_vec()),
            2 => Just(b"p1@x.com".to_vec()),
            6 => Just(b",".to_vec()),
            4 => Just(b"\n".to_vec()),
            1 => Just(b"\"".to_vec()),
            1 => Just(b"\r".to_vec()),
            1 => Just(b"\r\n".to_vec()),
            1 => Just(b"\xEF\xBB\xBF".to_vec()),
            1 => Just(b" ".to_vec()),
            1 => Just(b"\xC3".to_vec()),
            2 => Just(b"2026-01-05,email,a,b,c\n".to_vec()),
        ];
        proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Same records, lines and errors as the csv crate, on near-valid
        /// bytes, read in pieces of any size.
        #[test]
        fn equals_the_csv_crate_near_valid(bytes in near_valid(), step in 1usize..40, capacity in 1usize..64) {
            prop_assert_eq!(by_splitter(&bytes, step, capacity), by_csv(&bytes));
        }

        /// And on arbitrary bytes.
        #[test]
        fn equals_the_csv_crate_arbitrary(bytes in proptest::collection::vec(any::<u8>(), 0..300), step in 1usize..300) {
            prop_assert_eq!(by_splitter(&bytes, step, 64), by_csv(&bytes));
        }
    }
}
