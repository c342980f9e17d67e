//! The dated action plan: one list of who to see, why and by when, merged
//! from the four stage reports and the maintenance cadence.

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;
use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::error::Result;
use crate::model::{AsOf, ContactId, Freshness, Relation, RelationshipLevel, Role, Stage};
use crate::stages::common::{StageOptions, who};
use crate::stages::{buy_in, closing, prospecting, solution};

/// What the plan asks the salesperson to do with one person.
///
/// Serialized as the lowercase names of DESIGN.md (`reconnect`, `maintain`,
/// `meet`, `introduce`, `ask_referral`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Get back in touch: the tie has lapsed but the person is worth having.
    Reconnect,
    /// Ask a customer who knows the target to vouch for the salesperson.
    AskReferral,
    /// Ask a contact to introduce the salesperson to a key person.
    Introduce,
    /// Meet a key person the salesperson has not met.
    Meet,
    /// Meet before a fresh tie starts to fade.
    Maintain,
}

impl ActionKind {
    /// The name used in reports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Reconnect => "reconnect",
            ActionKind::AskReferral => "ask_referral",
            ActionKind::Introduce => "introduce",
            ActionKind::Meet => "meet",
            ActionKind::Maintain => "maintain",
        }
    }
}

impl fmt::Display for ActionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Options of [`plan`].
///
/// | setting | default | meaning |
/// |---|---|---|
/// | [`days`](Self::days) | 14 | the window: actions due within this many days of the date, plus everything overdue |
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanOptions {
    days: u32,
}

impl Default for PlanOptions {
    fn default() -> Self {
        Self { days: 14 }
    }
}

impl PlanOptions {
    /// The default options: a two-week window.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the window, in days from the plan's date.
    #[must_use]
    pub fn days(mut self, days: u32) -> Self {
        self.days = days;
        self
    }

    /// The window in days.
    pub fn window(&self) -> u32 {
        self.days
    }
}

/// One dated action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    /// The day it is due; before the plan's date when it is overdue.
    pub due: Date,
    /// Whether it is overdue (due before the plan's date).
    pub overdue: bool,
    /// The person to contact.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// Their organization.
    pub organization: String,
    /// What to do.
    pub action: ActionKind,
    /// The stage whose report asked for it.
    pub stage: Stage,
    /// Why, in one sentence.
    pub reason: String,
}

/// The dated action plan of one salesperson.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanReport {
    /// The salesperson.
    pub owner: ContactId,
    /// The salesperson's name.
    pub owner_name: String,
    /// The plan's date.
    pub as_of: Date,
    /// The last day of the window.
    pub until: Date,
    /// Actions due up to `until` (overdue ones included), sorted by due
    /// date, then by kind (in the order of [`ActionKind`]), then by id; one
    /// per person.
    pub actions: Vec<Action>,
}

/// An action before the window is applied.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub(crate) node: NodeIndex,
    pub(crate) due: Date,
    pub(crate) action: ActionKind,
    pub(crate) stage: Stage,
    pub(crate) reason: String,
}

/// When the salesperson should act on an account's key people.
///
/// DOMAIN.md: "a key person not yet met is due before the deal's next
/// step". Without deals in the portfolio this is the plan's date. The funnel
/// of deals plugs in here: give the date of the account's next step.
fn account_due(as_of: &AsOf<'_>, _account: &str) -> Date {
    as_of.date()
}

/// What the plan knows of the owner's tie to someone, as a candidate action.
///
/// A lapsed tie of level 1 or more is due now (reconnect); a dated active
/// tie is due on its last contact plus the decay policy's fresh period (the
/// day it starts to fade, in the past when it is fading already); a tie of
/// level 0 (a name only), an undated one or none gives no cadence.
fn cadence(as_of: &AsOf<'_>, owner: NodeIndex, node: NodeIndex, stage: Stage, why: &str) -> Option<Candidate> {
    let dated = as_of.tie_between(owner, node)?;
    if dated.tie.level == RelationshipLevel::NO_CONTACT {
        return None;
    }
    let last = dated.tie.last_contact?;
    match dated.freshness {
        Freshness::Lapsed => Some(Candidate {
            node,
            due: as_of.date(),
            action: ActionKind::Reconnect,
            stage,
            reason: format!("{}, but you have not been in touch since {last}: get back in touch", capital(why)),
        }),
        Freshness::Fresh | Freshness::Fading => {
            let due = last.saturating_add(jiff::Span::new().days(i64::from(as_of.policy().fresh_days())));
            let when = if due < as_of.date() { "has been fading since" } else { "starts to fade on" };
            Some(Candidate {
                node,
                due,
                action: ActionKind::Maintain,
                stage,
                reason: format!("{}; your tie (last met {last}) {when} {due}: meet them", capital(why)),
            })
        }
        Freshness::Undated => None,
    }
}

/// Keeps one action per person: the earliest due, then the first kind in
/// the order of [`ActionKind`], then the first found.
pub(crate) fn merge(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut best: BTreeMap<NodeIndex, Candidate> = BTreeMap::new();
    for c in candidates {
        match best.get(&c.node) {
            Some(b) if (b.due, b.action) <= (c.due, c.action) => {}
            _ => {
                best.insert(c.node, c);
            }
        }
    }
    best.into_values().collect()
}

/// The dated action plan for the owner `options` speaks for.
///
/// Runs the four stage reports and turns their facts into actions:
///
/// | from | who | action | due |
/// |---|---|---|---|
/// | prospecting | information brokers | maintain / reconnect | cadence |
/// | buy-in, every prospect account | key people met | maintain / reconnect | cadence |
/// | buy-in | key people not met, reached through a contact | `introduce` (ask the first contact on the path) | before the account's next step |
/// | buy-in | key people not met, not reached | `meet` | before the account's next step |
/// | closing, every decision maker of a prospect | the best referee | `ask_referral` | before the account's next step |
/// | closing | lapsed referees | reconnect | now |
/// | solution | bottlenecks, the only strong tie into a department, lapsed strong ties into uncovered ones | maintain / reconnect | cadence |
/// | all | the owner's supporters and fans (level 4-5) outside the firm | maintain / reconnect | cadence |
///
/// The cadence (DOMAIN.md, "the plan has dates"): a fresh tie is due on its
/// last contact plus the decay policy's fresh period (92 days by default),
/// the day it starts to fade; a lapsed tie worth having is due on the plan's
/// date. Without deals, "before the account's next step" is the plan's date.
/// One person, one action: the earliest due wins, then the kind first in
/// [`ActionKind`]'s order. The plan keeps what is due within
/// [`PlanOptions::days`] of the date and everything overdue.
///
/// # Errors
///
/// As the stage reports: [`Error::OwnerRequired`](crate::Error::OwnerRequired) or [`Error::NotAnOwner`](crate::Error::NotAnOwner)
/// when the owner is missing or unknown.
///
/// # Complexity
///
/// One prospecting and one solution report, one buy-in report per prospect
/// and one closing report per decision maker of a prospect.
pub fn plan(as_of: &AsOf<'_>, options: &StageOptions, plan: &PlanOptions) -> Result<PlanReport> {
    let networks = as_of.networks();
    let owner = as_of.owner(options.owner_choice())?;
    let node_of = |id: &ContactId| networks.node(id.as_str());
    let mut out: Vec<Candidate> = Vec::new();

    // Stage 1: brokers.
    let p = prospecting(as_of, options)?;
    for b in &p.brokers {
        if let Some(n) = node_of(&b.id) {
            let why = format!(
                "your way to {} market {} you do not know",
                b.new_contacts,
                plural(b.new_contacts, "person", "people")
            );
            out.extend(cadence(as_of, owner, n, Stage::Prospecting, &why));
        }
    }

    // Stage 3: bottlenecks and departments.
    let s = solution(as_of, options)?;
    for b in &s.bottlenecks {
        if let Some(n) = node_of(&b.id) {
            let why = format!("the only link to {} {}", b.cut_off, plural(b.cut_off, "colleague", "colleagues"));
            out.extend(cadence(as_of, owner, n, Stage::Solution, &why));
        }
    }
    for d in &s.departments {
        for p in &d.ties_to_keep {
            if let Some(n) = node_of(&p.id) {
                let why = if d.covered {
                    format!("your only strong tie into {}", d.department)
                } else {
                    format!("once your strong tie into {}", d.department)
                };
                out.extend(cadence(as_of, owner, n, Stage::Solution, &why));
            }
        }
    }

    // Stages 2 and 4: every open account (a prospect).
    for org in networks.organizations().iter().filter(|o| o.relation == Relation::Prospect) {
        let due = account_due(as_of, &org.name);
        let r = buy_in(as_of, &org.name, options)?;
        for k in r.decision_makers.iter().chain(&r.influencers) {
            let Some(n) = node_of(&k.id) else { continue };
            let role = role_words(k.role);
            if !r.gaps.contains(&k.id) {
                let why = format!("{role} at {}", org.name);
                out.extend(cadence(as_of, owner, n, Stage::BuyIn, &why));
                continue;
            }
            // A gap: the salesperson has not met them.
            let intro = k.path.nodes.get(1).filter(|_| k.reached && k.path.hops >= 2);
            match intro.and_then(node_of) {
                Some(i) => out.push(Candidate {
                    node: i,
                    due,
                    action: ActionKind::Introduce,
                    stage: Stage::BuyIn,
                    reason: format!(
                            "Ask them to introduce you to {}, {role} at {} whom you have not met (path strength {:.2} over {} {})",
                            who(&k.name, &k.id),
                            org.name,
                            k.path.strength,
                            k.path.hops,
                            plural(k.path.hops, "tie", "ties")
                        ),
                }),
                None => out.push(Candidate {
                    node: n,
                    due,
                    action: ActionKind::Meet,
                    stage: Stage::BuyIn,
                    reason: if k.reached {
                        format!("{} at {} whom you know only by phone or mail: meet face to face", capital(role), org.name)
                    } else if k.reachable {
                        format!(
                            "{} at {} whom you have not met; the best introduction is weak (strength {:.2} over {} {}): find a stronger way in",
                            capital(role),
                            org.name,
                            k.path.strength,
                            k.path.hops,
                            plural(k.path.hops, "tie", "ties")
                        )
                    } else {
                        format!("{} at {} whom you have not met, and no warm introduction reaches them", capital(role), org.name)
                    },
                }),
            }
            if k.role == Role::DecisionMaker {
                let c = closing(as_of, k.id.as_str(), options)?;
                if let Some(best) = c.referees.first().and_then(|x| node_of(&x.id).map(|n| (x, n))) {
                    let (x, n) = best;
                    let via = x.via.as_ref().map_or_else(String::new, |v| {
                        format!(" (through {})", who(x.via_name.as_deref().unwrap_or(""), v))
                    });
                    out.push(Candidate {
                        node: n,
                        due,
                        action: ActionKind::AskReferral,
                        stage: Stage::Closing,
                        reason: format!(
                            "Ask them{via} to vouch for you to {}, {role} at {}: they know each other (tie {:.2})",
                            who(&k.name, &k.id),
                            org.name,
                            x.path.strength
                        ),
                    });
                }
                for x in &c.lapsed_referees {
                    if let Some(n) = node_of(&x.id) {
                        let why = format!("could vouch for you to {}, {role} at {}", who(&k.name, &k.id), org.name);
                        out.extend(cadence(as_of, owner, n, Stage::Closing, &why));
                    }
                }
            }
        }
    }

    // Champions: the owner's supporters and fans outside the firm.
    for (contact, dated) in as_of.ties_of(networks.contact_at(owner).id.as_str()) {
        let Some(n) = networks.node(contact.id.as_str()) else { continue };
        let org = networks.organization_at(n);
        if org.relation == Relation::Own || dated.tie.level < RelationshipLevel::SUPPORTER {
            continue;
        }
        let what = if dated.tie.level == RelationshipLevel::CHAMPION { "a fan" } else { "a supporter" };
        let why = format!("{what} at {}", org.name);
        out.extend(cadence(as_of, owner, n, org_stage(org.relation), &why));
    }

    let until = as_of.date().saturating_add(jiff::Span::new().days(i64::from(plan.days)));
    let mut actions: Vec<Action> = merge(out)
        .into_iter()
        .filter(|c| c.due <= until)
        .map(|c| {
            let contact = networks.contact_at(c.node);
            Action {
                due: c.due,
                overdue: c.due < as_of.date(),
                id: contact.id.clone(),
                name: contact.name.clone(),
                organization: contact.organization.clone(),
                action: c.action,
                stage: c.stage,
                reason: c.reason,
            }
        })
        .collect();
    actions.sort_by(|a, b| (a.due, a.action).cmp(&(b.due, b.action)).then_with(|| a.id.cmp(&b.id)));
    let owner_contact = networks.contact_at(owner);
    Ok(PlanReport {
        owner: owner_contact.id.clone(),
        owner_name: owner_contact.name.clone(),
        as_of: as_of.date(),
        until,
        actions,
    })
}

/// The stage whose network a relation's people belong to.
fn org_stage(relation: Relation) -> Stage {
    match relation {
        Relation::Own => Stage::Solution,
        Relation::Customer => Stage::Closing,
        Relation::Prospect => Stage::BuyIn,
        Relation::Other => Stage::Prospecting,
    }
}

/// "a decision maker", "an influencer".
fn role_words(role: Role) -> &'static str {
    match role {
        Role::DecisionMaker => "a decision maker",
        Role::Influencer => "an influencer",
        _ => "a key person",
    }
}

/// The text with its first letter in upper case.
fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// `one` for 1, `many` otherwise.
pub(crate) fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

impl fmt::Display for PlanReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "PLAN for {}: what to do by {} (as of {})",
            who(&self.owner_name, &self.owner),
            self.until,
            self.as_of
        )?;
        if self.actions.is_empty() {
            return writeln!(f, "\n  nothing due: every important tie is fresh");
        }
        writeln!(f)?;
        for a in &self.actions {
            writeln!(
                f,
                "  {}{} {:<12} {} ({}): {}",
                a.due,
                if a.overdue { " overdue" } else { "        " },
                a.action.as_str(),
                who(&a.name, &a.id),
                a.organization,
                a.reason
            )?;
        }
        Ok(())
    }
}
