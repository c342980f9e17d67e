//! `interactions.csv`: the relationship history as a CSV log, and the
//! participant index that matches its participants to contacts.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::days::days_from_ymd;
use super::infer::{InferOptions, Inference};
use super::keys::{Hashed, INLINE, KeyTable};
use super::split::{Fail, Record, Splitter};
use super::{FxBuild, echo};
use crate::error::{DateFormat, Error, Location, Result};
use crate::model::SalesNetworks;
use crate::model::{Interaction, InteractionDate, InteractionKind};
use crate::progress::{CountingReader, Task};

/// What to do with a participant that matches no contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unmatched {
    /// Count it and leave it out (the default for a portfolio): it still
    /// counts toward the participant limit of its interaction.
    #[default]
    Report,
    /// Make every new participant a participant of its own, named by its
    /// text (for raw logs without a portfolio: benchmarks, data sets).
    AddAll,
}

/// Matches the participants of an interaction log (contact ids or e-mail
/// addresses) to `u32` participant indices.
///
/// A participant is, in this order: a contact id (exact); an e-mail address
/// matched, ignoring case, to a contact's `email` attribute; an address
/// whose domain matches an organization's `domain` attribute (or the host of
/// its `website`), which becomes a new contact of that organization with the
/// lowercase address as its id; otherwise unmatched (see [`Unmatched`]).
#[derive(Debug, Clone, Default)]
pub struct ParticipantIndex {
    ids: Vec<String>,
    /// Organization of each participant that was created from a domain.
    created: Vec<(u32, String)>,
    by_key: KeyTable,
    domains: HashMap<String, String, FxBuild>,
    unmatched: Unmatched,
    unmatched_distinct: HashSet<String, FxBuild>,
    lower: String,
}

impl ParticipantIndex {
    /// An empty index (with [`Unmatched::AddAll`] every participant is new).
    pub fn new(unmatched: Unmatched) -> Self {
        Self { unmatched, ..Self::default() }
    }

    /// The index of a portfolio's contacts, in the portfolio's order
    /// (participant `i` is the portfolio's `i`-th contact), with their
    /// `email` attributes and the organizations' `domain` and `website`
    /// attributes.
    pub fn from_networks(networks: &SalesNetworks, unmatched: Unmatched) -> Self {
        let mut index = Self::new(unmatched);
        for contact in networks.contacts() {
            let i = index.push_id(contact.id.as_str());
            if let Some(email) = contact.attributes.get("email") {
                let email = email.trim().to_lowercase();
                if !email.is_empty() {
                    index.by_key.get_or_insert(email.as_bytes(), i);
                }
            }
        }
        for org in networks.organizations() {
            for key in ["domain", "website"] {
                if let Some(host) = org.attributes.get(key).and_then(host_of) {
                    index.domains.entry(host).or_insert_with(|| org.name.clone());
                }
            }
        }
        index
    }

    /// Adds a contact by id and returns its participant index (the id's
    /// existing index if it is already known).
    pub fn add_contact(&mut self, id: &str) -> u32 {
        match self.by_key.get(id.as_bytes()) {
            Some(i) => i,
            None => self.push_id(id),
        }
    }

    fn push_id(&mut self, id: &str) -> u32 {
        let i = self.ids.len() as u32;
        self.ids.push(id.to_string());
        self.by_key.get_or_insert(id.as_bytes(), i);
        i
    }

    /// Adds an e-mail address for an existing participant.
    pub fn add_email(&mut self, participant: u32, email: &str) {
        self.by_key.get_or_insert(email.trim().to_lowercase().as_bytes(), participant);
    }

    /// Number of participants.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The id of a participant (a contact id, or the lowercase address of a
    /// contact created from a domain).
    pub fn id(&self, participant: u32) -> Option<&str> {
        self.ids.get(participant as usize).map(String::as_str)
    }

    /// The participant of an id or e-mail address, if known.
    pub fn get(&self, text: &str) -> Option<u32> {
        self.by_key.get(text.as_bytes()).or_else(|| self.by_key.get(text.to_lowercase().as_bytes()))
    }

    /// Contacts created from an organization's domain: participant and
    /// organization name, in order of first appearance.
    pub fn created(&self) -> &[(u32, String)] {
        &self.created
    }

    /// Distinct unmatched participants seen so far (never stored elsewhere,
    /// never printed).
    pub fn unmatched_distinct(&self) -> usize {
        self.unmatched_distinct.len()
    }

    /// Resolves one participant's text (already trimmed, non-empty).
    pub(crate) fn resolve(&mut self, text: &str) -> Option<u32> {
        self.resolve_hashed(text, &Hashed::new(text.as_bytes()))
    }

    /// Loads the table slot of a participant's text ahead of
    /// [`resolve_hashed`](Self::resolve_hashed) (see [`KeyTable::touch`]).
    #[inline]
    fn touch(&self, h: &Hashed) -> u32 {
        self.by_key.touch(h)
    }

    /// [`resolve`](Self::resolve) with the text's hash computed.
    #[inline]
    fn resolve_hashed(&mut self, text: &str, h: &Hashed) -> Option<u32> {
        if let Some(i) = self.by_key.find(text.as_bytes(), h) {
            return Some(i);
        }
        self.resolve_new(text)
    }

    /// [`resolve`](Self::resolve) of a batch's part: its text is held
    /// whole in `h` when it has at most [`INLINE`] bytes (looked up with no
    /// text), else it is `long`.
    #[inline]
    fn resolve_part(&mut self, h: &Hashed, long: &[u8]) -> Option<u32> {
        if h.len() > INLINE {
            if let Some(i) = self.by_key.find(long, h) {
                return Some(i);
            }
            return self.resolve_new(&utf8(long));
        }
        match self.by_key.find_inline(h) {
            Some(i) => Some(i),
            None => self.resolve_short_new(h),
        }
    }

    /// [`resolve_new`](Self::resolve_new) of a part held whole in `h`.
    #[cold]
    fn resolve_short_new(&mut self, h: &Hashed) -> Option<u32> {
        let bytes = h.inline_key()?;
        // The bytes are a `&str` cut at its ends: valid UTF-8.
        let text = std::str::from_utf8(&bytes[..h.len()]).ok()?;
        self.resolve_new(text)
    }

    /// The rest of [`resolve`](Self::resolve) for a text that is no key as
    /// written: its lowercase form, its domain, or a new or unmatched
    /// participant.
    #[cold]
    fn resolve_new(&mut self, text: &str) -> Option<u32> {
        self.lower.clear();
        self.lower.push_str(text);
        self.lower.make_ascii_lowercase();
        if self.lower.bytes().any(|b| !b.is_ascii()) {
            self.lower = text.to_lowercase();
        }
        if self.lower != text
            && let Some(i) = self.by_key.get(self.lower.as_bytes())
        {
            return Some(i);
        }
        if let Some((_, domain)) = self.lower.rsplit_once('@')
            && let Some(org) = self.domains.get(domain).cloned()
        {
            let key = self.lower.clone();
            let i = self.push_id(&key);
            self.created.push((i, org));
            return Some(i);
        }
        match self.unmatched {
            Unmatched::AddAll => Some(self.push_id(text)),
            Unmatched::Report => {
                if !self.unmatched_distinct.contains(self.lower.as_str()) {
                    self.unmatched_distinct.insert(self.lower.clone());
                }
                None
            }
        }
    }
}

/// The host of a `domain` or `website` value: `https://www.acme.com/x` and
/// `acme.com` both give `acme.com`.
fn host_of(value: &str) -> Option<String> {
    let v = value.trim();
    let v = v.split_once("://").map_or(v, |(_, rest)| rest);
    let v = v.split(['/', '?', '#', ':']).next().unwrap_or("");
    let v = v.strip_prefix("www.").unwrap_or(v).to_lowercase();
    (!v.is_empty()).then_some(v)
}

/// What reading the interaction logs found besides the interactions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InteractionReport {
    /// Rows (interactions) read, at any date.
    pub rows: u64,
    /// Participant mentions that matched no contact.
    pub unmatched_mentions: u64,
    /// Distinct participants that matched no contact.
    pub unmatched_distinct: u64,
    /// Contacts created from an organization's domain.
    pub created_contacts: u64,
}

/// The result of reading interaction logs: the inference ready to finish,
/// the participants and what was found.
#[derive(Debug, Clone)]
pub struct ReadInteractions {
    /// The inference with every interaction added.
    pub inference: Inference,
    /// The participants, with those created from domains.
    pub participants: ParticipantIndex,
    /// Counts of what was read.
    pub report: InteractionReport,
}

/// Reads interaction logs into a new inference. The format goes by the
/// file's extension: `.mbox` (or `.mbx`) is an mbox file of e-mails (see
/// [`mbox`](super#mbox)), `.ics` an iCalendar file of meetings (see
/// [`ics`](super#icalendar)), anything else `interactions.csv`: header
/// `date,kind,from,to` with optional `cc`; other columns are ignored and
/// never read into memory.
///
/// `date` is `YYYY-MM-DD` or an RFC 3339 time (its calendar date as written,
/// in its own offset); `kind` is `email`, `message`, `call`, `meeting` or
/// `visit`; `from` is one participant; `to` and `cc` hold participants
/// separated by `;` (white space around each is ignored). Column names match
/// ignoring case.
///
/// Nothing is half-imported: on any error the index and the inference are
/// dropped and only the error comes back.
///
/// # Errors
///
/// [`Error::Io`]; [`Error::MissingColumn`]; [`Error::Malformed`] (CSV
/// syntax, an unknown kind); [`Error::NotUtf8`]; [`Error::InvalidDateTime`];
/// [`Error::EmptyValue`] (an empty `from`, or no recipient in `to` and
/// `cc`), each naming the file,
/// line and field.
///
/// # Complexity
///
/// One pass, streamed: memory grows with the pairs, not the rows.
pub fn read_interactions(
    paths: &[PathBuf],
    participants: ParticipantIndex,
    options: InferOptions,
) -> Result<ReadInteractions> {
    let mut state = State::new(participants, options);
    state.read_files(paths)?;
    Ok(state.done())
}

/// [`read_interactions`] after a portfolio's own history: `records` (a
/// JSON document's `interactions`, see
/// [`SalesNetworks::interactions`](crate::SalesNetworks::interactions)) are
/// added first, in order, then the files.
///
/// # Errors
///
/// As [`read_interactions`] (the records were checked when read).
pub fn read_history(
    records: &[Interaction],
    paths: &[PathBuf],
    participants: ParticipantIndex,
    options: InferOptions,
) -> Result<ReadInteractions> {
    let mut state = State::new(participants, options);
    for r in records {
        state.push(r.date.day(), r.kind, &r.from, r.to.iter().chain(&r.cc).map(String::as_str));
    }
    state.read_files(paths)?;
    Ok(state.done())
}

/// [`read_interactions`] from any reader, named `name` in errors.
///
/// # Errors
///
/// As [`read_interactions`].
pub fn read_interactions_from(
    reader: impl std::io::BufRead,
    name: &Path,
    participants: ParticipantIndex,
    options: InferOptions,
) -> Result<ReadInteractions> {
    let mut state = State::new(participants, options);
    state.read_any(reader, name)?;
    Ok(state.done())
}

pub(crate) struct State {
    pub(crate) inference: Inference,
    participants: ParticipantIndex,
    report: InteractionReport,
    recipients: Vec<u32>,
}

struct Columns {
    date: usize,
    kind: usize,
    from: usize,
    to: usize,
    cc: Option<usize>,
    /// The header's names as written (a byte-order mark removed).
    headers: Vec<String>,
}

impl Columns {
    /// The other columns (attributes), in order.
    fn extra(&self) -> impl Iterator<Item = usize> + '_ {
        let known = [Some(self.date), Some(self.kind), Some(self.from), Some(self.to), self.cc];
        (0..self.headers.len()).filter(move |i| !known.contains(&Some(*i)))
    }
}

impl State {
    fn new(participants: ParticipantIndex, options: InferOptions) -> Self {
        Self {
            inference: Inference::new(options),
            participants,
            report: InteractionReport::default(),
            recipients: Vec::new(),
        }
    }

    fn done(mut self) -> ReadInteractions {
        self.report.unmatched_distinct = self.participants.unmatched_distinct() as u64;
        self.report.created_contacts = self.participants.created().len() as u64;
        ReadInteractions { inference: self.inference, participants: self.participants, report: self.report }
    }

    /// Reads the files in order (regular files only), reporting the bytes
    /// read of all of them to the options' progress ([`Task::Infer`]).
    fn read_files(&mut self, paths: &[PathBuf]) -> Result<()> {
        let files = paths
            .iter()
            .map(|path| crate::io::text::open_regular(path).map(|f| (path, f)))
            .collect::<Result<Vec<_>>>()?;
        let total = files.iter().map(|(_, f)| f.metadata().map_or(0, |m| m.len())).sum();
        let progress = self.inference.options().progress.clone();
        let mut start = 0;
        for (path, file) in files {
            let size = file.metadata().map_or(0, |m| m.len());
            let counted = CountingReader::new(file, progress.as_ref(), Task::Infer, start, total);
            self.read_any(std::io::BufReader::with_capacity(1 << 16, counted), path)?;
            start += size;
        }
        if let Some(progress) = &progress {
            progress.report(Task::Infer, total, total);
        }
        Ok(())
    }

    fn read_any(&mut self, reader: impl std::io::BufRead, file: &Path) -> Result<()> {
        let ext = file.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("mbox" | "mbx") => super::mbox::read(self, reader, file),
            Some("ics" | "ical" | "ifb" | "icalendar") => super::ics::read(self, reader, file),
            _ => self.read(reader, file),
        }
    }

    /// Reads `interactions.csv` in batches of [`Batch::ROWS`] rows: each
    /// batch's participants are hashed and their table slots loaded
    /// together before any is resolved, so that the cache misses of a
    /// table of many participants overlap instead of following one another.
    /// The participants are resolved and the interactions added in the
    /// file's order, exactly as [`push`](Self::push) adds them one by one.
    fn read(&mut self, reader: impl Read, file: &Path) -> Result<()> {
        let mut batch = Batch::default();
        for_each_row(reader, file, |row, _, _, _| {
            batch.push(row.day, row.kind, row.from, [row.to, row.cc]);
            if batch.rows.len() == Batch::ROWS {
                self.add_batch(&mut batch);
            }
            Ok(())
        })?;
        self.add_batch(&mut batch);
        Ok(())
    }

    /// Adds the batch's rows and empties it.
    fn add_batch(&mut self, batch: &mut Batch) {
        let seen = batch.parts.iter().fold(0u32, |seen, (_, h)| seen ^ self.participants.touch(h));
        std::hint::black_box(seen);
        let mut start = 0;
        for &(day, kind, end) in &batch.rows {
            let mut resolved = batch.parts[start..end as usize]
                .iter()
                .map(|&(range, ref h)| self.participants.resolve_part(h, &batch.text[range.0..range.1]));
            let from = resolved.next().flatten();
            let mut unmatched = u32::from(from.is_none());
            self.recipients.clear();
            for p in resolved {
                match p {
                    Some(i) => self.recipients.push(i),
                    None => unmatched = unmatched.saturating_add(1),
                }
            }
            start = end as usize;
            self.add_resolved(day, kind, from, unmatched);
        }
        batch.rows.clear();
        batch.parts.clear();
        batch.text.clear();
    }

    /// Adds one interaction: participants matched, unmatched ones counted.
    pub(crate) fn push<'a>(
        &mut self,
        day: i32,
        kind: InteractionKind,
        from_text: &str,
        recipients: impl Iterator<Item = &'a str>,
    ) {
        let mut unmatched = 0u32;
        let from = self.participants.resolve(from_text.trim());
        unmatched += u32::from(from.is_none());
        self.recipients.clear();
        for part in recipients {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            match self.participants.resolve(part) {
                Some(i) => self.recipients.push(i),
                None => unmatched = unmatched.saturating_add(1),
            }
        }
        self.add_resolved(day, kind, from, unmatched);
    }

    /// Adds one interaction whose matched recipients are in `self.recipients`.
    fn add_resolved(&mut self, day: i32, kind: InteractionKind, from: Option<u32>, unmatched: u32) {
        self.report.rows += 1;
        self.report.unmatched_mentions += u64::from(unmatched);
        self.inference.add_day(day, kind, from, &self.recipients, unmatched);
    }
}

/// Rows read but not yet added (see [`State::read`]): each row's day, kind
/// and the end of its participants in `parts`; each participant's text
/// (trimmed, as [`State::push`] trims it: the sender always, recipients
/// when not empty) hashed, with its text as a range of `text` when it is
/// longer than [`INLINE`] bytes (a shorter one is held whole in its hash).
#[derive(Default)]
struct Batch {
    rows: Vec<(i32, InteractionKind, u32)>,
    parts: Vec<((usize, usize), Hashed)>,
    text: Vec<u8>,
}

impl Batch {
    /// Rows per batch: enough participants for their slots' cache misses
    /// to overlap, few enough for their slots (a cache line each, about
    /// four a row) to stay in the first-level cache.
    const ROWS: usize = 96;

    /// Adds a row: its sender and the recipients of its `to` and `cc`
    /// fields, split at `;` (what `str::split(';')` gives) and trimmed.
    fn push(&mut self, day: i32, kind: InteractionKind, from: &[u8], recipients: [&[u8]; 2]) {
        self.part(trim(from));
        for field in recipients {
            let mut rest = field;
            while let Some(i) = crate::io::text::find_byte(b';', rest) {
                self.recipient(&rest[..i]);
                rest = &rest[i + 1..];
            }
            self.recipient(rest);
        }
        self.rows.push((day, kind, self.parts.len() as u32));
    }

    #[inline]
    fn recipient(&mut self, part: &[u8]) {
        let part = trim(part);
        if !part.is_empty() {
            self.part(part);
        }
    }

    #[inline]
    fn part(&mut self, text: &[u8]) {
        let h = Hashed::new(text);
        let start = self.text.len();
        if text.len() > INLINE {
            self.text.extend_from_slice(text);
        }
        self.parts.push(((start, self.text.len()), h));
    }
}

/// One checked row of `interactions.csv`, borrowed from its record: its
/// text fields are valid UTF-8 (checked), held as bytes (the reader
/// compares them as bytes; see [`row`]).
struct Row<'r> {
    day: i32,
    date: &'r [u8],
    kind: InteractionKind,
    from: &'r [u8],
    to: &'r [u8],
    cc: &'r [u8],
}

/// Reads `interactions.csv` row by row: the header's columns found (names
/// ignoring case, a byte-order mark skipped), each row checked and handed
/// to `f` with its line and record (one record buffer serves every row).
fn for_each_row(
    reader: impl Read,
    file: &Path,
    mut f: impl FnMut(Row<'_>, &Columns, u64, &Record<'_>) -> Result<()>,
) -> Result<()> {
    // Records without quotes are split in place; the rest by the csv crate
    // (see `split`): the same records, lines and errors either way. The
    // buffer is twice a `BufReader`'s usual 64 KiB, so that each read asks
    // for at least that much and a `BufReader` of up to 64 KiB hands it
    // straight to the file instead of copying through its own buffer.
    let mut split = Splitter::new(reader, 1 << 17);
    let malformed = |e: Fail, line: u64| match e {
        Fail::UnequalLengths { line, expected, len } => Error::Malformed {
            location: Location::line(file, line),
            message: format!("a row with {len} fields where the header has {expected}"),
        },
        Fail::Io => Error::Malformed { location: Location::line(file, line), message: "malformed CSV".to_string() },
    };
    let Some((_, record)) = split.next_record().map_err(|e| malformed(e, 1))? else {
        return Err(Error::MissingColumn { location: Location::line(file, 1), column: "date".into() });
    };
    let headers: Vec<String> = record
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = if i == 0 { h.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(h) } else { h };
            String::from_utf8_lossy(h).into_owned()
        })
        .collect();
    let find = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let need = |name: &str| {
        find(name).ok_or_else(|| Error::MissingColumn { location: Location::line(file, 1), column: name.into() })
    };
    let mut columns = Columns {
        date: need("date")?,
        kind: need("kind")?,
        from: need("from")?,
        to: need("to")?,
        cc: find("cc"),
        headers: Vec::new(),
    };
    columns.headers = headers;
    let mut line = 1u64;
    let mut last_day = LastDay::default();
    loop {
        let record = match split.next_record() {
            Ok(Some((at, record))) => {
                line = at;
                record
            }
            Ok(None) => break,
            Err(e) => return Err(malformed(e, line + 1)),
        };
        let row = row(&record, &columns, file, line, &mut last_day)?;
        f(row, &columns, line, &record)?;
    }
    Ok(())
}

/// The last `YYYY-MM-DD` date parsed and its day: a log in date order
/// repeats each date for many rows, parsed once.
#[derive(Default)]
struct LastDay {
    text: [u8; 10],
    day: Option<i32>,
}

impl LastDay {
    /// The day of the last date parsed, if `bytes` are that date.
    #[inline]
    fn same(&self, bytes: &[u8]) -> Option<i32> {
        self.day.filter(|_| bytes == self.text)
    }

    /// [`parse_day`], remembering the last valid 10-byte date.
    #[inline]
    fn parse(&mut self, text: &str) -> Option<i32> {
        if let Some(day) = self.same(text.as_bytes()) {
            return Some(day);
        }
        let day = parse_day(text);
        if let (Some(d), Ok(bytes)) = (day, <[u8; 10]>::try_from(text.as_bytes())) {
            self.text = bytes;
            self.day = Some(d);
        }
        day
    }
}

/// Checks one row: a date, a kind, a sender and at least one recipient.
///
/// The date, sender and recipients must be valid UTF-8 (checked field by
/// field, in that order, the first bad one named): a record of ASCII bytes
/// only (one check of the whole record) is, and any other record is checked
/// field by field. The fields are then kept as bytes.
fn row<'r>(record: &Record<'r>, c: &Columns, file: &Path, line: u64, last_day: &mut LastDay) -> Result<Row<'r>> {
    let field = |i: usize| trim_bytes(record.get(i).unwrap_or_default());
    let at = |name: &str| Location::field(file, line, name);
    let ascii = is_ascii(record.as_slice());
    let text = |i: usize, name: &str| {
        let f = field(i);
        if ascii || std::str::from_utf8(f).is_ok() { Ok(f) } else { Err(Error::NotUtf8 { location: at(name) }) }
    };
    let date = text(c.date, "date")?;
    let day = match last_day.same(date) {
        Some(day) => day,
        None => {
            let date = std::str::from_utf8(date).map_err(|_| Error::NotUtf8 { location: at("date") })?;
            last_day.parse(date).ok_or_else(|| Error::InvalidDateTime {
                value: echo(date),
                expected: DateFormat::DateOrRfc3339,
                location: at("date"),
            })?
        }
    };
    let kind = InteractionKind::from_bytes(field(c.kind)).ok_or_else(|| Error::Malformed {
        location: at("kind"),
        message: format!(
            "unknown interaction kind `{}` (expected email, message, call, meeting or visit)",
            echo(&String::from_utf8_lossy(field(c.kind)))
        ),
    })?;
    let from = text(c.from, "from")?;
    if from.is_empty() {
        return Err(Error::EmptyValue { location: at("from") });
    }
    let to = text(c.to, "to")?;
    let cc = match c.cc {
        Some(i) => text(i, "cc")?,
        None => b"",
    };
    // Not blank at once when the field starts with a visible character
    // other than `;` (it is trimmed of ASCII white space already).
    let blank = |t: &[u8]| match t.first() {
        Some(&b) if b.is_ascii_graphic() && b != b';' => false,
        _ => utf8(t).split(';').all(|p| p.trim().is_empty()),
    };
    if blank(to) && blank(cc) {
        return Err(Error::EmptyValue { location: at("to") });
    }
    Ok(Row { day, date, kind, from, to, cc })
}

/// Whether every byte is ASCII: `<[u8]>::is_ascii`, which checks the
/// bytes after its last whole 64-byte block one at a time (a quarter of
/// [`row`]'s time on rows of 85 bytes), with every byte read in 8-byte
/// words instead (the last word overlapping the one before it).
#[inline]
fn is_ascii(bytes: &[u8]) -> bool {
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    if bytes.len() < 8 {
        return crate::model::le_word(bytes) & HIGH == 0;
    }
    let words = bytes.chunks_exact(8);
    let last = u64::from_le_bytes(bytes[bytes.len() - 8..].try_into().unwrap_or_default());
    words.fold(last, |any, w| any | u64::from_le_bytes(w.try_into().unwrap_or_default())) & HIGH == 0
}

/// The text of bytes already checked as UTF-8 (a field of a [`Row`], or a
/// piece of one cut at an ASCII byte).
fn utf8(checked: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(checked)
}

/// Reads a whole `interactions.csv` into records, for a portfolio: the
/// checks of [`read_interactions`], participants split at `;` and trimmed
/// (empty ones dropped), every other column kept as an attribute (its
/// header as written, empty cells none). Nothing is half-imported.
pub(crate) fn interactions_from_csv(reader: impl Read, file: &Path) -> Result<Vec<Interaction>> {
    let mut out = Vec::new();
    let split = |t: &str| t.split(';').map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect();
    for_each_row(reader, file, |row, columns, line, record| {
        let mut attributes = crate::model::Attributes::new();
        for i in columns.extra() {
            let key = &columns.headers[i];
            let value = std::str::from_utf8(record.get(i).unwrap_or_default())
                .map_err(|_| Error::NotUtf8 { location: Location::field(file, line, key.as_str()) })?;
            attributes.set(key.clone(), value);
        }
        out.push(Interaction {
            date: InteractionDate::from_parts(&utf8(row.date), row.day),
            kind: row.kind,
            from: utf8(row.from).into_owned(),
            to: split(&utf8(row.to)),
            cc: split(&utf8(row.cc)),
            attributes,
        });
        Ok(())
    })?;
    Ok(out)
}

/// `str::trim` of checked UTF-8 bytes, with a fast path for a text that
/// starts and ends with a visible ASCII character (nothing to trim).
#[inline]
fn trim(s: &[u8]) -> &[u8] {
    match s {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        [only] if only.is_ascii_graphic() => s,
        [] => s,
        _ => trim_unicode(s),
    }
}

/// `str::trim` of checked UTF-8 bytes (Unicode white space).
#[cold]
fn trim_unicode(s: &[u8]) -> &[u8] {
    match std::str::from_utf8(s) {
        Ok(t) => t.trim().as_bytes(),
        Err(_) => s,
    }
}

fn trim_bytes(b: &[u8]) -> &[u8] {
    b.trim_ascii()
}

/// A date `YYYY-MM-DD` or an RFC 3339 time (its calendar date as written)
/// as a day number.
pub(crate) fn parse_day(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    if b.len() < 10 {
        return None;
    }
    if b.len() > 10 {
        // RFC 3339: validated whole by jiff, dated by its written date.
        if !matches!(b[10], b'T' | b't' | b' ') || text.parse::<jiff::Timestamp>().is_err() {
            return None;
        }
    }
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if d == 0 || d > month_days {
        return None;
    }
    Some(days_from_ymd(y as i32, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_reject() {
        assert_eq!(parse_day("1970-01-02"), Some(1));
        assert_eq!(parse_day("2024-02-29"), Some(19_782));
        assert_eq!(parse_day("2023-02-29"), None);
        assert_eq!(parse_day("2026-01-05T23:30:00-05:00"), parse_day("2026-01-05"));
        assert_eq!(parse_day("2026-01-05T25:30:00Z"), None);
        assert_eq!(parse_day("2026-1-5"), None);
        assert_eq!(parse_day("+202-01-01"), None);
        // The cache of the last date gives what parsing gives.
        let mut last = LastDay::default();
        for text in ["2026-01-05", "2026-01-05", "2026-01-06", "2026-1-5", "2026-01-06", "2023-02-29", "2026-01-05"] {
            assert_eq!(last.parse(text), parse_day(text), "{text}");
        }
        assert_eq!(last.parse("2026-01-05T23:30:00-05:00"), parse_day("2026-01-05"));
        assert_eq!(last.parse("2026-01-05T25:30:00Z"), None);
    }

    /// The batched CSV reader resolves and adds exactly as row-by-row
    /// pushes do: same participants in the same order, same report, same
    /// ties (rows past several batches; mixed case, long and unmatched
    /// addresses, blank and Unicode-padded parts, mass mailings).
    #[test]
    fn batched_reading_equals_pushing_row_by_row() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let names = |n: u64| match n % 5 {
            0 => format!("p{n}@acme.com"),
            1 => format!("P{n}@Acme.COM"),
            2 => format!("a.rather.long.address.{n}@subsidiary.globex.com"),
            3 => format!("\u{3000}c{n} "),
            _ => format!("stranger{n}@nowhere.org"),
        };
        let mut csv = String::from("date,kind,from,to,cc\n");
        let mut rows = Vec::new();
        for i in 0..2_000u64 {
            let r = next();
            let kind = ["email", "message", "call", "meeting", "visit"][(r % 5) as usize];
            let from = names(next() % 40);
            let count = if r % 97 == 0 { 25 } else { 1 + (r >> 8) % 3 };
            let to: Vec<String> = (0..count).map(|_| names(next() % 40)).collect();
            let cc = if (r >> 20) % 3 == 0 { format!("{}; ;", names(next() % 40)) } else { String::new() };
            let date = format!("2025-{:02}-{:02}", 1 + i * 12 / 2_000, 1 + (r >> 30) % 28);
            csv.push_str(&format!("{date},{kind},{from},{},{cc}\n", to.join(";")));
            rows.push((parse_day(&date).unwrap(), kind.parse::<InteractionKind>().unwrap(), from, to, cc));
        }
        for unmatched in [Unmatched::Report, Unmatched::AddAll] {
            let index = || {
                let mut index = ParticipantIndex::new(unmatched);
                for n in 0..20 {
                    let c = index.add_contact(&format!("c{n}"));
                    index.add_email(c, &format!("p{n}@acme.com"));
                }
                index
            };
            let batched =
                read_interactions_from(csv.as_bytes(), Path::new("log.csv"), index(), InferOptions::default()).unwrap();
            let mut one = State::new(index(), InferOptions::default());
            for (day, kind, from, to, cc) in &rows {
                one.push(*day, *kind, from, to.iter().map(String::as_str).chain(cc.split(';')));
            }
            let mut one = one.done();
            assert_eq!(batched.report, one.report);
            assert_eq!(batched.report.unmatched_mentions > 0, unmatched == Unmatched::Report);
            assert_eq!(batched.participants.len(), one.participants.len());
            for i in 0..one.participants.len() as u32 {
                assert_eq!(batched.participants.id(i), one.participants.id(i));
            }
            let mut batched = batched.inference;
            let as_of = jiff::civil::date(2026, 1, 1);
            let ties = batched.finish(as_of);
            assert!(ties.summary.ties > 10 && ties.summary.mass > 0, "{:?}", ties.summary);
            assert_eq!(ties, one.inference.finish(as_of));
        }
    }

    #[test]
    fn ascii_is_every_byte_below_128() {
        for n in 0..40 {
            for bad in 0..=n {
                let mut bytes = vec![b'a'; n];
                if bad < n {
                    bytes[bad] = 0x80 | (bad as u8);
                }
                assert_eq!(is_ascii(&bytes), bytes.is_ascii(), "{n} bytes, byte {bad} set");
            }
        }
    }

    /// A record valid as a whole whose fields are not (a character split
    /// by a comma) still names the field; bad bytes in a column the reader
    /// does not use are no error, as before.
    #[test]
    fn utf8_is_checked_per_field() {
        let read = |bytes: &[u8]| {
            read_interactions_from(
                bytes,
                Path::new("log.csv"),
                ParticipantIndex::new(Unmatched::AddAll),
                InferOptions::default(),
            )
        };
        let split = b"date,kind,from,to,note\n2026-01-05,email,a\xC3,\xA9b,x\n".as_slice();
        let err = read(split).unwrap_err();
        assert_eq!(
            err.to_string(),
            Error::NotUtf8 { location: Location::field(Path::new("log.csv"), 2, "from") }.to_string()
        );
        let extra = b"date,kind,from,to,note\n2026-01-05,email,a,b,\xFF\n2026-01-06,email,b,a,\n".as_slice();
        assert_eq!(read(extra).unwrap().report.rows, 2);
    }

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://www.Acme.com/about").as_deref(), Some("acme.com"));
        assert_eq!(host_of("acme.com").as_deref(), Some("acme.com"));
        assert_eq!(host_of("  ").as_deref(), None);
    }
}
