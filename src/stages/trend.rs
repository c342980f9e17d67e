//! How the networks change: the key numbers of each stage at every month or
//! quarter end between two dates, and what changed between the two dates.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::Serialize;

use super::{StageOptions, buy_in, closing, prospecting, solution};
use crate::error::{Error, Result};
use crate::model::{ContactId, DecayPolicy, Freshness, Relation, RelationshipLevel, Role, SalesNetworks};

/// How often the trend takes its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// At every month end.
    Month,
    /// At every quarter end (31 March, 30 June, 30 September, 31 December).
    Quarter,
}

impl Period {
    /// The lowercase name (`month`, `quarter`).
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
        }
    }
}

impl std::str::FromStr for Period {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "month" => Ok(Period::Month),
            "quarter" => Ok(Period::Quarter),
            other => Err(Error::InvalidArgument {
                name: "every",
                reason: format!("`{}` is not month or quarter", crate::history::echo(other)),
            }),
        }
    }
}

/// The market numbers at a date (stage 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarketPoint {
    /// The owner's active market contacts.
    pub active_contacts: usize,
    /// Burt's effective size of the owner's market network (`None` without contacts).
    pub effective_size: Option<f64>,
}

/// One prospect account's numbers at a date (stages 2 and 4).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountPoint {
    /// The organization.
    pub organization: String,
    /// Share of the account's decision makers and influencers reached.
    pub coverage: Option<f64>,
    /// Key people the owner has not met.
    pub gaps: usize,
    /// Distinct referees available to any of the account's decision makers.
    pub referees: usize,
}

/// The internal numbers at a date (stage 3).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InternalPoint {
    /// Density of the colleagues' active ties.
    pub density: Option<f64>,
    /// Departments with a strong active tie from the owner.
    pub covered_departments: usize,
    /// Departments in all.
    pub departments: usize,
}

/// The key numbers of every stage at one date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    /// The date (a period end, or the first or last date asked).
    pub date: Date,
    /// Stage 1.
    pub market: MarketPoint,
    /// Stages 2 and 4, per prospect account in the portfolio's order.
    pub accounts: Vec<AccountPoint>,
    /// Stage 3.
    pub internal: InternalPoint,
}

/// A change in one of the owner's ties between the two dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TieChange {
    /// The contact at the other end.
    pub id: ContactId,
    /// The contact's name.
    pub name: String,
    /// Level at the first date (`None`: no tie).
    pub level_before: Option<RelationshipLevel>,
    /// Level at the last date.
    pub level_after: Option<RelationshipLevel>,
    /// Freshness at the first date.
    pub freshness_before: Option<Freshness>,
    /// Freshness at the last date.
    pub freshness_after: Option<Freshness>,
}

/// A contact gained or lost as broker or referee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonChange {
    /// The contact.
    pub id: ContactId,
    /// The contact's name.
    pub name: String,
}

/// What changed between the first and the last date.
///
/// The owner's ties: **appeared** (no tie before, one after), **warmed**
/// (level up, or fresher: lapsed or fading to fresh, lapsed to fading),
/// **cooled** (level down, or fresh to fading), **lapsed** (active before,
/// lapsed after). Brokers (stage 1) and referees (stage 4, any prospect
/// account's decision maker) gained and lost. Each list is in id order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Changes {
    /// Ties that appeared.
    pub appeared: Vec<TieChange>,
    /// Ties that warmed.
    pub warmed: Vec<TieChange>,
    /// Ties that cooled (not lapsed).
    pub cooled: Vec<TieChange>,
    /// Ties that lapsed.
    pub lapsed: Vec<TieChange>,
    /// Brokers at the last date, not at the first.
    pub brokers_gained: Vec<PersonChange>,
    /// Brokers at the first date, not at the last.
    pub brokers_lost: Vec<PersonChange>,
    /// Referees at the last date, not at the first.
    pub referees_gained: Vec<PersonChange>,
    /// Referees at the first date, not at the last.
    pub referees_lost: Vec<PersonChange>,
}

/// The trend between two dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendReport {
    /// The first date.
    pub from: Date,
    /// The last date.
    pub to: Date,
    /// The period.
    pub every: Period,
    /// The numbers at `from`, every period end strictly between, and `to`.
    pub points: Vec<TrendPoint>,
    /// What changed from `from` to `to`.
    pub changes: Changes,
}

/// The dates of a trend: `from`, every period end strictly between, `to`.
pub fn period_ends(from: Date, to: Date, every: Period) -> Vec<Date> {
    let mut dates = vec![from];
    let step = match every {
        Period::Month => 1,
        Period::Quarter => 3,
    };
    // The first period end on or after `from`.
    let mut month = i32::from(from.month());
    month += (step - (month % step)) % step;
    let mut year = i32::from(from.year());
    loop {
        if month > 12 {
            month -= 12;
            year += 1;
        }
        let Ok(first) = Date::new(year as i16, month as i8, 1) else { break };
        let end = first.last_of_month();
        if end >= to {
            break;
        }
        if end > from {
            dates.push(end);
        }
        month += step;
    }
    if to > from {
        dates.push(to);
    }
    dates
}

/// The trend of a portfolio between two dates: `at(date)` gives the
/// portfolio at each date (with a history, the ties inferred up to it: see
/// [`crate::history::enrich`]); the stage reports run on it as of that date
/// under `policy`, for `options`' owner and thresholds.
///
/// # Errors
///
/// [`Error::InvalidArgument`] when `to` is before `from`; those of `at` and
/// of the stage reports.
///
/// # Complexity
///
/// One portfolio and four stage reports per date (buy-in and closing per
/// prospect account and decision maker).
pub fn trend(
    mut at: impl FnMut(Date) -> Result<SalesNetworks>,
    from: Date,
    to: Date,
    every: Period,
    policy: &DecayPolicy,
    options: &StageOptions,
) -> Result<TrendReport> {
    if to < from {
        return Err(Error::InvalidArgument { name: "to", reason: format!("{to} is before {from}") });
    }
    let dates = period_ends(from, to, every);
    let mut points = Vec::with_capacity(dates.len());
    let mut first: Option<Standing> = None;
    let mut last: Option<Standing> = None;
    for (i, &date) in dates.iter().enumerate() {
        let networks = at(date)?;
        let (point, snapshot) = point(&networks, date, policy, options)?;
        points.push(point);
        if i == 0 {
            first = Some(snapshot);
        } else if i + 1 == dates.len() {
            last = Some(snapshot);
        }
    }
    let changes = match (&first, &last) {
        (Some(a), Some(b)) => changes(a, b),
        _ => Changes::default(),
    };
    Ok(TrendReport { from, to, every, points, changes })
}

/// The owner's ties (level, freshness), brokers and referees at a date,
/// with the names of everyone in them.
struct Standing {
    ties: BTreeMap<ContactId, (RelationshipLevel, Freshness)>,
    brokers: BTreeSet<ContactId>,
    referees: BTreeSet<ContactId>,
    names: BTreeMap<ContactId, String>,
}

fn point(
    networks: &SalesNetworks,
    date: Date,
    policy: &DecayPolicy,
    options: &StageOptions,
) -> Result<(TrendPoint, Standing)> {
    let as_of = networks.at(date, policy);
    let owner = networks.choose_owner(options.owner_choice())?;
    let owner_id = networks.contact_at(owner).id.clone();
    let p = prospecting(&as_of, options)?;
    let s = solution(&as_of, options)?;
    let mut accounts = Vec::new();
    let mut referees = BTreeSet::new();
    for org in networks.organizations().iter().filter(|o| o.relation == Relation::Prospect) {
        let b = buy_in(&as_of, &org.name, options)?;
        let mut account_referees = BTreeSet::new();
        for dm in networks.contacts().filter(|c| c.organization == org.name && c.role == Role::DecisionMaker) {
            let c = closing(&as_of, dm.id.as_str(), options)?;
            account_referees.extend(c.referees.into_iter().map(|r| r.id));
        }
        accounts.push(AccountPoint {
            organization: org.name.clone(),
            coverage: b.coverage,
            gaps: b.gaps.len(),
            referees: account_referees.len(),
        });
        referees.extend(account_referees);
    }
    let point = TrendPoint {
        date,
        market: MarketPoint { active_contacts: p.size, effective_size: p.effective_size },
        accounts,
        internal: InternalPoint {
            density: s.density,
            covered_departments: s.departments.iter().filter(|d| d.covered).count(),
            departments: s.departments.len(),
        },
    };
    let mut ties = BTreeMap::new();
    let mut names = BTreeMap::new();
    for (c, t) in as_of.ties_of(owner_id.as_str()) {
        ties.insert(c.id.clone(), (t.tie.level, t.freshness));
        names.insert(c.id.clone(), c.name.clone());
    }
    let brokers: BTreeSet<ContactId> = p.brokers.into_iter().map(|b| b.id).collect();
    for id in brokers.iter().chain(&referees) {
        if let Some(c) = networks.contact(id.as_str()) {
            names.insert(id.clone(), c.name.clone());
        }
    }
    Ok((point, Standing { ties, brokers, referees, names }))
}

fn changes(b: &Standing, a: &Standing) -> Changes {
    let rank = |f: Freshness| match f {
        Freshness::Lapsed => 0,
        Freshness::Fading => 1,
        Freshness::Fresh | Freshness::Undated => 2,
    };
    let name = |id: &ContactId| a.names.get(id).or_else(|| b.names.get(id)).cloned().unwrap_or_default();
    let active = |t: Option<&(RelationshipLevel, Freshness)>| {
        t.is_some_and(|(l, f)| *l > RelationshipLevel::NO_CONTACT && *f != Freshness::Lapsed)
    };
    let ids: BTreeSet<&ContactId> = b.ties.keys().chain(a.ties.keys()).collect();
    let mut out = Changes::default();
    for id in ids {
        let (tb, ta) = (b.ties.get(id), a.ties.get(id));
        let change = TieChange {
            id: id.clone(),
            name: name(id),
            level_before: tb.map(|t| t.0),
            level_after: ta.map(|t| t.0),
            freshness_before: tb.map(|t| t.1),
            freshness_after: ta.map(|t| t.1),
        };
        match (tb, ta) {
            (None, Some(_)) if active(ta) => out.appeared.push(change),
            (Some(x), Some(y)) => {
                let (rb, ra) = (rank(x.1), rank(y.1));
                if active(tb) && !active(ta) {
                    out.lapsed.push(change);
                } else if y.0 > x.0 || (y.0 == x.0 && ra > rb) {
                    out.warmed.push(change);
                } else if y.0 < x.0 || ra < rb {
                    out.cooled.push(change);
                }
            }
            _ => {}
        }
    }
    let people = |set: &BTreeSet<ContactId>, minus: &BTreeSet<ContactId>| {
        set.difference(minus).map(|id| PersonChange { id: id.clone(), name: name(id) }).collect::<Vec<_>>()
    };
    out.brokers_gained = people(&a.brokers, &b.brokers);
    out.brokers_lost = people(&b.brokers, &a.brokers);
    out.referees_gained = people(&a.referees, &b.referees);
    out.referees_lost = people(&b.referees, &a.referees);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn quarter_and_month_ends() {
        let q = period_ends(date(2000, 1, 1), date(2001, 1, 1), Period::Quarter);
        assert_eq!(
            q,
            vec![
                date(2000, 1, 1),
                date(2000, 3, 31),
                date(2000, 6, 30),
                date(2000, 9, 30),
                date(2000, 12, 31),
                date(2001, 1, 1)
            ]
        );
        let m = period_ends(date(2000, 1, 31), date(2000, 4, 30), Period::Month);
        assert_eq!(m, vec![date(2000, 1, 31), date(2000, 2, 29), date(2000, 3, 31), date(2000, 4, 30)]);
        assert_eq!(period_ends(date(2000, 1, 5), date(2000, 1, 5), Period::Month), vec![date(2000, 1, 5)]);
    }
}
