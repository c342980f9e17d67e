//! The relationship history: ties inferred from who wrote to whom and who
//! met whom, when.
//!
//! Typed-in ties say what the salesperson believes; interactions say what
//! happened. This module reads interaction logs ([`read_interactions`]:
//! `interactions.csv`) and turns them into ties by the rules of the design
//! notes ([`Inference`], [`InferOptions`]):
//!
//! - an interaction with more than 20 participants (newsletters, all-hands)
//!   is ignored;
//! - `email` and `message` run from the sender to each recipient (`to` and
//!   `cc`); `call`, `meeting` and `visit` tie every pair of participants both
//!   ways;
//! - a pair is a tie only if it is reciprocal: a call, meeting or visit, or
//!   messages in both directions;
//! - `last_contact` is the date of the pair's latest counted interaction;
//! - the inferred level is 1 for remote contact only, 2 once the pair has met
//!   (meeting or visit) and 3 for sustained face-to-face contact (see
//!   [`LevelRule::Sustained`]); levels 4 and 5 are never inferred;
//! - each tie's rhythm is the median gap between the days it was in contact;
//!   it is *overdue* when the silence since its last contact exceeds 8 times
//!   that gap (Navarro et al., EPJ Data Science 2017), or the fresh period (a
//!   quarter, 92 days) when it has too few contact days for a rhythm.
//!
//! Only metadata is read: dates, kinds and participants, never a subject or
//! a body.
//!
//! # Readers
//!
//! [`read_interactions`] goes by each file's extension:
//!
//! - `interactions.csv` (any other extension): `date,kind,from,to[,cc]`, see
//!   the design notes;
//! - LinkedIn's `Connections.csv` has its own reader,
//!   [`read_linkedin_connections`], and [`add_connections`] adds its people
//!   as level-0 contacts ("we only know the name"), never more.
//!
//! # mbox
//!
//! `.mbox` files: one `email` per message, from its `From`, `To`, `Cc` and
//! `Date` headers only (decoded by the `mailparse` crate: encoded names,
//! folded headers, groups and several addresses per header). Other header
//! lines, subjects included, and bodies are skipped line by line and never
//! kept. The date (RFC 2822, parsed strictly by jiff) is the calendar day
//! in UTC. A message without `From`,
//! `Date` or any recipient, or with a date that does not parse, is an error
//! naming the line of its `From ` separator or of its `Date` header.
//!
//! # iCalendar
//!
//! `.ics` files: one `meeting` per VEVENT occurrence between its
//! `ORGANIZER` (or first attendee) and its `ATTENDEE`s (those with
//! `PARTSTAT=DECLINED` left out), dated by `DTSTART`'s day as written;
//! cancelled events (`STATUS:CANCELLED`) and events without participants are
//! skipped, `EXDATE` days too. A recurring event (`RRULE` with `FREQ`
//! `DAILY`, `WEEKLY`, `MONTHLY` or `YEARLY`, `INTERVAL`, `COUNT`, `UNTIL`) is
//! counted once per occurrence up to
//! [`InferOptions::recurrences_until`] (the as-of date, for `analyze infer`);
//! `BYDAY`, `BYMONTHDAY` and `BYMONTH` are accepted when they name the start's
//! own day, and any other rule part is an error naming the event's line
//! rather than a silent miscount.
//!
//! # Examples
//!
//! ```
//! use salesnet::history::{InferOptions, Inference, InteractionKind};
//! use salesnet::jiff::civil::date;
//!
//! let mut inference = Inference::new(InferOptions::default());
//! // Participants are small integer indices chosen by the caller (0 = ann, 1 = bob).
//! inference.add(date(2026, 1, 5), InteractionKind::Email, Some(0), &[1], 0);
//! inference.add(date(2026, 1, 6), InteractionKind::Email, Some(1), &[0], 0);
//! inference.add(date(2026, 2, 2), InteractionKind::Meeting, Some(0), &[1], 0);
//! let ties = inference.finish(date(2026, 3, 1));
//! assert_eq!(ties.ties().len(), 1);
//! assert_eq!(ties.ties()[0].level.get(), 2);
//! assert_eq!(ties.ties()[0].last_contact, date(2026, 2, 2));
//! ```

pub(crate) mod days;
mod gexf;
mod ics;
mod infer;
mod interactions;
mod keys;
pub(crate) use interactions::{interactions_from_csv, parse_day};
mod linkedin;
mod mbox;
mod merge;
mod split;

pub use crate::model::{Interaction, InteractionDate, InteractionKind};
pub use gexf::{TimelineOptions, history_gexf};
pub use infer::{
    InferOptions, Inference, InferenceSummary, InferredTie, InferredTies, KindCounts, LevelRule, PairVerdict,
};
pub use interactions::{
    InteractionReport, ParticipantIndex, ReadInteractions, Unmatched, read_history, read_interactions,
    read_interactions_from,
};
pub use linkedin::{Connection, add_connections, read_linkedin_connections};
pub use merge::{Enriched, TieOrigin, enrich};

/// A rejected value as errors show it: at most 64 characters, control
/// characters escaped.
pub(crate) fn echo(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == 64 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A fast, deterministic hasher for the integer keys of the inference's
/// maps (FxHash's multiply-rotate). Never exposed: results never depend on
/// map order.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn finish(&self) -> u64 {
        // A multiply only mixes upward: the low bits (the table's bucket)
        // would depend on the key's low bytes alone ("c1..." ids, pairs that
        // share an end). The splitmix64 finalizer spreads every bit.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut word = [0u8; 8];
        let rest = chunks.remainder();
        word[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(word) ^ (rest.len() as u64) << 56);
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(crate) type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for kind in InteractionKind::ALL {
            assert_eq!(kind.as_str().parse::<InteractionKind>().ok(), Some(kind));
        }
        assert!("Email".parse::<InteractionKind>().is_err());
    }

    #[test]
    fn echo_cuts_and_escapes() {
        assert_eq!(echo("a\nb"), "a\\nb");
        assert_eq!(echo(&"x".repeat(100)).chars().count(), 65);
    }
}
