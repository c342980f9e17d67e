//! The dated action plan: one list of who to see, why and by when, merged
//! from the four stage reports and the maintenance cadence.

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;
use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::error::Result;
use crate::model::{
    AsOf, ContactId, DatedTie, Deal, DealId, DealStatus, DecayPolicy, Freshness, Relation, RelationshipLevel, Role,
    SalesNetworks, Stage,
};
use crate::stages::common::{Person, StageOptions, who};
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
/// | [`overdue_factor`](Self::overdue_factor) | 8 | a key person's tie with a rhythm (the `median_gap_days` of an inferred tie) is overdue after this many gaps of silence, as in [`InferOptions`](crate::history::InferOptions) |
#[derive(Debug, Clone, PartialEq)]
pub struct PlanOptions {
    days: u32,
    overdue_factor: f64,
}

impl Default for PlanOptions {
    fn default() -> Self {
        Self { days: 14, overdue_factor: 8.0 }
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

    /// Sets the overdue factor: a tie with a rhythm (median gap between its
    /// interactions) is overdue when the silence since its last contact
    /// exceeds this many gaps (default 8, Navarro et al. 2017, as the
    /// history's inference). A factor that is not finite and positive
    /// leaves the default.
    #[must_use]
    pub fn overdue_factor(mut self, factor: f64) -> Self {
        if factor.is_finite() && factor > 0.0 {
            self.overdue_factor = factor;
        }
        self
    }

    /// The overdue factor.
    pub fn overdue_factor_value(&self) -> f64 {
        self.overdue_factor
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
    /// The salesperson's open deal this action serves (the largest at the
    /// person's account when there are several), if any.
    pub deal: Option<DealId>,
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
    /// date; on the same day the actions for open deals' key people come
    /// first, by deal (largest amount first, unknown last, then furthest
    /// step, then deal id), then the others; then by kind (in the order of
    /// [`ActionKind`]), then by id. One per person.
    pub actions: Vec<Action>,
}

/// An action before the window is applied.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub(crate) node: NodeIndex,
    pub(crate) due: Date,
    pub(crate) action: ActionKind,
    pub(crate) stage: Stage,
    pub(crate) reason: Reason,
    /// The account whose key people the action is about, if any.
    pub(crate) account: Option<usize>,
}

/// Why someone matters, as facts (worded by [`Why::words`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Why {
    /// An information broker: the owner's way to `new_contacts` market people.
    Broker { new_contacts: usize },
    /// A bottleneck: the only link to `cut_off` colleagues.
    OnlyLink { cut_off: usize },
    /// The owner's strong tie into a department (`covered`: the only one
    /// left; otherwise it has lapsed and the department is uncovered).
    StrongTieInto { department: String, covered: bool },
    /// A key person (decision maker, influencer) at an account.
    KeyPerson { role: Role, account: String },
    /// A lapsed referee who could vouch to an account's key person.
    Referee { to: Person, role: Role, account: String },
    /// A supporter or fan (`fan`) outside the firm.
    Champion { fan: bool, organization: String },
}

/// Why an action is on the plan, as facts (worded by [`Reason::words`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Reason {
    /// The owner's tie has lapsed since `last`.
    Lapsed { why: Why, last: Date },
    /// The owner's tie (last contact `last`) starts or started to fade on `due`.
    Fading { why: Why, last: Date, due: Date, since: bool },
    /// The tie's rhythm is broken: usually every `gap` days, silent `silence` days since `last`.
    Overdue { why: Why, gap: f64, silence: i64, last: Date },
    /// The first contact of a path introduces the owner to a key person not met.
    Introduce { to: Person, role: Role, account: String, strength: f64, hops: usize },
    /// A key person reached only at a distance (phone or mail).
    MeetInPerson { role: Role, account: String },
    /// A key person whose best introduction is too weak.
    MeetWeakPath { role: Role, account: String, strength: f64, hops: usize },
    /// A key person no warm introduction reaches.
    MeetUnreached { role: Role, account: String },
    /// The best referee vouches (`via` a go-between, if any) to a key person.
    AskReferral { via: Option<Person>, to: Person, role: Role, account: String, strength: f64 },
}

impl Why {
    /// The facts in words, lower case.
    fn words(&self) -> String {
        match self {
            Why::Broker { new_contacts: n } => {
                format!("your way to {n} market {} you do not know", plural(*n, "person", "people"))
            }
            Why::OnlyLink { cut_off: n } => format!("the only link to {n} {}", plural(*n, "colleague", "colleagues")),
            Why::StrongTieInto { department, covered: true } => format!("your only strong tie into {department}"),
            Why::StrongTieInto { department, covered: false } => format!("once your strong tie into {department}"),
            Why::KeyPerson { role, account } => format!("{} at {account}", role_words(*role)),
            Why::Referee { to, role, account } => {
                format!("could vouch for you to {}, {} at {account}", to, role_words(*role))
            }
            Why::Champion { fan, organization } => {
                format!("{} at {organization}", if *fan { "a fan" } else { "a supporter" })
            }
        }
    }
}

impl Reason {
    /// The reason in one sentence, as the plan prints it.
    pub(crate) fn words(&self) -> String {
        let ties = |hops: usize| plural(hops, "tie", "ties");
        match self {
            Reason::Lapsed { why, last } => {
                format!("{}, but you have not been in touch since {last}: get back in touch", capital(&why.words()))
            }
            Reason::Fading { why, last, due, since } => {
                let when = if *since { "has been fading since" } else { "starts to fade on" };
                format!("{}; your tie (last met {last}) {when} {due}: meet them", capital(&why.words()))
            }
            Reason::Overdue { why, gap, silence, last } => format!(
                "{}; you are usually in touch every {gap} days, but it has been {silence} days since {last}: overdue, meet them now",
                capital(&why.words())
            ),
            Reason::Introduce { to, role, account, strength, hops } => format!(
                "Ask them to introduce you to {}, {} at {account} whom you have not met (path strength {strength:.2} over {hops} {})",
                to,
                role_words(*role),
                ties(*hops)
            ),
            Reason::MeetInPerson { role, account } => {
                format!(
                    "{} at {account} whom you know only by phone or mail: meet face to face",
                    capital(role_words(*role))
                )
            }
            Reason::MeetWeakPath { role, account, strength, hops } => format!(
                "{} at {account} whom you have not met; the best introduction is weak (strength {strength:.2} over {hops} {}): find a stronger way in",
                capital(role_words(*role)),
                ties(*hops)
            ),
            Reason::MeetUnreached { role, account } => format!(
                "{} at {account} whom you have not met, and no warm introduction reaches them",
                capital(role_words(*role))
            ),
            Reason::AskReferral { via, to, role, account, strength } => {
                let via = via.as_ref().map_or_else(String::new, |v| format!(" (through {})", v));
                format!(
                    "Ask them{via} to vouch for you to {}, {} at {account}: they know each other (tie {strength:.2})",
                    to,
                    role_words(*role)
                )
            }
        }
    }
}

/// When the salesperson should act on an account's key people.
///
/// DOMAIN.md: "a key person not yet met is due before the deal's next
/// step". A deal records when it reached its step, not when the next one
/// is expected, so the next step may come any day: the plan's date, for an
/// account with an open deal as for one without. The deals order the
/// actions of a day instead (see [`PlanReport::actions`]).
fn account_due(as_of: &AsOf<'_>, _account: &str) -> Date {
    as_of.date()
}

/// The owner's open deals ranked as the plan serves them: largest amount
/// first (unknown last), then furthest step, then id. For each organization
/// index, the rank and id of its best open deal.
fn deal_ranks(networks: &SalesNetworks, owner: &ContactId) -> Vec<Option<(usize, DealId)>> {
    let mut open: Vec<&Deal> =
        networks.deals().iter().filter(|d| d.status == DealStatus::Open && d.owner == *owner).collect();
    open.sort_by(|a, b| {
        let amount = |d: &Deal| d.amount.unwrap_or(f64::NEG_INFINITY);
        amount(b).total_cmp(&amount(a)).then(b.step.cmp(&a.step)).then_with(|| a.id.cmp(&b.id))
    });
    let index: BTreeMap<&str, usize> =
        networks.organizations().iter().enumerate().map(|(i, o)| (o.name.as_str(), i)).collect();
    let mut ranks: Vec<Option<(usize, DealId)>> = vec![None; networks.organizations().len()];
    for (rank, d) in open.iter().enumerate() {
        if let Some(&org) = index.get(d.organization.as_str())
            && ranks[org].is_none()
        {
            ranks[org] = Some((rank, d.id.clone()));
        }
    }
    ranks
}

/// The rhythm rule of the relationship history (DESIGN.md): a tie with a
/// rhythm (attribute `median_gap_days`, written by `infer`) is overdue when
/// the silence since its last contact exceeds `factor` times that gap, as
/// of the plan's date. A tie without a rhythm is judged by the cadence.
/// Returns the gap and the days of silence.
fn overdue_rhythm(as_of: &AsOf<'_>, dated: &DatedTie<'_>, factor: f64) -> Option<(f64, i64)> {
    let gap: f64 = dated.tie.attributes.get("median_gap_days")?.trim().parse().ok()?;
    let last = dated.tie.last_contact?;
    let silence = DecayPolicy::days_between(last, as_of.date());
    (gap.is_finite() && gap > 0.0 && silence as f64 > factor * gap).then_some((gap, silence))
}

/// What the plan knows of the owner's tie to someone, as a candidate action.
///
/// A lapsed tie of level 1 or more is due now (reconnect); a dated active
/// tie is due on its last contact plus the decay policy's fresh period (the
/// day it starts to fade, in the past when it is fading already); a tie of
/// level 0 (a name only), an undated one or none gives no cadence.
fn cadence(as_of: &AsOf<'_>, owner: NodeIndex, node: NodeIndex, stage: Stage, why: Why) -> Option<Candidate> {
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
            reason: Reason::Lapsed { why, last },
            account: None,
        }),
        Freshness::Fresh | Freshness::Fading => {
            let due = last.saturating_add(jiff::Span::new().days(i64::from(as_of.policy().fresh_days())));
            Some(Candidate {
                node,
                due,
                action: ActionKind::Maintain,
                stage,
                reason: Reason::Fading { why, last, due, since: due < as_of.date() },
                account: None,
            })
        }
        Freshness::Undated => None,
    }
}

/// Keeps one action per person: the earliest due, then the first kind in
/// the order of [`ActionKind`], then one about an account's key people
/// (it serves a deal), then the first found.
pub(crate) fn merge(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut best: BTreeMap<NodeIndex, Candidate> = BTreeMap::new();
    for c in candidates {
        match best.get(&c.node) {
            Some(b) if (b.due, b.action, b.account.is_none()) <= (c.due, c.action, c.account.is_none()) => {}
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
            out.extend(cadence(as_of, owner, n, Stage::Prospecting, Why::Broker { new_contacts: b.new_contacts }));
        }
    }

    // Stage 3: bottlenecks and departments.
    let s = solution(as_of, options)?;
    for b in &s.bottlenecks {
        if let Some(n) = node_of(&b.id) {
            out.extend(cadence(as_of, owner, n, Stage::Solution, Why::OnlyLink { cut_off: b.cut_off }));
        }
    }
    for d in &s.departments {
        for p in &d.ties_to_keep {
            if let Some(n) = node_of(&p.id) {
                let why = Why::StrongTieInto { department: d.department.clone(), covered: d.covered };
                out.extend(cadence(as_of, owner, n, Stage::Solution, why));
            }
        }
    }

    // Stages 2 and 4: every open account (a prospect, or any organization
    // where the salesperson has an open deal: an upsell to a customer).
    let owner_id = networks.contact_at(owner).id.clone();
    let ranks = deal_ranks(networks, &owner_id);
    let accounts = networks
        .organizations()
        .iter()
        .enumerate()
        .filter(|(i, o)| o.relation == Relation::Prospect || (o.relation != Relation::Own && ranks[*i].is_some()));
    for (account, org) in accounts {
        let due = account_due(as_of, &org.name);
        let first = out.len();
        let r = buy_in(as_of, &org.name, options)?;
        for k in r.decision_makers.iter().chain(&r.influencers) {
            let Some(n) = node_of(&k.id) else { continue };
            let (role, account_name) = (k.role, &org.name);
            let key_person = || Person { name: k.name.clone(), id: k.id.clone() };
            if !r.gaps.contains(&k.id) {
                let why = Why::KeyPerson { role, account: account_name.clone() };
                // An overdue rhythm (the history's alert) makes the meeting due now.
                let overdue = as_of
                    .tie_between(owner, n)
                    .filter(|d| d.freshness != Freshness::Lapsed)
                    .and_then(|d| overdue_rhythm(as_of, &d, plan.overdue_factor).map(|o| (o, d.tie.last_contact)));
                match overdue {
                    Some(((gap, silence), Some(last))) => out.push(Candidate {
                        node: n,
                        due: as_of.date(),
                        action: ActionKind::Maintain,
                        stage: Stage::BuyIn,
                        reason: Reason::Overdue { why, gap, silence, last },
                        account: None,
                    }),
                    _ => out.extend(cadence(as_of, owner, n, Stage::BuyIn, why)),
                }
                continue;
            }
            // A gap: the salesperson has not met them.
            let intro = k.path.nodes.get(1).filter(|_| k.reached && k.path.hops >= 2);
            let (strength, hops) = (k.path.strength, k.path.hops);
            match intro.and_then(node_of) {
                Some(i) => out.push(Candidate {
                    node: i,
                    due,
                    action: ActionKind::Introduce,
                    stage: Stage::BuyIn,
                    reason: Reason::Introduce { to: key_person(), role, account: account_name.clone(), strength, hops },
                    account: None,
                }),
                None => out.push(Candidate {
                    node: n,
                    due,
                    action: ActionKind::Meet,
                    stage: Stage::BuyIn,
                    reason: if k.reached {
                        Reason::MeetInPerson { role, account: account_name.clone() }
                    } else if k.reachable {
                        Reason::MeetWeakPath { role, account: account_name.clone(), strength, hops }
                    } else {
                        Reason::MeetUnreached { role, account: account_name.clone() }
                    },
                    account: None,
                }),
            }
            if k.role == Role::DecisionMaker {
                let c = closing(as_of, k.id.as_str(), options)?;
                if let Some(best) = c.referees.first().and_then(|x| node_of(&x.id).map(|n| (x, n))) {
                    let (x, n) = best;
                    let via =
                        x.via.as_ref().map(|v| Person { name: x.via_name.clone().unwrap_or_default(), id: v.clone() });
                    out.push(Candidate {
                        node: n,
                        due,
                        action: ActionKind::AskReferral,
                        stage: Stage::Closing,
                        reason: Reason::AskReferral {
                            via,
                            to: key_person(),
                            role,
                            account: account_name.clone(),
                            strength: x.path.strength,
                        },
                        account: None,
                    });
                }
                for x in &c.lapsed_referees {
                    if let Some(n) = node_of(&x.id) {
                        let why = Why::Referee { to: key_person(), role, account: account_name.clone() };
                        out.extend(cadence(as_of, owner, n, Stage::Closing, why));
                    }
                }
            }
        }
        // Everything found for this account's key people serves its deal.
        for c in &mut out[first..] {
            c.account = Some(account);
        }
    }

    // Champions: the owner's supporters and fans outside the firm.
    for (contact, dated) in as_of.ties_of(networks.contact_at(owner).id.as_str()) {
        let Some(n) = networks.node(contact.id.as_str()) else { continue };
        let org = networks.organization_at(n);
        if org.relation == Relation::Own || dated.tie.level < RelationshipLevel::SUPPORTER {
            continue;
        }
        let why = Why::Champion { fan: dated.tie.level == RelationshipLevel::CHAMPION, organization: org.name.clone() };
        out.extend(cadence(as_of, owner, n, org_stage(org.relation), why));
    }

    let until = as_of.date().saturating_add(jiff::Span::new().days(i64::from(plan.days)));
    let mut actions: Vec<(usize, Action)> = merge(out)
        .into_iter()
        .filter(|c| c.due <= until)
        .map(|c| {
            let contact = networks.contact_at(c.node);
            let deal = c.account.and_then(|a| ranks[a].clone());
            let rank = deal.as_ref().map_or(usize::MAX, |(r, _)| *r);
            let action = Action {
                due: c.due,
                overdue: c.due < as_of.date(),
                id: contact.id.clone(),
                name: contact.name.clone(),
                organization: contact.organization.clone(),
                action: c.action,
                stage: c.stage,
                deal: deal.map(|(_, id)| id),
                reason: c.reason.words(),
            };
            (rank, action)
        })
        .collect();
    actions
        .sort_by(|(ra, a), (rb, b)| (a.due, *ra, a.action).cmp(&(b.due, *rb, b.action)).then_with(|| a.id.cmp(&b.id)));
    let actions: Vec<Action> = actions.into_iter().map(|(_, a)| a).collect();
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
            let deal = a.deal.as_ref().map_or_else(String::new, |d| format!(", deal {d}"));
            writeln!(
                f,
                "  {}{} {:<12} {} ({}{deal}): {}",
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
