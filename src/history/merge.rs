//! Typed ties and inferred ties in one portfolio.

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;

use super::days::days_from_date;
use super::infer::{InferredTie, InferredTies};
use super::interactions::ReadInteractions;
use crate::error::Result;
use crate::model::{Contact, ContactId, Role, SalesNetworks, Tie};

/// Where a tie of an enriched portfolio comes from (the `origin` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TieOrigin {
    /// Typed in only: no counted interaction.
    Typed,
    /// Inferred only.
    Inferred,
    /// Typed in and seen in the history: the typed level, the later date.
    Both,
}

impl TieOrigin {
    /// The lowercase name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            TieOrigin::Typed => "typed",
            TieOrigin::Inferred => "inferred",
            TieOrigin::Both => "both",
        }
    }
}

/// A portfolio enriched with the ties of its history.
#[derive(Debug, Clone)]
pub struct Enriched {
    /// The portfolio: every typed tie (its level kept, its date moved to the
    /// later of the two), every inferred tie, every contact created from an
    /// organization's domain, every deal. Each tie carries the attributes `origin`,
    /// `interactions`, `median_gap_days` and `overdue`. The interaction
    /// history itself is not copied: it stays in its files.
    pub networks: SalesNetworks,
    /// The inferred ties (participant indices of the read's index) and the summary.
    pub inferred: InferredTies,
    /// Ties per origin: typed, inferred, both.
    pub origins: [u64; 3],
}

/// Infers the ties of the history up to `as_of` and merges them into the
/// portfolio by the design rules: a typed-in level always wins over an
/// inferred one, and the later `last_contact` of the two wins. Ties of an
/// earlier run (attribute `origin` = `inferred`) are inferred afresh rather
/// than taken as typed, so running it again on its own output changes
/// nothing. Contacts created from an organization's domain join the
/// portfolio (role `other`, the address as id, name and `email`).
///
/// A tie is `overdue` as [`InferredTie::overdue`] says, measured from the
/// merged last contact; a typed-only tie with a date is overdue after the
/// fresh period of silence; one without a date has no `overdue` value.
///
/// # Errors
///
/// Those of [`SalesNetworksBuilder::build`](crate::model::SalesNetworksBuilder::build)
/// (a created contact whose id is already taken cannot happen: the index
/// resolves known ids first).
pub fn enrich(networks: &SalesNetworks, read: &mut ReadInteractions, as_of: Date) -> Result<Enriched> {
    let inferred = read.inference.finish(as_of);
    let options = read.inference.options().clone();
    let index = &read.participants;
    let id = |p: u32| index.id(p).unwrap_or_default().to_string();
    let mut by_pair: HashMap<(String, String), &InferredTie> = HashMap::with_capacity(inferred.ties().len());
    for t in inferred.ties() {
        let (x, y) = (id(t.a), id(t.b));
        by_pair.insert(if x <= y { (x, y) } else { (y, x) }, t);
    }
    let cut = days_from_date(as_of);
    let overdue_of = |t: Option<&InferredTie>, last: Option<Date>| -> Option<bool> {
        let silence = cut - days_from_date(last?);
        Some(match t.and_then(|t| t.median_gap_days) {
            Some(gap) => f64::from(silence) > options.overdue_factor_value() * gap,
            None => silence > options.fresh_days_value() as i32,
        })
    };

    let mut b = SalesNetworks::builder();
    for org in networks.organizations() {
        b.organization(org.clone());
    }
    for contact in networks.contacts() {
        b.contact(contact.clone());
    }
    for (p, org) in index.created() {
        let address = id(*p);
        let mut contact = Contact::new(&address, address.clone(), org.clone(), Role::Other)?;
        contact.attributes.set("email", address.clone());
        b.contact(contact);
    }
    let mut origins = [0u64; 3];
    let mut used: std::collections::HashSet<(String, String)> = std::collections::HashSet::new();
    for tie in networks.ties() {
        if tie.attributes.get("origin") == Some(TieOrigin::Inferred.as_str()) {
            continue;
        }
        let key = pair_key(&tie.source, &tie.target);
        let seen = by_pair.get(&key).copied();
        let mut tie = tie.clone();
        let origin = match seen {
            Some(t) => {
                used.insert(key);
                tie.last_contact = tie.last_contact.max(Some(t.last_contact));
                TieOrigin::Both
            }
            None => TieOrigin::Typed,
        };
        let overdue = overdue_of(seen, tie.last_contact);
        annotate(&mut tie, origin, seen, overdue);
        origins[origin as usize] += 1;
        b.tie(tie);
    }
    for t in inferred.ties() {
        let (x, y) = (id(t.a), id(t.b));
        let key = if x <= y { (x.clone(), y.clone()) } else { (y.clone(), x.clone()) };
        if used.contains(&key) {
            continue;
        }
        let mut tie = Tie::new(&x, &y, t.level)?.with_last_contact(t.last_contact);
        annotate(&mut tie, TieOrigin::Inferred, Some(t), Some(t.overdue));
        origins[TieOrigin::Inferred as usize] += 1;
        b.tie(tie);
    }
    for deal in networks.deals() {
        b.deal(deal.clone());
    }
    let networks = b.build()?;
    Ok(Enriched { networks, inferred, origins })
}

fn pair_key(a: &ContactId, b: &ContactId) -> (String, String) {
    let (a, b) = (a.as_str().to_string(), b.as_str().to_string());
    if a <= b { (a, b) } else { (b, a) }
}

fn annotate(tie: &mut Tie, origin: TieOrigin, seen: Option<&InferredTie>, overdue: Option<bool>) {
    let a = &mut tie.attributes;
    a.set("origin", origin.as_str());
    a.set("interactions", seen.map(|t| t.interactions.to_string()).unwrap_or_default());
    a.set("median_gap_days", seen.and_then(|t| t.median_gap_days).map(format_gap).unwrap_or_default());
    a.set("overdue", overdue.map(|o| o.to_string()).unwrap_or_default());
}

/// A median gap: whole days, or one decimal for the half of an even median.
pub(crate) fn format_gap(gap: f64) -> String {
    if gap.fract() == 0.0 { format!("{gap:.0}") } else { format!("{gap:.1}") }
}
