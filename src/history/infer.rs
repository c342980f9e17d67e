//! The inference engine: interactions in, reciprocal ties with a level, a
//! last contact, a rhythm and an overdue flag out.

use jiff::civil::Date;
use serde::Serialize;

use super::InteractionKind;
use super::days::{date_from_days, days_from_date};
use crate::error::{Error, Result};
use crate::model::RelationshipLevel;
use crate::progress::Progress;

/// Thresholds of the inference, each documented with its default.
///
/// # Examples
///
/// ```
/// use salesnet::history::InferOptions;
///
/// let options = InferOptions::default().max_participants(10).overdue_factor(6.0)?;
/// assert_eq!(options.max_participants_value(), 10);
/// # Ok::<(), salesnet::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InferOptions {
    max_participants: u32,
    sustained_meetings: u32,
    sustained_span_days: u32,
    sustained_max_gap_days: u32,
    overdue_factor: f64,
    rhythm_min_days: u32,
    fresh_days: u32,
    recurrences_until: Option<Date>,
    /// Where reading the history reports its progress.
    #[serde(skip)]
    pub(crate) progress: Option<Progress>,
}

impl Default for InferOptions {
    /// 20 participants at most; level 3 after 3 face-to-face days spanning
    /// at least 60 days with no gap over 92 days; overdue after 8 median gaps
    /// of silence, or after 92 days for a tie with fewer than 3 contact days.
    fn default() -> Self {
        Self {
            max_participants: 20,
            sustained_meetings: 3,
            sustained_span_days: 60,
            sustained_max_gap_days: 92,
            overdue_factor: 8.0,
            rhythm_min_days: 3,
            fresh_days: 92,
            recurrences_until: None,
            progress: None,
        }
    }
}

impl InferOptions {
    /// Reports the bytes of history read to `progress`
    /// ([`Task::Infer`](crate::progress::Task::Infer)); the inference is the same.
    #[must_use]
    pub fn progress(mut self, progress: Progress) -> Self {
        self.progress = Some(progress);
        self
    }

    /// An interaction with more participants than this (sender, recipients
    /// and unmatched participants, each counted once) is ignored as a mass
    /// mailing or an all-hands. Default 20.
    #[must_use]
    pub fn max_participants(mut self, n: u32) -> Self {
        self.max_participants = n;
        self
    }

    /// Face-to-face days (meetings or visits) a sustained run needs for
    /// level 3. Default 3.
    #[must_use]
    pub fn sustained_meetings(mut self, n: u32) -> Self {
        self.sustained_meetings = n;
        self
    }

    /// Days from the first to the last face-to-face day of a sustained run.
    /// Default 60.
    #[must_use]
    pub fn sustained_span_days(mut self, days: u32) -> Self {
        self.sustained_span_days = days;
        self
    }

    /// The longest gap between two face-to-face days of one run; a longer
    /// gap starts a new run. Default 92 (a quarter).
    #[must_use]
    pub fn sustained_max_gap_days(mut self, days: u32) -> Self {
        self.sustained_max_gap_days = days;
        self
    }

    /// A tie with a rhythm is overdue when the silence since its last
    /// contact exceeds this many median gaps. Default 8 (Navarro et al.,
    /// EPJ Data Science 2017).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] unless the factor is finite and positive.
    pub fn overdue_factor(mut self, factor: f64) -> Result<Self> {
        if !(factor.is_finite() && factor > 0.0) {
            return Err(Error::InvalidArgument {
                name: "overdue_factor",
                reason: format!("{factor} is not a finite positive number"),
            });
        }
        self.overdue_factor = factor;
        Ok(self)
    }

    /// Contact days (distinct days with a counted interaction) a tie needs
    /// to have a rhythm; with fewer it is overdue after the fresh period.
    /// Default 3 (two gaps).
    #[must_use]
    pub fn rhythm_min_days(mut self, n: u32) -> Self {
        self.rhythm_min_days = n.max(2);
        self
    }

    /// The fresh period: a tie without a rhythm is overdue after this many
    /// days of silence. Default 92, the quarter of the decay policy.
    #[must_use]
    pub fn fresh_days(mut self, days: u32) -> Self {
        self.fresh_days = days;
        self
    }

    /// Recurring calendar events (iCalendar `RRULE`) are counted once per
    /// occurrence up to this date (give the as-of date). Without it, a rule
    /// with no `COUNT` or `UNTIL` is expanded over ten years (3,660 days)
    /// from its start. At most 10,000 occurrences per event either way.
    #[must_use]
    pub fn recurrences_until(mut self, date: Date) -> Self {
        self.recurrences_until = Some(date);
        self
    }

    pub(crate) fn recurrences_until_day(&self) -> Option<i32> {
        self.recurrences_until.map(days_from_date)
    }

    /// The participant limit (see [`max_participants`](Self::max_participants)).
    pub fn max_participants_value(&self) -> u32 {
        self.max_participants
    }

    /// The overdue factor (see [`overdue_factor`](Self::overdue_factor)).
    pub fn overdue_factor_value(&self) -> f64 {
        self.overdue_factor
    }

    /// The fresh period in days (see [`fresh_days`](Self::fresh_days)).
    pub fn fresh_days_value(&self) -> u32 {
        self.fresh_days
    }
}

/// The rule that gave an inferred tie its level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelRule {
    /// Level 1: remote contact only (mail, messages, calls), never met.
    Remote,
    /// Level 2: met face to face (a meeting or visit), not (yet) sustained.
    Met,
    /// Level 3: sustained face-to-face contact: a run of at least
    /// [`sustained_meetings`](InferOptions::sustained_meetings) face-to-face
    /// days (default 3) spanning at least
    /// [`sustained_span_days`](InferOptions::sustained_span_days) (60) with
    /// no gap over [`sustained_max_gap_days`](InferOptions::sustained_max_gap_days)
    /// (92). Two meetings two months apart stay level 2; monthly meetings
    /// reach level 3 on the third.
    Sustained,
}

impl LevelRule {
    /// The level the rule gives.
    pub fn level(self) -> RelationshipLevel {
        match self {
            LevelRule::Remote => RelationshipLevel::REMOTE,
            LevelRule::Met => RelationshipLevel::MET,
            LevelRule::Sustained => RelationshipLevel::RAPPORT,
        }
    }

    /// The lowercase name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            LevelRule::Remote => "remote",
            LevelRule::Met => "met",
            LevelRule::Sustained => "sustained",
        }
    }
}

/// A pair's counted interactions by kind and direction. `a` is the pair's
/// lower participant index, `b` the higher.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    /// E-mails from `a` to `b`.
    pub email_ab: u32,
    /// E-mails from `b` to `a`.
    pub email_ba: u32,
    /// Messages from `a` to `b`.
    pub message_ab: u32,
    /// Messages from `b` to `a`.
    pub message_ba: u32,
    /// Calls.
    pub calls: u32,
    /// Meetings.
    pub meetings: u32,
    /// Visits.
    pub visits: u32,
}

impl KindCounts {
    /// All counted interactions.
    pub fn total(&self) -> u32 {
        self.email_ab + self.email_ba + self.message_ab + self.message_ba + self.calls + self.meetings + self.visits
    }

    /// Whether the pair is reciprocal: a call, meeting or visit, or mail or
    /// messages in both directions.
    pub fn is_reciprocal(&self) -> bool {
        self.calls + self.meetings + self.visits > 0
            || (self.email_ab + self.message_ab > 0 && self.email_ba + self.message_ba > 0)
    }

    /// The counts of events by code (`event & 7`, tallied by the caller).
    fn from_codes(c: [u32; 8]) -> Self {
        Self {
            email_ab: c[CODE_EMAIL_AB as usize],
            email_ba: c[CODE_EMAIL_BA as usize],
            message_ab: c[CODE_MESSAGE_AB as usize],
            message_ba: c[CODE_MESSAGE_BA as usize],
            calls: c[CODE_CALL as usize],
            meetings: c[CODE_MEETING as usize],
            // Code 7 is never written; counted as a visit as before.
            visits: c[CODE_VISIT as usize] + c[7],
        }
    }
}

/// A tie inferred from the history, explaining itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InferredTie {
    /// The lower participant index of the pair.
    pub a: u32,
    /// The higher participant index of the pair.
    pub b: u32,
    /// The inferred level (1 to 3).
    pub level: RelationshipLevel,
    /// The rule that gave the level.
    pub rule: LevelRule,
    /// The day of the first counted interaction.
    pub first_contact: Date,
    /// The day of the latest counted interaction.
    pub last_contact: Date,
    /// Counted interactions by kind and direction.
    pub counts: KindCounts,
    /// All counted interactions (`counts.total()`).
    pub interactions: u32,
    /// Distinct days with a counted interaction.
    pub contact_days: u32,
    /// Distinct days with a meeting or visit.
    pub face_to_face_days: u32,
    /// The rhythm: the median gap in days between consecutive contact days;
    /// `None` with fewer contact days than
    /// [`rhythm_min_days`](InferOptions::rhythm_min_days).
    pub median_gap_days: Option<f64>,
    /// Days from the last contact to the as-of date.
    pub silence_days: i32,
    /// Whether the tie is overdue for contact as of the date: silence over
    /// the overdue factor times the rhythm, or over the fresh period for a
    /// tie without a rhythm.
    pub overdue: bool,
}

/// What the history says about one pair (for `--explain`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum PairVerdict {
    /// No counted interaction up to the date.
    NoHistory,
    /// Only one-way mail or messages: not a relationship.
    OneWay {
        /// Counted interactions by kind and direction.
        counts: KindCounts,
        /// The first one.
        first_contact: Date,
        /// The latest one.
        last_contact: Date,
    },
    /// A reciprocal pair: a tie.
    Tie(InferredTie),
}

/// What the inference read and ignored, as of a date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InferenceSummary {
    /// Interactions read, dated up to the as-of date.
    pub interactions: u64,
    /// Interactions dated after the as-of date (not counted).
    pub after_as_of: u64,
    /// Interactions ignored for having too many participants.
    pub mass: u64,
    /// Participant mentions that matched no contact (in interactions up to
    /// the date, mass ones included).
    pub unmatched_participants: u64,
    /// Interactions left with fewer than two matched participants.
    pub unmatched_interactions: u64,
    /// Pairs with mail or messages in one direction only (no tie).
    pub one_way_pairs: u64,
    /// The mail and messages of those pairs.
    pub one_way_messages: u64,
    /// Ties inferred.
    pub ties: u64,
    /// Ties inferred per level 0 to 5 (only 1 to 3 can be non-zero).
    pub levels: [u64; 6],
    /// Ties overdue as of the date.
    pub overdue: u64,
}

/// The ties inferred as of a date, in order of `(a, b)`, and the summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InferredTies {
    /// The as-of date.
    pub as_of: Date,
    ties: Vec<InferredTie>,
    /// What was read and ignored.
    pub summary: InferenceSummary,
}

impl InferredTies {
    /// The ties, ordered by `(a, b)`.
    pub fn ties(&self) -> &[InferredTie] {
        &self.ties
    }

    /// The tie between two participants, in either order.
    pub fn tie(&self, x: u32, y: u32) -> Option<&InferredTie> {
        let key = (x.min(y), x.max(y));
        self.ties.binary_search_by(|t| (t.a, t.b).cmp(&key)).ok().map(|i| &self.ties[i])
    }

    /// The ties, by value.
    pub fn into_ties(self) -> Vec<InferredTie> {
        self.ties
    }
}

const CODE_EMAIL_AB: u32 = 0;
const CODE_EMAIL_BA: u32 = 1;
const CODE_MESSAGE_AB: u32 = 2;
const CODE_MESSAGE_BA: u32 = 3;
const CODE_CALL: u32 = 4;
const CODE_MEETING: u32 = 5;
const CODE_VISIT: u32 = 6;
/// Day numbers are shifted by this to be non-negative (jiff's earliest date
/// is about -4.38 million days from 1970).
const DAY_OFFSET: i32 = 4_500_000;

fn pack(day: i32, code: u32) -> u32 {
    (((day + DAY_OFFSET) as u32) << 3) | code
}

fn unpack_day(event: u32) -> i32 {
    (event >> 3) as i32 - DAY_OFFSET
}

/// Sorts `[a, b, event]` entries by `(a, b)`, stably (each pair's events
/// stay in their order), and hands the sorted entries to `each(a, b, event)` in order,
/// a bucket at a time (while it is in the cache), by radix on the key `a << w | b` (`w` the bits
/// that `b` uses): one most-significant-digit pass on the key's top 12 bits
/// scatters the entries into at most 4,096 buckets (the one pass over the
/// whole array), then each bucket, a few thousand entries that stay in the
/// cache for a log of millions, is sorted on the rest of the key by a
/// least-significant-digit radix sort in passes of at most 12 bits (or by
/// insertion when small). A pass in which every entry has the same digit
/// is skipped. The buckets hold each entry in 8 bytes (the key's bits below
/// the bucket's and the event) when they fit (a key of up to 50 bits, so
/// up to about 2^25 participants, and events of 26 bits, as every packed
/// event is), else in 12.
///
/// `used` holds at least every bit set in some `a` and some `b` (the
/// bitwise or of them, kept as the events are added).
fn radix_sort_by_pair(mut v: Vec<[u32; 3]>, used: [u32; 2], mut each: impl FnMut(u32, u32, u32)) {
    let [used_a, used_b] = used;
    let width_b = u32::BITS - used_b.leading_zeros();
    let bits = width_b + (u32::BITS - used_a.leading_zeros());
    let every = |sorted: &[[u32; 3]], each: &mut dyn FnMut(u32, u32, u32)| {
        for &[a, b, event] in sorted {
            each(a, b, event);
        }
    };
    if bits == 0 || v.len() < 2 {
        every(&v, &mut each);
        return;
    }
    let key = |e: &[u32; 3]| (u64::from(e[0]) << width_b) | u64::from(e[1]);
    let top = bits.min(RADIX_BITS);
    let low = bits - top;
    // Each bucket's start in the output, then its cursor.
    let mut starts = vec![0usize; (1 << top) + 1];
    let mut events_or = 0u32;
    for e in v.iter() {
        starts[(key(e) >> low) as usize + 1] += 1;
        events_or |= e[2];
    }
    let mut scratch: Vec<[u32; 3]> = Vec::new();
    let mut counts = Vec::new();
    if starts.contains(&v.len()) {
        lsd_sort(&mut v, low, key, &mut scratch, &mut counts);
        every(&v, &mut each);
        return;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut at = starts.clone();
    if low + PACKED_EVENT_BITS <= u64::BITS && events_or >> PACKED_EVENT_BITS == 0 {
        // Every entry in 8 bytes: the key's low bits (its top bits are the
        // bucket's) above the event.
        let mut buf = vec![0u64; v.len()];
        for e in v.iter() {
            let k = key(e);
            let c = &mut at[(k >> low) as usize];
            buf[*c] = ((k & ((1 << low) - 1)) << PACKED_EVENT_BITS) | u64::from(e[2]);
            *c += 1;
        }
        drop(v);
        let mask_b = (1u64 << width_b) - 1;
        let mut scratch: Vec<u64> = Vec::new();
        for (i, w) in starts.windows(2).enumerate() {
            let bucket = &mut buf[w[0]..w[1]];
            lsd_sort(bucket, low, |e| e >> PACKED_EVENT_BITS, &mut scratch, &mut counts);
            let high = (i as u64) << low;
            for &e in bucket.iter() {
                let k = high | (e >> PACKED_EVENT_BITS);
                each((k >> width_b) as u32, (k & mask_b) as u32, (e as u32) & ((1 << PACKED_EVENT_BITS) - 1));
            }
        }
        return;
    }
    let mut buf = vec![[0u32; 3]; v.len()];
    for e in v.iter() {
        let c = &mut at[(key(e) >> low) as usize];
        buf[*c] = *e;
        *c += 1;
    }
    drop(v);
    for w in starts.windows(2) {
        let bucket = &mut buf[w[0]..w[1]];
        lsd_sort(bucket, low, key, &mut scratch, &mut counts);
        every(bucket, &mut each);
    }
}

/// Bits of an event in the sort's 8-byte entries: every packed event (the
/// day plus [`DAY_OFFSET`], under 2^23 for every date jiff has, and the
/// 3-bit code) fits.
const PACKED_EVENT_BITS: u32 = 26;

/// Digit bits of a radix pass.
const RADIX_BITS: u32 = 12;

/// Sorts `v` stably on the low `bits` bits of `key`: by insertion when
/// short, else least significant digit first, in passes of equal width of
/// at most [`RADIX_BITS`] (`scratch` and `counts` are reused buffers).
fn lsd_sort<T: Copy + Default>(
    v: &mut [T],
    bits: u32,
    key: impl Fn(&T) -> u64,
    scratch: &mut Vec<T>,
    counts: &mut Vec<usize>,
) {
    if bits == 0 || v.len() < 2 {
        return;
    }
    let mask = (1u64 << bits) - 1;
    if v.len() <= 48 {
        // Stable: an entry moves only past greater keys.
        for i in 1..v.len() {
            let e = v[i];
            let k = key(&e) & mask;
            let mut j = i;
            while j > 0 && key(&v[j - 1]) & mask > k {
                v[j] = v[j - 1];
                j -= 1;
            }
            v[j] = e;
        }
        return;
    }
    let passes = bits.div_ceil(RADIX_BITS);
    let width = bits.div_ceil(passes);
    let digit_mask = (1u64 << width) - 1;
    let size = 1usize << width;
    counts.clear();
    counts.resize(size * passes as usize, 0);
    for e in v.iter() {
        let k = key(e);
        for p in 0..passes as usize {
            counts[p * size + ((k >> (p as u32 * width)) & digit_mask) as usize] += 1;
        }
    }
    scratch.clear();
    scratch.resize(v.len(), T::default());
    // The passes go from `v` to `scratch` and back; `in_scratch` says
    // where the entries are.
    let mut in_scratch = false;
    for p in 0..passes as usize {
        let count = &mut counts[p * size..(p + 1) * size];
        if count.contains(&v.len()) {
            continue;
        }
        let mut start = 0;
        for c in count.iter_mut() {
            let n = *c;
            *c = start;
            start += n;
        }
        let shift = p as u32 * width;
        let (from, to): (&[T], &mut [T]) = if in_scratch { (scratch, v) } else { (v, scratch) };
        for e in from {
            let at = &mut count[((key(e) >> shift) & digit_mask) as usize];
            to[*at] = *e;
            *at += 1;
        }
        in_scratch = !in_scratch;
    }
    if in_scratch {
        v.copy_from_slice(scratch);
    }
}

/// Per-day counts of whole interactions, for the summary as of any date.
#[derive(Debug, Clone, Copy, Default)]
struct DayCounts {
    read: u64,
    mass: u64,
    unmatched_participants: u64,
    unmatched_interactions: u64,
}

/// The streaming inference: add interactions one at a time in any order,
/// then [`finish`](Self::finish) as of any date (as often as wanted: an
/// inference as of a date counts only the interactions up to that date).
///
/// Participants are `u32` indices chosen by the caller (see
/// [`ParticipantIndex`](super::ParticipantIndex) for contacts and e-mail
/// addresses). Only one compact event (4 bytes: the day and the kind and
/// direction) per pair and interaction is kept, never the interaction
/// itself.
///
/// # Layout
///
/// Each added event is appended to a flat log as (a, b, event), 12 bytes:
/// adding never looks anything up, so it touches only the log's end.
/// [`finish`](Self::finish) first indexes the log: a stable radix sort by
/// `(a, b)` (one pass over the log scatters it into at most 4,096 buckets by
/// the key's top 12 bits, a sequential read and a write to at most 4,096
/// places at once instead of a random access per event; each bucket is then
/// sorted on the rest of the key in the cache) puts each pair's events together, in order of arrival,
/// the pairs in `(a, b)` order; the sorted log becomes the pairs' keys, the
/// start of each pair's run and the events, each run sorted (a log in date
/// order needs no sorting). Later adds go to the log again and the next
/// finish sorts the indexed events (first) and the new ones together.
/// Judging a pair then reads its events in one run, and a pair is found by
/// binary search in the sorted keys.
///
/// # Complexity
///
/// [`add`](Self::add): O(p) for an e-mail to p recipients, O(p²) for a
/// meeting of p participants (p ≤ 20 by default). [`finish`](Self::finish):
/// O(E·k) to index E events, k the radix passes (`⌈2·log₂(n)/12⌉` for
/// pairs among n participants, so 3 for 100,000 participants, of which one
/// over the whole log and the others in the cache, bucket by bucket; plus
/// sorting the events of pairs that arrived out of date order), then O(E)
/// to judge. Memory: 12 bytes per event while in the log and 8 more while
/// it is sorted (12 past 2^25 participants), then 4 bytes per event and 12
/// per pair once indexed.
#[derive(Debug, Clone)]
pub struct Inference {
    options: InferOptions,
    /// Events added since the last indexing: `[a, b, event]`, `a < b`.
    log: Vec<[u32; 3]>,
    /// The bitwise or of every `a`, and of every `b`, ever logged (the bits
    /// the radix sort of the index goes over).
    used: [u32; 2],
    /// Pair keys in `(a, b)` order.
    sorted_keys: Vec<u64>,
    /// Start of each ranked pair's events in `events`, plus the end.
    offsets: Vec<u32>,
    /// The indexed events, pair after pair in rank order, each run sorted.
    events: Vec<u32>,
    /// Per-day counts of whole interactions, in order of arrival, runs of
    /// one day merged; sorted and merged by day when indexed.
    days: Vec<(i32, DayCounts)>,
    days_sorted: bool,
    scratch: Vec<u32>,
}

impl Inference {
    /// An empty inference with these thresholds.
    pub fn new(options: InferOptions) -> Self {
        Self {
            options,
            log: Vec::new(),
            used: [0; 2],
            sorted_keys: Vec::new(),
            offsets: vec![0],
            events: Vec::new(),
            days: Vec::new(),
            days_sorted: true,
            scratch: Vec::new(),
        }
    }

    /// The thresholds.
    pub fn options(&self) -> &InferOptions {
        &self.options
    }

    /// Number of distinct pairs with at least one counted event (indexes
    /// the events added since the last [`finish`](Self::finish), as it
    /// would).
    pub fn pair_count(&mut self) -> usize {
        self.index();
        self.sorted_keys.len()
    }

    /// Adds one interaction.
    ///
    /// `from` is the sender (for `email` and `message`) or any participant
    /// (for the other kinds; it may be one of `recipients` too), `None` when
    /// the sender matched no contact. `recipients` are the other matched
    /// participants (`to` and `cc` together; repeats count once);
    /// `unmatched` is the number of participants that matched no contact,
    /// counted toward the participant limit.
    pub fn add(&mut self, date: Date, kind: InteractionKind, from: Option<u32>, recipients: &[u32], unmatched: u32) {
        self.add_day(days_from_date(date), kind, from, recipients, unmatched);
    }

    /// [`add`](Self::add) with a day number (days since 1970-01-01).
    pub(crate) fn add_day(
        &mut self,
        day: i32,
        kind: InteractionKind,
        from: Option<u32>,
        recipients: &[u32],
        unmatched: u32,
    ) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let undirected_from = from.filter(|_| !kind.is_directed());
        if recipients.len() <= 16 {
            // Few participants (most rows): each inserted in order, repeats
            // dropped, as sorting and deduplicating them gives.
            for &p in recipients.iter().chain(&undirected_from) {
                let mut at = scratch.len();
                while at > 0 && scratch[at - 1] > p {
                    at -= 1;
                }
                if at == 0 || scratch[at - 1] != p {
                    // `insert` without its call to `memmove`.
                    scratch.push(p);
                    let mut i = scratch.len() - 1;
                    while i > at {
                        scratch[i] = scratch[i - 1];
                        i -= 1;
                    }
                    scratch[at] = p;
                }
            }
        } else {
            scratch.extend_from_slice(recipients);
            scratch.extend(undirected_from);
            scratch.sort_unstable();
            scratch.dedup();
        }
        if kind.is_directed()
            && let Some(f) = from
            && let Ok(i) = scratch.binary_search(&f)
        {
            // Mail to oneself: the sender is no recipient.
            scratch.remove(i);
        }
        let matched = scratch.len() as u64 + u64::from(kind.is_directed() && from.is_some());
        let participants = matched + u64::from(unmatched);
        let max_participants = u64::from(self.options.max_participants);
        let counts = self.day_counts(day);
        counts.read += 1;
        counts.unmatched_participants += u64::from(unmatched);
        if participants > max_participants {
            counts.mass += 1;
        } else if matched < 2 {
            counts.unmatched_interactions += 1;
        } else if kind.is_directed() {
            if let Some(f) = from {
                let (ab, ba) = match kind {
                    InteractionKind::Email => (CODE_EMAIL_AB, CODE_EMAIL_BA),
                    _ => (CODE_MESSAGE_AB, CODE_MESSAGE_BA),
                };
                for &r in &scratch {
                    let code = if f < r { ab } else { ba };
                    self.push(f.min(r), f.max(r), pack(day, code));
                }
            }
        } else {
            let code = match kind {
                InteractionKind::Call => CODE_CALL,
                InteractionKind::Meeting => CODE_MEETING,
                _ => CODE_VISIT,
            };
            let event = pack(day, code);
            for (i, &x) in scratch.iter().enumerate() {
                for &y in &scratch[i + 1..] {
                    self.push(x, y, event);
                }
            }
        }
        self.scratch = scratch;
    }

    /// The counts of `day`: the last run's when the log is in date order.
    fn day_counts(&mut self, day: i32) -> &mut DayCounts {
        match self.days.last() {
            Some(&(last, _)) if last == day => {}
            last => {
                if last.is_some_and(|&(l, _)| l > day) {
                    self.days_sorted = false;
                }
                self.days.push((day, DayCounts::default()));
            }
        }
        let n = self.days.len() - 1;
        &mut self.days[n].1
    }

    #[inline]
    fn push(&mut self, a: u32, b: u32, event: u32) {
        self.log.push([a, b, event]);
        self.used = [self.used[0] | a, self.used[1] | b];
    }

    /// Moves the log into the indexed events (see the type's Layout).
    fn index(&mut self) {
        if !self.days_sorted {
            self.days.sort_by_key(|&(day, _)| day);
            self.days_sorted = true;
        }
        if self.days.windows(2).any(|w| w[0].0 == w[1].0) {
            let mut merged: Vec<(i32, DayCounts)> = Vec::with_capacity(self.days.len());
            for &(day, c) in &self.days {
                match merged.last_mut() {
                    Some((d, m)) if *d == day => {
                        m.read += c.read;
                        m.mass += c.mass;
                        m.unmatched_participants += c.unmatched_participants;
                        m.unmatched_interactions += c.unmatched_interactions;
                    }
                    _ => merged.push((day, c)),
                }
            }
            self.days = merged;
        }
        if self.log.is_empty() {
            return;
        }
        // The indexed events first (they came first), then the log's.
        let mut all = std::mem::take(&mut self.log);
        if self.sorted_keys.is_empty() {
            all.shrink_to_fit();
        } else {
            let mut both = Vec::with_capacity(self.events.len() + all.len());
            for (r, &key) in self.sorted_keys.iter().enumerate() {
                let run = &self.events[self.offsets[r] as usize..self.offsets[r + 1] as usize];
                both.extend(run.iter().map(|&e| [(key >> 32) as u32, key as u32, e]));
            }
            both.extend_from_slice(&all);
            all = both;
            self.sorted_keys = Vec::new();
            self.offsets = vec![0];
            self.events = Vec::new();
        }
        // Events are counted in u32: a log of more than 4 billion pair
        // events is beyond this layout (and far beyond its memory).
        assert!(all.len() <= u32::MAX as usize, "more than 4 billion pair events");
        // One pass over each sorted bucket: a run's events are sorted when
        // its pair ends, and only if they came out of date order. The keys
        // and starts are given room for one pair per event (address space
        // only: the pages never written are never mapped) and shrunk after.
        let n = all.len();
        let mut sorted_keys: Vec<u64> = Vec::with_capacity(n);
        let mut offsets: Vec<u32> = Vec::with_capacity(n + 1);
        let mut events = Vec::with_capacity(n);
        let mut in_order = true;
        // The last key and event pushed (no pair has the key `u64::MAX`:
        // `a < b`).
        let (mut last_key, mut last_event) = (u64::MAX, 0u32);
        radix_sort_by_pair(all, self.used, |a, b, event| {
            let key = (u64::from(a) << 32) | u64::from(b);
            if key != last_key {
                if !in_order && let Some(&start) = offsets.last() {
                    events[start as usize..].sort_unstable();
                }
                in_order = true;
                sorted_keys.push(key);
                offsets.push(events.len() as u32);
                last_key = key;
            } else if last_event > event {
                in_order = false;
            }
            last_event = event;
            events.push(event);
        });
        if !in_order && let Some(&start) = offsets.last() {
            events[start as usize..].sort_unstable();
        }
        offsets.push(n as u32);
        sorted_keys.shrink_to_fit();
        offsets.shrink_to_fit();
        self.sorted_keys = sorted_keys;
        self.offsets = offsets;
        self.events = events;
    }

    /// The ties inferred from the interactions dated up to `as_of`, with
    /// the summary of what was read and ignored.
    ///
    /// # Complexity
    ///
    /// O(E + P log P) when interactions were added since the last call
    /// (see the type's Layout), then O(E + D) for E events and D days.
    pub fn finish(&mut self, as_of: Date) -> InferredTies {
        self.index();
        let cut = days_from_date(as_of);
        let mut summary = InferenceSummary::default();
        for &(day, counts) in &self.days {
            if day > cut {
                summary.after_as_of += counts.read;
                continue;
            }
            summary.interactions += counts.read;
            summary.mass += counts.mass;
            summary.unmatched_participants += counts.unmatched_participants;
            summary.unmatched_interactions += counts.unmatched_interactions;
        }
        let mut ties = Vec::new();
        let mut work = Work::default();
        for (r, &key) in self.sorted_keys.iter().enumerate() {
            let (a, b) = ((key >> 32) as u32, key as u32);
            let events = &self.events[self.offsets[r] as usize..self.offsets[r + 1] as usize];
            match self.judge(a, b, events, cut, &mut work, OneWayDates::Skip) {
                PairVerdict::NoHistory => {}
                PairVerdict::OneWay { counts, .. } => {
                    summary.one_way_pairs += 1;
                    summary.one_way_messages += u64::from(counts.total());
                }
                PairVerdict::Tie(tie) => {
                    summary.ties += 1;
                    summary.levels[tie.level.get() as usize] += 1;
                    summary.overdue += u64::from(tie.overdue);
                    ties.push(tie);
                }
            }
        }
        InferredTies { as_of, ties, summary }
    }

    /// What the history up to `as_of` says about one pair, in either order:
    /// no history, one-way, or a tie with its explanation.
    pub fn explain(&mut self, x: u32, y: u32, as_of: Date) -> PairVerdict {
        self.index();
        let (a, b) = (x.min(y), x.max(y));
        let key = (u64::from(a) << 32) | u64::from(b);
        match self.sorted_keys.binary_search(&key) {
            Err(_) => PairVerdict::NoHistory,
            Ok(r) => {
                let events = &self.events[self.offsets[r] as usize..self.offsets[r + 1] as usize];
                self.judge(a, b, events, days_from_date(as_of), &mut Work::default(), OneWayDates::Give)
            }
        }
    }

    fn judge(&self, a: u32, b: u32, events: &[u32], cut: i32, work: &mut Work, dates: OneWayDates) -> PairVerdict {
        let end = match events.last() {
            Some(&last) if unpack_day(last) <= cut => events.len(),
            _ => events.partition_point(|&e| unpack_day(e) <= cut),
        };
        let events = &events[..end];
        let (Some(&first), Some(&last)) = (events.first(), events.last()) else {
            return PairVerdict::NoHistory;
        };
        let mut codes = [0u32; 8];
        for &e in events {
            codes[(e & 7) as usize] += 1;
        }
        let counts = KindCounts::from_codes(codes);
        let (first_day, last_day) = (unpack_day(first), unpack_day(last));
        if !counts.is_reciprocal() {
            let (first_contact, last_contact) = match dates {
                OneWayDates::Give => (date_from_days(first_day), date_from_days(last_day)),
                OneWayDates::Skip => (Date::MIN, Date::MIN),
            };
            return PairVerdict::OneWay { counts, first_contact, last_contact };
        }
        // A tie: its contact days and face-to-face days.
        work.days.clear();
        work.face.clear();
        for &e in events {
            let code = e & 7;
            let day = unpack_day(e);
            if work.days.last() != Some(&day) {
                work.days.push(day);
            }
            if (code == CODE_MEETING || code == CODE_VISIT) && work.face.last() != Some(&day) {
                work.face.push(day);
            }
        }
        let o = &self.options;
        let rule = if work.face.is_empty() {
            LevelRule::Remote
        } else if sustained(&work.face, o) {
            LevelRule::Sustained
        } else {
            LevelRule::Met
        };
        let median_gap_days = if work.days.len() >= o.rhythm_min_days as usize {
            work.gaps.clear();
            work.gaps.extend(work.days.windows(2).map(|w| w[1] - w[0]));
            work.gaps.sort_unstable();
            let n = work.gaps.len();
            Some(if n % 2 == 1 {
                f64::from(work.gaps[n / 2])
            } else {
                (f64::from(work.gaps[n / 2 - 1]) + f64::from(work.gaps[n / 2])) / 2.0
            })
        } else {
            None
        };
        let silence_days = cut - last_day;
        let overdue = match median_gap_days {
            Some(gap) => f64::from(silence_days) > o.overdue_factor * gap,
            None => silence_days > o.fresh_days as i32,
        };
        PairVerdict::Tie(InferredTie {
            a,
            b,
            level: rule.level(),
            rule,
            first_contact: work.date(first_day),
            last_contact: work.date(last_day),
            counts,
            interactions: counts.total(),
            contact_days: work.days.len() as u32,
            face_to_face_days: work.face.len() as u32,
            median_gap_days,
            silence_days,
            overdue,
        })
    }
}

/// Whether [`Inference::judge`] dates a one-way pair (`--explain`) or
/// not ([`Inference::finish`] counts one-way pairs only).
#[derive(Clone, Copy)]
enum OneWayDates {
    Give,
    Skip,
}

#[derive(Default)]
struct Work {
    days: Vec<i32>,
    face: Vec<i32>,
    gaps: Vec<i32>,
    /// Dates of recent day numbers, by the day's low bits.
    dates: Vec<(i32, Date)>,
}

impl Work {
    /// Slots of the date cache (a power of two: eleven years of days).
    const DATES: usize = 4096;

    /// [`date_from_days`], remembered by the day's low bits.
    #[inline]
    fn date(&mut self, day: i32) -> Date {
        if self.dates.is_empty() {
            self.dates = vec![(i32::MIN, Date::MIN); Self::DATES];
        }
        let slot = &mut self.dates[(day as u32 as usize) & (Self::DATES - 1)];
        if slot.0 != day {
            *slot = (day, date_from_days(day));
        }
        slot.1
    }
}

/// Whether some run of face-to-face days (sorted, distinct), split wherever
/// a gap exceeds the maximum, has enough days over a long enough span.
fn sustained(face: &[i32], o: &InferOptions) -> bool {
    let mut start = 0;
    for i in 0..face.len() {
        let run_ends = i + 1 == face.len() || face[i + 1] - face[i] > o.sustained_max_gap_days as i32;
        if run_ends {
            let days = (i + 1 - start) as u32;
            let span = face[i] - face[start];
            if days >= o.sustained_meetings && span >= o.sustained_span_days as i32 {
                return true;
            }
            start = i + 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn the_radix_sort_is_a_stable_sort_by_pair() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for (len, range_a, range_b) in [
            (0, 1, 1),
            (1, 1, 1),
            (1000, 1, 5),
            (5000, 300, 300),
            (20_000, 70_000, 1 << 20),
            (3000, u64::MAX, u64::MAX),
            // Buckets of tens to thousands of entries (sorted by radix).
            (300_000, 4, 1 << 14),
            (200_000, 1 << 10, 1 << 15),
            // A hub (every `a` the same large index): one bucket.
            (50_000, 0, 1 << 20),
        ] {
            let mut v: Vec<[u32; 3]> = (0..len)
                .map(|i| {
                    let r = xorshift(&mut state);
                    let a = if range_a == 0 { 1 << 20 } else { (r % range_a) as u32 };
                    // Events past 26 bits in one case (the sort's 12-byte path).
                    [a, ((r >> 32) % range_b) as u32, if len == 5000 { i << 16 } else { i }]
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_by_key(|e| (e[0], e[1]));
            let used = v.iter().fold([0u32; 2], |[a, b], e| [a | e[0], b | e[1]]);
            let mut sorted = Vec::new();
            radix_sort_by_pair(std::mem::take(&mut v), used, |a, b, e| sorted.push([a, b, e]));
            assert_eq!(sorted, expected, "{len} entries");
        }
    }

    /// The index: every pair's events sorted, the pairs in `(a, b)` order,
    /// for participants in few and many radix buckets, past the sort's
    /// 8-byte entries (2^25 participants and more, up to the top of `u32`),
    /// finished between adds.
    #[test]
    fn the_index_holds_every_pair_in_order() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for (len, range) in [(0u64, 1u64), (2, 2), (5_000, 40), (40_000, 100_000), (20_000, 1 << 27), (3_000, 1 << 32)]
        {
            let mut inference = Inference::new(InferOptions::default());
            let mut expected: std::collections::BTreeMap<(u32, u32), Vec<u32>> = Default::default();
            for i in 0..len {
                let r = xorshift(&mut state);
                let (x, y) = ((r % range) as u32, ((r >> 32) % range) as u32);
                let (x, y) = if range > u64::from(u32::MAX) && i % 3 == 0 { (u32::MAX - x % 7, y) } else { (x, y) };
                if x == y {
                    continue;
                }
                let (a, b) = (x.min(y), x.max(y));
                let event = pack(19_000 + (xorshift(&mut state) % 3_000) as i32, (r >> 61) as u32 % 7);
                inference.push(a, b, event);
                expected.entry((a, b)).or_default().push(event);
                if i == len / 2 {
                    let _ = inference.pair_count();
                }
            }
            inference.index();
            let keys: Vec<u64> = expected.keys().map(|&(a, b)| (u64::from(a) << 32) | u64::from(b)).collect();
            assert_eq!(inference.sorted_keys, keys, "{len} events among {range}");
            assert_eq!(inference.offsets.len(), keys.len() + 1);
            for (r, events) in expected.values_mut().enumerate() {
                events.sort_unstable();
                let run = &inference.events[inference.offsets[r] as usize..inference.offsets[r + 1] as usize];
                assert_eq!(run, events.as_slice());
            }
        }
    }

    #[test]
    fn finishing_between_adds_changes_nothing() {
        // Adds in two halves (the second partly earlier in date), finished
        // in between, give what adding everything once gives.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let kinds = InteractionKind::ALL;
        let mut rows = Vec::new();
        for i in 0..4000u32 {
            let r = xorshift(&mut state);
            let day = 20_000 + (i as i32 * 3 + (r % 50) as i32 - 25);
            let from = (r >> 8) as u32 % 60;
            let to: Vec<u32> = (0..1 + (r >> 20) % 3).map(|k| ((r >> (24 + 6 * k)) % 60) as u32).collect();
            rows.push((day, kinds[(r >> 40) as usize % kinds.len()], from, to));
        }
        let as_of = date_from_days(20_000 + 12_100);
        let mut once = Inference::new(InferOptions::default());
        let mut twice = Inference::new(InferOptions::default());
        for (i, (day, kind, from, to)) in rows.iter().enumerate() {
            once.add_day(*day, *kind, Some(*from), to, 0);
            twice.add_day(*day, *kind, Some(*from), to, 0);
            if i == 2500 {
                assert!(twice.pair_count() > 100);
                let _ = twice.finish(as_of);
            }
        }
        let logged = once.log.clone();
        let all = once.finish(as_of);
        assert!(all.summary.ties > 100, "{:?}", all.summary);
        // Every run sorted, holding its pair's logged events, some of which
        // were logged out of order.
        let mut unsorted_runs = 0;
        for (r, &key) in once.sorted_keys.iter().enumerate() {
            let run = &once.events[once.offsets[r] as usize..once.offsets[r + 1] as usize];
            let mut logged: Vec<u32> =
                logged.iter().filter(|e| (u64::from(e[0]) << 32 | u64::from(e[1])) == key).map(|e| e[2]).collect();
            unsorted_runs += usize::from(!logged.is_sorted());
            logged.sort_unstable();
            assert_eq!(run, logged.as_slice());
        }
        assert!(unsorted_runs > 10, "{unsorted_runs}");
        assert_eq!(once.events.len(), logged.len());
        assert_eq!(twice.finish(as_of), all);
        assert_eq!(twice.pair_count(), once.pair_count());
        assert_eq!(twice.finish(date_from_days(20_000 + 6_000)), once.finish(date_from_days(20_000 + 6_000)));
    }
}
