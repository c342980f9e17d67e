//! One interaction of the relationship history, as a portfolio holds it.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::model::Attributes;

/// What kind of interaction a row of the history records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    /// An e-mail: runs from the sender to each recipient.
    Email,
    /// A chat or text message: runs from the sender to each recipient.
    Message,
    /// A phone or video call: ties every pair of participants both ways.
    Call,
    /// A meeting in person: ties every pair both ways, and shows they have met.
    Meeting,
    /// A visit (at their site or ours): like a meeting.
    Visit,
}

impl InteractionKind {
    /// Every kind, in declaration order.
    pub const ALL: [InteractionKind; 5] = [
        InteractionKind::Email,
        InteractionKind::Message,
        InteractionKind::Call,
        InteractionKind::Meeting,
        InteractionKind::Visit,
    ];

    /// The lowercase name used in `interactions.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            InteractionKind::Email => "email",
            InteractionKind::Message => "message",
            InteractionKind::Call => "call",
            InteractionKind::Meeting => "meeting",
            InteractionKind::Visit => "visit",
        }
    }

    /// Whether the interaction runs one way, from the sender to each
    /// recipient (`email`, `message`), rather than tying every pair.
    pub fn is_directed(self) -> bool {
        matches!(self, InteractionKind::Email | InteractionKind::Message)
    }

    /// Whether the participants met face to face (`meeting`, `visit`).
    pub fn is_face_to_face(self) -> bool {
        matches!(self, InteractionKind::Meeting | InteractionKind::Visit)
    }

    /// Parses the lowercase name from bytes (the reader's fast path).
    pub(crate) fn from_bytes(s: &[u8]) -> Option<Self> {
        match s {
            b"email" => Some(InteractionKind::Email),
            b"message" => Some(InteractionKind::Message),
            b"call" => Some(InteractionKind::Call),
            b"meeting" => Some(InteractionKind::Meeting),
            b"visit" => Some(InteractionKind::Visit),
            _ => None,
        }
    }
}

impl fmt::Display for InteractionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for InteractionKind {
    type Err = Error;
    /// Parses the lowercase name; any other text is an error without a
    /// location (readers add theirs).
    fn from_str(s: &str) -> Result<Self> {
        Self::from_bytes(s.as_bytes()).ok_or_else(|| Error::Malformed {
            location: Location::file("<memory>"),
            message: format!(
                "unknown interaction kind `{}` (expected email, message, call, meeting or visit)",
                crate::history::echo(s)
            ),
        })
    }
}

/// When an interaction happened, as written: a date `YYYY-MM-DD` or an RFC
/// 3339 time (kept as written, so a portfolio round-trips losslessly); the
/// interaction counts on its calendar date as written, in its own offset.
///
/// # Examples
///
/// ```
/// use salesnet::InteractionDate;
/// use salesnet::jiff::civil::date;
///
/// let d = InteractionDate::parse("2026-01-05T23:30:00-05:00").unwrap();
/// assert_eq!(d.date(), date(2026, 1, 5));
/// assert_eq!(d.as_str(), "2026-01-05T23:30:00-05:00");
/// assert!(InteractionDate::parse("05/01/2026").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InteractionDate {
    text: String,
    day: i32,
}

impl InteractionDate {
    /// The date of a text (white space around it trimmed), or `None` when
    /// it is neither a real `YYYY-MM-DD` date nor an RFC 3339 time.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let day = crate::history::parse_day(text)?;
        Some(Self { text: text.to_string(), day })
    }

    /// A text already checked by `parse_day`, with its day number.
    pub(crate) fn from_parts(text: &str, day: i32) -> Self {
        Self { text: text.to_string(), day }
    }

    /// A whole day.
    pub fn from_date(date: Date) -> Self {
        Self { text: date.to_string(), day: crate::history::days::days_from_date(date) }
    }

    /// The calendar date the interaction counts on.
    pub fn date(&self) -> Date {
        crate::history::days::date_from_days(self.day)
    }

    /// Days since 1970-01-01.
    pub(crate) fn day(&self) -> i32 {
        self.day
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for InteractionDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// One interaction of the relationship history as a portfolio holds it: a
/// row of `interactions.csv` or a record of the JSON document's
/// `interactions` key. Participants are kept as written (a contact id or an
/// e-mail address): they are matched to contacts only when the history is
/// read into an inference, and an unmatched one is reported there, never
/// dropped here.
///
/// # Examples
///
/// ```
/// use salesnet::{Interaction, InteractionDate, InteractionKind};
/// use salesnet::jiff::civil::date;
///
/// let mail = Interaction::new(InteractionDate::from_date(date(2026, 1, 5)), InteractionKind::Email, "ann", ["bob"]);
/// assert_eq!(mail.to, vec!["bob".to_string()]);
/// assert!(mail.cc.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interaction {
    /// When.
    pub date: InteractionDate,
    /// What kind.
    pub kind: InteractionKind,
    /// The sender (for `email`, `message`) or any participant.
    pub from: String,
    /// The recipients, or the other participants.
    pub to: Vec<String>,
    /// Copied recipients (counted as recipients).
    pub cc: Vec<String>,
    /// Extra columns of `interactions.csv`, in order.
    pub attributes: Attributes,
}

impl Interaction {
    /// An interaction with no `cc` and no attributes.
    pub fn new<S: Into<String>>(
        date: InteractionDate,
        kind: InteractionKind,
        from: impl Into<String>,
        to: impl IntoIterator<Item = S>,
    ) -> Self {
        Self {
            date,
            kind,
            from: from.into(),
            to: to.into_iter().map(Into::into).collect(),
            cc: Vec::new(),
            attributes: Attributes::new(),
        }
    }
}
