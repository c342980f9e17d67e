//! Gephi's timeline: the history as a dynamic GEXF 1.3 graph, each tie with
//! its spells (when it was an active relationship) and its level over time.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::infer::Inference;
use super::interactions::ParticipantIndex;
use crate::markup::{Raw, markup, markupln};

/// How a tie's life is sampled for the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineOptions {
    /// A tie is active at a sample date while its silence is at most this
    /// many days (default 365, the decay policy's lapse).
    pub lapse_days: i32,
}

impl Default for TimelineOptions {
    fn default() -> Self {
        Self { lapse_days: 365 }
    }
}

/// Writes the inferred ties as a dynamic GEXF 1.3 document (`timeformat="date"`).
///
/// The inference is finished at each of `dates` (sorted, e.g. month ends):
/// a tie's **spells** are the runs of sample dates at which it exists and is
/// active (silence at most `lapse_days`), each spell running from its first
/// sample date to the day before the next sample after its last (or its
/// last sample, for the last date); its dynamic attribute **level** takes
/// the level of each run of equal levels. Nodes are the participants that
/// have a tie at some date, labelled by id (`labels` may give names), with
/// a spell from their first tie's first sample on.
///
/// # Complexity
///
/// One [`Inference::finish`] per date: O(D·(E + P log P)).
pub fn history_gexf(
    inference: &mut Inference,
    participants: &ParticipantIndex,
    dates: &[Date],
    labels: &dyn Fn(&str) -> Option<String>,
    options: &TimelineOptions,
) -> String {
    use std::collections::BTreeMap;
    // Per pair: (level or 0 when inactive/absent) at each date.
    let mut states: BTreeMap<(u32, u32), Vec<u8>> = BTreeMap::new();
    for (k, &d) in dates.iter().enumerate() {
        let ties = inference.finish(d);
        for t in ties.ties() {
            let active = t.silence_days <= options.lapse_days;
            let entry = states.entry((t.a, t.b)).or_insert_with(|| vec![0; dates.len()]);
            entry[k] = if active { t.level.get() } else { 0 };
        }
    }
    let end_of = |k: usize| -> Date {
        match dates.get(k + 1) {
            Some(next) => next.yesterday().unwrap_or(*next),
            None => dates[k],
        }
    };
    let mut first_seen: BTreeMap<u32, usize> = BTreeMap::new();
    for (&(a, b), levels) in &states {
        if let Some(k) = levels.iter().position(|&l| l > 0) {
            for p in [a, b] {
                let e = first_seen.entry(p).or_insert(k);
                *e = (*e).min(k);
            }
        }
    }
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n");
    s.push_str("  <meta><creator>salesnet</creator><description>relationship history</description></meta>\n");
    s.push_str("  <graph mode=\"dynamic\" defaultedgetype=\"undirected\" timeformat=\"date\">\n");
    s.push_str("    <attributes class=\"edge\" mode=\"dynamic\">\n      <attribute id=\"level\" title=\"level\" type=\"integer\"/>\n    </attributes>\n");
    s.push_str("    <nodes>\n");
    for (&p, &k) in &first_seen {
        let id = participants.id(p).unwrap_or_default();
        let label = labels(id).unwrap_or_else(|| id.to_string());
        let _ = markupln!(s, "      <node id=\"{}\" label=\"{}\" start=\"{}\"/>", id, label, dates[k]);
    }
    s.push_str("    </nodes>\n    <edges>\n");
    let mut edge = 0usize;
    for (&(a, b), levels) in &states {
        if !levels.iter().any(|&l| l > 0) {
            continue;
        }
        let (ia, ib) = (participants.id(a).unwrap_or_default(), participants.id(b).unwrap_or_default());
        let _ = markupln!(s, "      <edge id=\"{}\" source=\"{}\" target=\"{}\">", edge, ia, ib);
        edge += 1;
        // Runs of equal non-zero level: attvalues; runs of non-zero: spells.
        let mut att = String::new();
        let mut spells = String::new();
        let mut k = 0;
        while k < levels.len() {
            if levels[k] == 0 {
                k += 1;
                continue;
            }
            let start = k;
            while k + 1 < levels.len() && levels[k + 1] > 0 {
                k += 1;
            }
            let _ = markupln!(spells, "          <spell start=\"{}\" end=\"{}\"/>", dates[start], end_of(k));
            let mut j = start;
            while j <= k {
                let run = j;
                while j < k && levels[j + 1] == levels[run] {
                    j += 1;
                }
                let _ = markupln!(
                    att,
                    "          <attvalue for=\"level\" value=\"{}\" start=\"{}\" end=\"{}\"/>",
                    levels[run],
                    dates[run],
                    end_of(j)
                );
                j += 1;
            }
            k += 1;
        }
        let _ = markup!(
            s,
            "        <attvalues>\n{}        </attvalues>\n        <spells>\n{}        </spells>\n      </edge>\n",
            Raw(&att),
            Raw(&spells)
        );
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}
