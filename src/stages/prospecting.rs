//! Stage 1, identifying prospects: the market network.
//!
//! [`prospecting`] finds the facts (the live connections and their shape,
//! the brokers, the redundant contacts) and then words the advice from them
//! alone.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use crate::error::Result;
use crate::graph::{Node, Weighting};
use crate::measures;
use crate::model::{AsOf, ContactId, Freshness, NetworkKind, RelationshipLevel, Stage};
use crate::stages::buy_in::OwnerTies;
use crate::stages::common::{
    MaintainItem, MaintainList, Recommendation, RecommendationCode, StageOptions, Thresholds, count, opt, render_tail,
    who,
};
use crate::stages::support::{self, StageGraph};

/// The prospecting report: is the owner's market network large, sparse and
/// diverse enough to hear of opportunities early?
///
/// Measured on the market view's active ties (see the [module
/// docs](crate::stages)), where only the owner's **live** ties count as
/// connections: at least [`Thresholds::market_strength`](crate::stages::Thresholds::market_strength)
/// strong as of the date, never the ghosts of ties that lapsed or nearly
/// lapsed. The owner's structural-hole measures are weighted by tie
/// strength (Burt's tie investment), density and reach are not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProspectingReport {
    /// Always [`Stage::Prospecting`].
    pub stage: Stage,
    /// Always [`NetworkKind::Market`].
    pub network: NetworkKind,
    /// The owner (salesperson) the report speaks for. Not in the JSON,
    /// whose keys are those of single-owner reports; the caller knows whom
    /// it asked for.
    #[serde(skip)]
    pub owner: ContactId,
    /// The date tie strengths were taken at.
    pub as_of: Date,
    /// The owner's market connections: people of `other` organizations
    /// with a live tie to the owner (at least
    /// [`Thresholds::market_strength`](crate::stages::Thresholds::market_strength)).
    pub size: usize,
    /// Market people in the portfolio, the owner's contacts or not.
    pub people: usize,
    /// The owner's ego density among market contacts (owner excluded,
    /// unweighted): the share of pairs of contacts who know each other.
    /// `None` below 2 contacts.
    pub density: Option<f64>,
    /// Burt's effective size of the owner (strength-weighted); `None` without contacts.
    pub effective_size: Option<f64>,
    /// Effective size divided by the number of contacts.
    pub efficiency: Option<f64>,
    /// Burt's constraint of the owner (strength-weighted): high when the
    /// contacts all know each other.
    pub constraint: Option<f64>,
    /// Blau's index `1 - sum p^2` of the contacts' industries (contacts of
    /// organizations without an industry are left out); `None` without any.
    pub diversity: Option<f64>,
    /// Contacts per industry, most first.
    pub industries: Vec<IndustryShare>,
    /// Market people within two active ties of the owner (owner excluded):
    /// behind every contact stand many more.
    pub two_step_reach: usize,
    /// Contacts largely tied to the owner's other contacts who bring nobody
    /// new: at least [`Thresholds::redundancy`](crate::stages::Thresholds::redundancy)
    /// of their ties lead to the owner's other contacts, and nobody they know
    /// is out of the owner's reach without them. Candidates to invest less
    /// in; most redundant first (then most shared contacts, weakest tie, id).
    /// Supporters and fans (level 4-5) never are.
    pub redundant_contacts: Vec<RedundantContact>,
    /// Contacts who bridge to many market people the owner does not know,
    /// whatever the state of the owner's tie with them (a lapsed broker is a
    /// reason to reconnect, and is in [`maintain`](Self::maintain) too).
    /// Most new people first.
    pub brokers: Vec<Broker>,
    /// Does the owner have enough connections?
    pub verdict: Verdict,
    /// Fading or lapsed ties to brokers.
    pub maintain: Vec<MaintainItem>,
    /// What to do, worded from the facts above.
    pub recommendations: Vec<Recommendation>,
}

/// How many of the owner's market contacts work in one industry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndustryShare {
    /// The industry.
    pub industry: String,
    /// Contacts in it.
    pub contacts: usize,
}

/// A redundant market contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedundantContact {
    /// The contact.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// Their organization.
    pub organization: String,
    /// Share of this contact's own ties (the one to the owner excepted)
    /// that lead to the owner's other market contacts.
    pub redundancy: f64,
    /// How many of the owner's other contacts they know.
    pub shared_contacts: usize,
    /// Market people only they connect the owner to (0 for a redundant contact).
    pub unique_reach: usize,
    /// The owner's tie strength to them.
    pub strength: f64,
}

/// An information broker among the owner's market contacts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Broker {
    /// The contact.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// Their organization.
    pub organization: String,
    /// Market people they know whom the owner does not.
    pub new_contacts: usize,
    /// Of those, the people no other contact of the owner knows.
    pub unique_reach: usize,
    /// Their own constraint in the market network (low: a broker between groups).
    pub constraint: Option<f64>,
    /// The owner's tie strength to them.
    pub strength: f64,
    /// The owner's tie level with them.
    pub level: RelationshipLevel,
    /// Fresh, fading, lapsed or undated.
    pub freshness: Freshness,
    /// Their industries the owner has no live connection in, by name.
    pub new_industries: Vec<String>,
}

/// The answer to "do I have enough connections?".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// Effective size and diversity both reach their thresholds.
    pub enough: bool,
    /// The answer in words, with its numbers.
    pub summary: String,
}

/// Runs the prospecting report on the market network.
///
/// # Errors
///
/// None at present; the `Result` leaves room for checks of the options.
///
/// # Examples
///
/// ```
/// use jiff::civil::date;
/// use salesnet::stages::{StageOptions, prospecting};
/// # use salesnet::{Contact, DecayPolicy, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
/// # let mut b = SalesNetworks::builder();
/// # b.organization(Organization::new("Us", Relation::Own))
/// #     .organization(Organization::new("Guild", Relation::Other).with_industry("retail"))
/// #     .contact(Contact::new("me", "Me", "Us", Role::Owner)?)
/// #     .contact(Contact::new("a", "A", "Guild", Role::Other)?)
/// #     .contact(Contact::new("b", "B", "Guild", Role::Other)?)
/// #     .tie(Tie::new("me", "a", RelationshipLevel::new(3)?)?)
/// #     .tie(Tie::new("a", "b", RelationshipLevel::new(3)?)?);
/// # let networks = b.build()?;
/// let as_of = networks.at(date(2026, 11, 1), &DecayPolicy::default());
/// let report = prospecting(&as_of, &StageOptions::new())?;
/// assert_eq!(report.size, 1);
/// assert_eq!(report.two_step_reach, 2);
/// assert_eq!(report.brokers.len(), 0); // "a" brings only one new person
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn prospecting(as_of: &AsOf<'_>, options: &StageOptions) -> Result<ProspectingReport> {
    let mut report = find(as_of, options)?;
    report.verdict.summary = verdict_words(&report, options.thresholds());
    report.recommendations = advise(&report, options.thresholds());
    Ok(report)
}

/// The facts of the prospecting report (its verdict's words and its
/// recommendations empty).
fn find(as_of: &AsOf<'_>, options: &StageOptions) -> Result<ProspectingReport> {
    let networks = as_of.networks();
    let t = options.thresholds();
    let owner_node = as_of.owner(options.owner_choice())?;
    let view = networks.owner_view(owner_node, NetworkKind::Market);
    let sg = StageGraph::active(as_of, &view, owner_node)?;
    let owner = sg.owner;
    // Live connections only: the owner's ties weaker than the market threshold are left out.
    let live = sg.snapshot().keep_ties(|a, b, w| (a != owner && b != owner) || w >= t.market_strength);
    let g = &live;
    let contacts: Vec<Node> = g.neighbors(owner).to_vec();
    let size = contacts.len();

    let density = support::ego_density(g, owner);
    let holes = support::structural_holes(g, owner, Weighting::Strength);

    // Industries of the owner's contacts.
    let industry_of = |v: Node| networks.organization_at(sg.back(v)).industry.as_deref();
    let mut industries: Vec<IndustryShare> = Vec::new();
    for &c in &contacts {
        if let Some(ind) = industry_of(c) {
            match industries.iter_mut().find(|s| s.industry == ind) {
                Some(s) => s.contacts += 1,
                None => industries.push(IndustryShare { industry: ind.to_string(), contacts: 1 }),
            }
        }
    }
    industries.sort_by(|a, b| b.contacts.cmp(&a.contacts).then_with(|| a.industry.cmp(&b.industry)));
    let diversity = measures::blau(industries.iter().map(|s| s.contacts));
    let two_step_reach = support::two_step_reach(g, owner);

    // Who each contact knows beyond the owner's circle of live connections.
    let mut in_circle = vec![false; g.node_count()];
    in_circle[owner as usize] = true;
    for &c in &contacts {
        in_circle[c as usize] = true;
    }
    // How many of the owner's live contacts know each outside person.
    let mut known_by = vec![0u32; g.node_count()];
    for &c in &contacts {
        for &x in g.neighbors(c) {
            if !in_circle[x as usize] {
                known_by[x as usize] += 1;
            }
        }
    }
    // The owner's ties looked up by the other end (a walk of the owner's
    // ties per call would cost O(d) per contact).
    let owner_ties = OwnerTies::of(as_of, owner_node);
    let owner_tie = |v: Node| owner_ties.get(sg.back(v)).copied();
    let owner_strength = |v: Node| owner_tie(v).map_or(0.0, |d| d.strength.get());
    let mut redundant = Vec::new();
    for &c in &contacts {
        let shared = g.neighbors(c).iter().filter(|&&x| x != owner && in_circle[x as usize]).count();
        let unique = g.neighbors(c).iter().filter(|&&x| !in_circle[x as usize] && known_by[x as usize] == 1).count();
        // Share of the contact's own ties (the owner's excepted) that lead
        // to the owner's other contacts.
        let others = g.degree(c).saturating_sub(1);
        let redundancy = if others > 0 { shared as f64 / others as f64 } else { 0.0 };
        let fan = owner_tie(c).is_some_and(|d| d.tie.level >= RelationshipLevel::SUPPORTER);
        if shared > 0 && redundancy >= t.redundancy && unique == 0 && !fan {
            let contact = networks.contact_at(sg.back(c));
            redundant.push(RedundantContact {
                id: contact.id.clone(),
                name: contact.name.clone(),
                organization: contact.organization.clone(),
                redundancy,
                shared_contacts: shared,
                unique_reach: unique,
                strength: owner_strength(c),
            });
        }
    }
    // Brokers: every market person the owner has a relationship with (level
    // 1 or more, live, fading or lapsed), by the people they know whom the
    // owner does not.
    let live_industries: Vec<&str> = industries.iter().map(|s| s.industry.as_str()).collect();
    let mut brokers = Vec::new();
    for c in g.nodes().filter(|&c| c != owner) {
        let Some(dated) = owner_tie(c) else { continue };
        if dated.tie.level == RelationshipLevel::NO_CONTACT {
            continue;
        }
        let new: Vec<Node> = g.neighbors(c).iter().copied().filter(|&x| !in_circle[x as usize]).collect();
        if new.len() < t.broker_min_new {
            continue;
        }
        let own = u32::from(in_circle[c as usize]);
        let unique = new.iter().filter(|&&x| known_by[x as usize] == own).count();
        let mut new_industries: Vec<String> = new
            .iter()
            .filter_map(|&x| industry_of(x))
            .filter(|i| !live_industries.contains(i))
            .map(str::to_string)
            .collect();
        new_industries.sort();
        new_industries.dedup();
        let contact = networks.contact_at(sg.back(c));
        brokers.push(Broker {
            id: contact.id.clone(),
            name: contact.name.clone(),
            organization: contact.organization.clone(),
            new_contacts: new.len(),
            unique_reach: unique,
            constraint: support::structural_holes(g, c, Weighting::Strength).constraint,
            strength: dated.strength.get(),
            level: dated.tie.level,
            freshness: dated.freshness,
            new_industries,
        });
    }
    redundant.sort_by(|a, b| {
        b.redundancy
            .total_cmp(&a.redundancy)
            .then(b.shared_contacts.cmp(&a.shared_contacts))
            .then(a.strength.total_cmp(&b.strength))
            .then_with(|| a.id.cmp(&b.id))
    });
    brokers.sort_by(|a, b| {
        b.new_contacts.cmp(&a.new_contacts).then(b.unique_reach.cmp(&a.unique_reach)).then_with(|| a.id.cmp(&b.id))
    });

    let eff = holes.effective_size.unwrap_or(0.0);
    let div = diversity.unwrap_or(0.0);
    let enough = eff >= t.enough_effective_size && div >= t.enough_diversity;

    let mut maintain = MaintainList::default();
    for b in &brokers {
        maintain.add_id(networks, &b.id, "broker");
    }
    let maintain = maintain.finish(as_of, owner_node);

    Ok(ProspectingReport {
        stage: Stage::Prospecting,
        network: NetworkKind::Market,
        owner: networks.contact_at(owner_node).id.clone(),
        as_of: as_of.date(),
        size,
        people: g.node_count().saturating_sub(1),
        density,
        effective_size: holes.effective_size,
        efficiency: holes.efficiency,
        constraint: holes.constraint,
        diversity,
        industries,
        two_step_reach,
        redundant_contacts: redundant,
        brokers,
        verdict: Verdict { enough, summary: String::new() },
        maintain,
        recommendations: Vec::new(),
    })
}

/// The verdict in words, with its numbers, from the report's facts alone.
fn verdict_words(r: &ProspectingReport, t: &Thresholds) -> String {
    let eff = r.effective_size.unwrap_or(0.0);
    let div = r.diversity.unwrap_or(0.0);
    format!(
        "{}: {} with a live tie (at least {:.2}) and an effective size of {eff:.1} (threshold {:.1}) across {} (diversity {div:.2}, threshold {:.2}); they lead to {} within two steps",
        if r.verdict.enough { "enough connections" } else { "not enough connections" },
        count(r.size, "market contact", "market contacts"),
        t.market_strength,
        t.enough_effective_size,
        count(r.industries.len(), "industry", "industries"),
        t.enough_diversity,
        count(r.two_step_reach, "person", "people"),
    )
}

/// The prospecting advice, worded from the report's facts alone.
fn advise(r: &ProspectingReport, t: &Thresholds) -> Vec<Recommendation> {
    let mut out = Vec::new();
    let eff = r.effective_size.unwrap_or(0.0);
    let div = r.diversity.unwrap_or(0.0);
    // Brokers the owner can ask today, and those to reconnect with first.
    let (live, lapsed): (Vec<&Broker>, Vec<&Broker>) =
        r.brokers.iter().partition(|b| b.freshness != Freshness::Lapsed && b.strength > 0.0);
    if eff < t.enough_effective_size {
        let how = match (live.first(), lapsed.first()) {
            (Some(b), _) => format!(
                "ask {} to introduce you to some of the {} they know whom you do not",
                who(&b.name, &b.id),
                count(b.new_contacts, "market person", "market people")
            ),
            (None, Some(b)) => format!(
                "reconnect with {}, who knows {} you do not",
                who(&b.name, &b.id),
                count(b.new_contacts, "market person", "market people")
            ),
            (None, None) => "meet people at the associations and events of industries you do not cover yet".to_string(),
        };
        out.push(Recommendation::new(
            RecommendationCode::GrowNetwork,
            format!("grow the market network (effective size {eff:.1}, below {:.1}): {how}", t.enough_effective_size),
            live.first().or(lapsed.first()).map(|b| vec![b.id.clone()]).unwrap_or_default(),
        ));
    }
    if div < t.enough_diversity {
        let top = r
            .industries
            .first()
            .map_or("none".to_string(), |s| format!("{} ({} of {})", s.industry, s.contacts, r.size));
        let via = r.brokers.iter().find(|b| !b.new_industries.is_empty()).map_or_else(String::new, |b| {
            format!("; {} knows people in {}", who(&b.name, &b.id), b.new_industries.join(", "))
        });
        out.push(Recommendation::new(
            RecommendationCode::Diversify,
            format!(
                "diversify (industry diversity {div:.2}, below {:.2}): most contacts are in {top}{via}",
                t.enough_diversity
            ),
            Vec::new(),
        ));
    }
    if !r.redundant_contacts.is_empty() {
        let names: Vec<String> = r.redundant_contacts.iter().map(|c| who(&c.name, &c.id)).collect();
        out.push(Recommendation::new(
            RecommendationCode::DropRedundant,
            format!(
                "{} only know people you already know: spend less time on them and more on people in new circles",
                names.join(", ")
            ),
            r.redundant_contacts.iter().map(|c| c.id.clone()).collect(),
        ));
    }
    for b in live.iter().take(3) {
        out.push(Recommendation::new(
            RecommendationCode::UseBrokers,
            format!(
                "ask {} for introductions: they know {} you do not ({} only through them)",
                who(&b.name, &b.id),
                count(b.new_contacts, "market person", "market people"),
                b.unique_reach
            ),
            vec![b.id.clone()],
        ));
    }
    for b in &lapsed {
        out.push(Recommendation::new(
            RecommendationCode::ReconnectBroker,
            format!(
                "reconnect with {}: they know {} you do not, but your tie has lapsed",
                who(&b.name, &b.id),
                count(b.new_contacts, "market person", "market people")
            ),
            vec![b.id.clone()],
        ));
    }
    if r.constraint.is_some_and(|c| c > 0.5) {
        out.push(Recommendation::new(
            RecommendationCode::ReduceConstraint,
            format!(
                "your constraint is {:.2}: your contacts are tied to each other; look for people in other circles",
                r.constraint.unwrap_or(0.0)
            ),
            Vec::new(),
        ));
    }
    for m in r.maintain.iter().filter(|m| m.freshness == Freshness::Fading) {
        out.push(Recommendation::new(
            RecommendationCode::Maintain,
            format!(
                "meet {} this quarter: your tie is fading (last contact {})",
                who(&m.name, &m.id),
                m.last_contact.map_or_else(|| "never".to_string(), |d| d.to_string())
            ),
            vec![m.id.clone()],
        ));
    }
    out
}

impl fmt::Display for ProspectingReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "PROSPECTING: the market network, as of {}", self.as_of)?;
        writeln!(f, "  {}", self.verdict.summary)?;
        writeln!(f, "  contacts {}  people known {}  two-step reach {}", self.size, self.people, self.two_step_reach)?;
        writeln!(
            f,
            "  ego density {}  effective size {}  efficiency {}  constraint {}  diversity {}",
            opt(self.density),
            opt(self.effective_size),
            opt(self.efficiency),
            opt(self.constraint),
            opt(self.diversity)
        )?;
        let inds: Vec<String> = self.industries.iter().map(|s| format!("{} {}", s.industry, s.contacts)).collect();
        writeln!(f, "  industries: {}", inds.join(", "))?;
        writeln!(f, "\nInformation brokers ({}):", self.brokers.len())?;
        for b in &self.brokers {
            writeln!(
                f,
                "  {:<30} {:<24} new people {:>3}  only through them {:>3}  constraint {}  your tie {:.2} ({})",
                who(&b.name, &b.id),
                b.organization,
                b.new_contacts,
                b.unique_reach,
                opt(b.constraint),
                b.strength,
                b.freshness.as_str()
            )?;
        }
        writeln!(f, "\nRedundant contacts ({}):", self.redundant_contacts.len())?;
        for r in &self.redundant_contacts {
            writeln!(
                f,
                "  {:<30} {:<24} knows {:>3} of your contacts ({:.0}% of their ties)  your tie {:.2}",
                who(&r.name, &r.id),
                r.organization,
                r.shared_contacts,
                r.redundancy * 100.0,
                r.strength
            )?;
        }
        render_tail(f, &self.maintain, &self.recommendations)
    }
}
