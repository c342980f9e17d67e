//! The crate's one error type.
//!
//! Every failure is an [`Error`]. Errors about input carry a [`Location`]
//! naming the file, the 1-based line (the header row of a CSV file is line 1)
//! and the field, so that an analyst can go straight to the offending cell.

use std::fmt::{self, Write as _};
use std::path::PathBuf;

/// Where in an input a problem was found.
///
/// `line` is 1-based (`Some(1)` is the first line; `None` when the problem
/// is not on one line, e.g. an empty file or a rule over the whole file); in a
/// CSV file the header is line 1 and the first record line 2. `field` is the column name for CSV input and a JSON path such as
/// `ties[3].level` for JSON input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, or `<memory>` for input that came from no file.
    pub file: PathBuf,
    /// 1-based line number; `None` when the problem is of no one line.
    pub line: Option<u64>,
    /// Column name (CSV) or JSON path; `None` for problems of a whole line or file.
    pub field: Option<String>,
}

impl Location {
    /// A location of a whole file.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Self { file: file.into(), line: None, field: None }
    }

    /// A location of one field on one line (1-based).
    pub fn field(file: impl Into<PathBuf>, line: u64, field: impl Into<String>) -> Self {
        Self { file: file.into(), line: Some(line), field: Some(field.into()) }
    }

    /// A location of one whole line (1-based).
    pub fn line(file: impl Into<PathBuf>, line: u64) -> Self {
        Self { file: file.into(), line: Some(line), field: None }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(field) = &self.field {
            f.write_str(", field `")?;
            write_clipped(f, field, MAX_ECHO)?;
            f.write_char('`')?;
        }
        Ok(())
    }
}

/// At most this many characters of a rejected value appear in an error
/// message; longer values are cut, with their length said.
pub const MAX_ECHO: usize = 64;

/// At most this many characters of a parser's message (a malformed CSV or
/// JSON input) appear in an error message.
const MAX_MESSAGE: usize = 256;

thread_local! {
    /// Set while [`Error::redacted`] formats: values are not shown at all.
    static HIDE_VALUES: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether `c` must not reach a terminal raw: control characters (escape
/// sequences, line breaks) and the invisible format characters that reorder
/// or hide text (bidirectional overrides, zero-width characters).
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Writes at most `max` characters of `text` (escapes included), unsafe
/// characters escaped as `\u{1b}`, and says how long the text was when it
/// was cut.
fn write_clipped(f: &mut fmt::Formatter<'_>, text: &str, max: usize) -> fmt::Result {
    let mut written = 0;
    for c in text.chars() {
        let escaped = unsafe_char(c);
        let len = if escaped { c.escape_unicode().count() } else { 1 };
        if written + len > max {
            return write!(f, "... ({} characters in all)", text.chars().count());
        }
        written += len;
        if escaped {
            write!(f, "{}", c.escape_unicode())?;
        } else {
            f.write_char(c)?;
        }
    }
    Ok(())
}

/// A rejected value (an id, an organization name) as error messages show
/// it: at most [`MAX_ECHO`] characters, control characters escaped, and
/// nothing at all under [`Error::redacted`].
pub(crate) struct Shown<'a>(pub(crate) &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if HIDE_VALUES.get() {
            return f.write_str("(hidden)");
        }
        write_clipped(f, self.0, MAX_ECHO)
    }
}

/// A rejected value of a column that holds codes, numbers or dates (role,
/// relation, level, value, date), quoted. When a file's columns are
/// misaligned such a column can hold a person's name, so a value that looks
/// like a name or free text (white space inside, or a capitalized word such
/// as `Fiona`) is not shown.
pub(crate) struct Code<'a>(pub(crate) &'a str);

impl Code<'_> {
    fn looks_like_text(&self) -> bool {
        let v = self.0;
        let mut chars = v.chars();
        let capitalized = chars.next().is_some_and(char::is_uppercase)
            && chars.clone().any(char::is_lowercase)
            && chars.all(char::is_alphabetic);
        v.chars().any(char::is_whitespace) || capitalized
    }
}

impl fmt::Display for Code<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if HIDE_VALUES.get() {
            return f.write_str("(hidden)");
        }
        if self.looks_like_text() {
            return f.write_str("(a text value, not shown: it may be personal data)");
        }
        f.write_char('`')?;
        write_clipped(f, self.0, MAX_ECHO)?;
        f.write_char('`')
    }
}

/// A parser's or argument's message: control characters escaped, at most
/// `MAX_MESSAGE` characters. Under [`Error::redacted`] it stops before the
/// first quote, backtick or apostrophe: parsers quote the values they
/// reject (serde_json's `invalid type: string "Fiona"`), and the crate's own
/// hints quote the header names they list, so nothing after one is shown.
pub(crate) struct Clipped<'a>(pub(crate) &'a str);

impl fmt::Display for Clipped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if HIDE_VALUES.get()
            && let Some(at) = self.0.find(['"', '`', '\''])
        {
            write_clipped(f, self.0[..at].trim_end(), MAX_MESSAGE)?;
            return f.write_str(" (values hidden)");
        }
        write_clipped(f, self.0, MAX_MESSAGE)
    }
}

/// A list of ids (the owners of a portfolio), each as [`Shown`], comma
/// separated; only their number under [`Error::redacted`].
struct ShownList<'a>(&'a [String]);

impl fmt::Display for ShownList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if HIDE_VALUES.get() {
            return write!(f, "{} ids hidden", self.0.len());
        }
        for (i, id) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", Shown(id))?;
        }
        Ok(())
    }
}

/// An error's message with no value of the input in it: see [`Error::redacted`].
#[derive(Debug)]
pub struct Redacted<'a>(&'a Error);

impl fmt::Display for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let before = HIDE_VALUES.replace(true);
        let result = write!(f, "{}", self.0);
        HIDE_VALUES.set(before);
        result
    }
}

/// The date or time format a reader expects, as
/// [`Error::InvalidDateTime`] names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateFormat {
    /// `interactions.csv`'s `date`: `YYYY-MM-DD` or an RFC 3339 time.
    DateOrRfc3339,
    /// An mbox `Date` header: an RFC 5322 date-time
    /// (`Mon, 5 Jan 2026 10:00:00 +0000`).
    Rfc5322,
    /// An iCalendar (RFC 5545) DATE (`20260105`) or DATE-TIME
    /// (`20260105T100000`, `20260105T100000Z`).
    ICalendar,
    /// LinkedIn's `Connected On`: `05 Jan 2024` (or `YYYY-MM-DD`).
    LinkedIn,
}

impl fmt::Display for DateFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateFormat::DateOrRfc3339 => "a date YYYY-MM-DD or an RFC 3339 time such as 2026-01-05T10:00:00Z",
            DateFormat::Rfc5322 => "an RFC 5322 date-time such as `Mon, 5 Jan 2026 10:00:00 +0000`",
            DateFormat::ICalendar => {
                "an iCalendar DATE (YYYYMMDD) or DATE-TIME (YYYYMMDDTHHMMSS, optionally ending in Z)"
            }
            DateFormat::LinkedIn => "a LinkedIn date such as `05 Jan 2024` (or YYYY-MM-DD)",
        })
    }
}

/// Everything that can go wrong in salesnet.
///
/// Input errors name the place of the problem through a [`Location`]; the
/// value that was rejected is included where it helps, but a contact's name is
/// never put into an error message (contacts are personal data): only ids.
///
/// Messages are safe to print: a value is echoed at most [`MAX_ECHO`]
/// characters long (then cut, with its length said), control and invisible
/// format characters escaped (`\u{1b}`), so no escape sequence from a file
/// reaches a terminal. A rejected value of a column of codes, numbers or
/// dates (role, relation, level, value, date) that looks like free text or a
/// name (white space inside, or a capitalized word), as when a file's columns
/// are misaligned, is not echoed. [`Error::redacted`] echoes no value at all.
/// The fields keep the whole values for programs.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}", path = path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input is not valid UTF-8 text (binary data, another encoding).
    #[error("{location}: not valid UTF-8 text")]
    NotUtf8 {
        /// Where the first invalid byte sequence is.
        location: Location,
    },
    /// A CSV or JSON document is malformed (unbalanced quotes, a row with the
    /// wrong number of fields, a JSON syntax error, a value of the wrong type).
    #[error("{location}: malformed input: {}", Clipped(message))]
    Malformed {
        /// Where the problem is.
        location: Location,
        /// What the parser said.
        message: String,
    },
    /// A CSV file with no header row: empty, or only blank lines.
    #[error("{location}: the file is empty (no header row)")]
    EmptyFile {
        /// The file.
        location: Location,
    },
    /// A required column is missing from a CSV header (or a required key from a JSON record).
    #[error("{location}: missing required column `{column}`")]
    MissingColumn {
        /// The file (and line 1, the header).
        location: Location,
        /// The missing column.
        column: String,
    },
    /// A required value is empty.
    #[error("{location}: required value is empty")]
    EmptyValue {
        /// The empty field.
        location: Location,
    },
    /// A tie or query names a contact that does not exist.
    #[error("{location}: unknown contact `{}`", Shown(id))]
    UnknownContact {
        /// The unknown id.
        id: String,
        /// Where it is named.
        location: Location,
    },
    /// A contact names an organization that does not exist.
    #[error("{location}: unknown organization `{}`", Shown(name))]
    UnknownOrganization {
        /// The unknown organization name.
        name: String,
        /// Where it is named.
        location: Location,
    },
    /// Two contacts share one id.
    #[error("{location}: duplicate contact id `{}` (first on line {first_line})", Shown(id))]
    DuplicateContact {
        /// The repeated id.
        id: String,
        /// Where it is repeated.
        location: Location,
        /// The line of its first appearance.
        first_line: u64,
    },
    /// Two organizations share one name.
    #[error("{location}: duplicate organization `{}` (first on line {first_line})", Shown(name))]
    DuplicateOrganization {
        /// The repeated name.
        name: String,
        /// Where it is repeated.
        location: Location,
        /// The line of its first appearance.
        first_line: u64,
    },
    /// A portfolio has no owner.
    #[error("{location}: a portfolio needs at least one contact with role `owner`, found {found}")]
    OwnerCount {
        /// The contacts file.
        location: Location,
        /// How many owners were found (0).
        found: usize,
    },
    /// An owner (a salesperson) whose organization is not our own firm
    /// (relation `own`).
    #[error("{location}: owner `{}` must belong to an organization with relation `own`", Shown(id))]
    OwnerOutsideFirm {
        /// The owner's id.
        id: String,
        /// The contact's record, field `organization` (or `role`).
        location: Location,
    },
    /// A salesperson-centred call on a portfolio of several owners that
    /// does not say which owner it speaks for.
    #[error("the portfolio has {} owners: say which one (owners: {})", owners.len(), ShownList(owners))]
    OwnerRequired {
        /// The owners' ids, in input order.
        owners: Vec<String>,
    },
    /// A call asked to speak for a contact that is not one of the portfolio's owners.
    #[error("`{}` is not an owner of the portfolio (owners: {})", Shown(id), ShownList(owners))]
    NotAnOwner {
        /// The id asked for.
        id: String,
        /// The owners' ids, in input order.
        owners: Vec<String>,
    },
    /// A relationship level outside 0-5, or not a whole number.
    #[error("{location}: relationship level {} is not a whole number from 0 to 5", Code(value))]
    LevelOutOfRange {
        /// The rejected text.
        value: String,
        /// Where it is.
        location: Location,
    },
    /// A date that is not a real `YYYY-MM-DD` calendar date.
    #[error("{location}: {} is not a date of the form YYYY-MM-DD", Code(value))]
    InvalidDate {
        /// The rejected text.
        value: String,
        /// Where it is.
        location: Location,
    },
    /// A date or time in a history file (`interactions.csv`, an mbox
    /// `Date` header, an iCalendar `DTSTART`, LinkedIn's `Connected On`)
    /// that is not in the format that reader expects, named by `expected`.
    #[error("{location}: {} is not {expected}", Code(value))]
    InvalidDateTime {
        /// The rejected text.
        value: String,
        /// The format the reader expects.
        expected: DateFormat,
        /// Where it is.
        location: Location,
    },
    /// A tie from a contact to itself.
    #[error("{location}: self-tie on `{}`", Shown(id))]
    SelfTie {
        /// The contact.
        id: String,
        /// Where it is.
        location: Location,
    },
    /// The same pair of contacts tied twice (in either order, for undirected ties).
    #[error("{location}: `{}` and `{}` are already tied (line {first_line})", Shown(source_id), Shown(target_id))]
    DuplicateTie {
        /// One end.
        source_id: String,
        /// The other end.
        target_id: String,
        /// Where the repetition is.
        location: Location,
        /// The line of the first tie.
        first_line: u64,
    },
    /// An organization relation other than own, customer, prospect, other.
    #[error("{location}: unknown relation {} (expected own, customer, prospect or other)", Code(value))]
    UnknownRelation {
        /// The rejected text.
        value: String,
        /// Where it is.
        location: Location,
    },
    /// A contact role outside the documented list.
    #[error(
        "{location}: unknown role {} (expected owner, decision_maker, influencer, gatekeeper, buyer, user or other)",
        Code(value)
    )]
    UnknownRole {
        /// The rejected text.
        value: String,
        /// Where it is.
        location: Location,
    },
    /// A number that is not a finite, non-negative number (value, weight).
    #[error("{location}: {} is not a finite non-negative number", Code(value))]
    InvalidNumber {
        /// The rejected text.
        value: String,
        /// Where it is.
        location: Location,
    },
    /// A command would write onto one of its own inputs (the same file, or a
    /// file inside an input portfolio folder).
    #[error("{output}: refusing to write over the input `{input}`", output = output.display(), input = input.display())]
    OutputIsInput {
        /// The output path asked for.
        output: PathBuf,
        /// The input it would overwrite.
        input: PathBuf,
    },
    /// An output exists and replacing it was not asked for (`--force`).
    #[error("{path}: already exists (replace it with --force)", path = path.display())]
    OutputExists {
        /// The existing output.
        path: PathBuf,
    },
    /// An input path that is not a regular file (a FIFO, a device such as
    /// `/dev/zero`, a socket): reading it could block or never end.
    #[error("{path}: not a regular file", path = path.display())]
    NotRegularFile {
        /// The input path.
        path: PathBuf,
    },
    /// An input that is the temporary file of an interrupted write (a name
    /// such as `.contacts.csv.partial-4242-0.tmp`): it may be cut anywhere.
    #[error("{path}: an unfinished temporary file left by an interrupted write, not an input", path = path.display())]
    PartialOutput {
        /// The input path.
        path: PathBuf,
    },
    /// A deal step other than the six funnel steps.
    #[error(
        "{location}: unknown funnel step {} (expected new_contact, introduced, proposal, negotiating, contracted or paid)",
        Code(value)
    )]
    UnknownStep {
        /// The rejected text.
        value: String,
        /// Where it is.
        location: Location,
    },
    /// A contact's `share` value other than yes or no.
    #[error("{location}: unknown share value {} (expected yes or no)", Code(value))]
    UnknownSharing {
        /// The rejected text.
        value: String,
        /// Where it is.
        location: Location,
    },
    /// A deal status other than open, won, lost.
    #[error("{location}: unknown deal status {} (expected open, won or lost)", Code(value))]
    UnknownStatus {
        /// The rejected text.
        value: String,
        /// Where it is.
        location: Location,
    },
    /// Two deals share one id.
    #[error("{location}: duplicate deal id `{}` (first on line {first_line})", Shown(id))]
    DuplicateDeal {
        /// The repeated id.
        id: String,
        /// Where it is repeated.
        location: Location,
        /// The line of its first appearance.
        first_line: u64,
    },
    /// A deal's owner is a contact who is not a salesperson (role `owner`).
    #[error("{location}: `{}` is not a salesperson (a contact with role `owner`)", Shown(id))]
    NotASalesperson {
        /// The contact id.
        id: String,
        /// Where it is named.
        location: Location,
    },
    /// Two dates of one record in the wrong order (a deal's `step_since` before its `opened`).
    #[error("{location}: {later} `{later_date}` is before {earlier} `{earlier_date}`")]
    DateOrder {
        /// The field that must not come first (`step_since`).
        later: &'static str,
        /// Its date.
        later_date: jiff::civil::Date,
        /// The field it may not precede (`opened`).
        earlier: &'static str,
        /// Its date.
        earlier_date: jiff::civil::Date,
        /// Where the later field is.
        location: Location,
    },
    /// A weight so large or so small that the sum of the weights, or of
    /// their inverses (the `inverse` cost), overflows: every measure would
    /// come out wrong (a constraint of 0, a betweenness of 0).
    #[error(
        "{location}: weight {} makes the sum of the weights or of their inverses overflow \
         (rescale the weights, e.g. into [1e-300, 1e300])",
        Code(value)
    )]
    WeightOverflow {
        /// The rejected weight, as written.
        value: String,
        /// Where it is.
        location: Location,
    },
    /// A query names a node that is not in the graph.
    #[error("unknown node `{}`", Shown(id))]
    UnknownNode {
        /// The unknown id.
        id: String,
    },
    /// An argument outside its documented domain (a thread count of 0, an
    /// epsilon outside (0, 1), decay anchors out of order, ...).
    #[error("invalid argument `{name}`: {}", Clipped(reason))]
    InvalidArgument {
        /// The argument.
        name: &'static str,
        /// Why it was rejected.
        reason: String,
    },
    /// An input error that an option would avoid, with the option named
    /// (`use --duplicates first|sum|max`). [`Error::location`] is the inner error's.
    #[error("{error}; {}", Clipped(hint))]
    Hinted {
        /// The error itself.
        error: Box<Error>,
        /// Which option accepts the input.
        hint: String,
    },
}

/// `Result` with salesnet's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The location of an input error, if it has one.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::NotUtf8 { location }
            | Error::EmptyFile { location }
            | Error::WeightOverflow { location, .. }
            | Error::Malformed { location, .. }
            | Error::MissingColumn { location, .. }
            | Error::EmptyValue { location }
            | Error::UnknownContact { location, .. }
            | Error::UnknownOrganization { location, .. }
            | Error::DuplicateContact { location, .. }
            | Error::DuplicateOrganization { location, .. }
            | Error::OwnerCount { location, .. }
            | Error::OwnerOutsideFirm { location, .. }
            | Error::LevelOutOfRange { location, .. }
            | Error::InvalidDate { location, .. }
            | Error::InvalidDateTime { location, .. }
            | Error::SelfTie { location, .. }
            | Error::DuplicateTie { location, .. }
            | Error::UnknownRelation { location, .. }
            | Error::UnknownRole { location, .. }
            | Error::InvalidNumber { location, .. }
            | Error::UnknownStep { location, .. }
            | Error::UnknownStatus { location, .. }
            | Error::UnknownSharing { location, .. }
            | Error::DuplicateDeal { location, .. }
            | Error::NotASalesperson { location, .. }
            | Error::DateOrder { location, .. } => Some(location),
            Error::Hinted { error, .. } => error.location(),
            Error::Io { .. }
            | Error::UnknownNode { .. }
            | Error::InvalidArgument { .. }
            | Error::OutputIsInput { .. }
            | Error::OutputExists { .. }
            | Error::NotRegularFile { .. }
            | Error::PartialOutput { .. }
            | Error::OwnerRequired { .. }
            | Error::NotAnOwner { .. } => None,
        }
    }

    /// The message with no value of the input in it: ids, names and
    /// rejected cells show as `(hidden)`; the file, line and field stay.
    /// For output that must not carry personal data (`--redact`).
    ///
    /// ```
    /// use salesnet::{Error, Location};
    /// let e = Error::UnknownContact { id: "fiona.w".into(), location: Location::field("ties.csv", 3, "target") };
    /// assert_eq!(e.redacted().to_string(), "ties.csv, line 3, field `target`: unknown contact `(hidden)`");
    /// ```
    #[must_use]
    pub fn redacted(&self) -> Redacted<'_> {
        Redacted(self)
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_send_sync_static() {
        fn check<T: Send + Sync + 'static>() {}
        check::<Error>();
    }

    #[test]
    fn message_names_file_line_and_field() {
        let e = Error::LevelOutOfRange { value: "7".into(), location: Location::field("ties.csv", 4, "level") };
        assert_eq!(
            e.to_string(),
            "ties.csv, line 4, field `level`: relationship level `7` is not a whole number from 0 to 5"
        );
        assert_eq!(e.location().map(|l| l.line), Some(Some(4)));
        let whole = Error::EmptyFile { location: Location::file("ties.csv") };
        assert_eq!(whole.location().map(|l| l.line), Some(None));
        assert_eq!(whole.to_string().split(':').next(), Some("ties.csv"));
    }
}
