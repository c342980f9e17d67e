//! Stage 1, identifying prospects: the market network.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use crate::error::Result;
use crate::graph::{Node, Weighting};
use crate::model::{AsOf, ContactId, NetworkKind, Stage};
use crate::stages::common::{MaintainItem, MaintainList, Recommendation, StageOptions, opt, render_tail};
use crate::stages::support::{self, StageGraph};

/// The prospecting report: is the owner's market network large, sparse and
/// diverse enough to hear of opportunities early?
///
/// Measured on the market view's active ties (see the [module
/// docs](crate::stages)); the owner's structural-hole measures are weighted
/// by tie strength (Burt's tie investment), density and reach are not.
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
    /// The owner's market contacts: people of `other` organizations with an active tie to the owner.
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
    pub redundant_contacts: Vec<RedundantContact>,
    /// Contacts who bridge to many market people the owner does not know.
    /// Most new people first.
    pub brokers: Vec<Broker>,
    /// Does the owner have enough connections?
    pub verdict: Verdict,
    /// Fading or lapsed ties to brokers.
    pub maintain: Vec<MaintainItem>,
    /// What to do, with the numbers behind it.
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
    let networks = as_of.networks();
    let t = options.thresholds();
    let owner_node = as_of.owner(options.owner_choice())?;
    let view = networks.owner_view(owner_node, NetworkKind::Market);
    let sg = StageGraph::active(as_of, &view, owner_node)?;
    let g = sg.snapshot();
    let owner = sg.owner;
    let contacts: Vec<Node> = g.neighbors(owner).to_vec();
    let size = contacts.len();

    let density = support::ego_density(g, owner);
    let holes = support::structural_holes(g, owner, Weighting::Strength);

    // Industries of the owner's contacts.
    let mut industries: Vec<IndustryShare> = Vec::new();
    for &c in &contacts {
        if let Some(ind) = networks.organization_at(sg.back(c)).industry.as_deref() {
            match industries.iter_mut().find(|s| s.industry == ind) {
                Some(s) => s.contacts += 1,
                None => industries.push(IndustryShare { industry: ind.to_string(), contacts: 1 }),
            }
        }
    }
    industries.sort_by(|a, b| b.contacts.cmp(&a.contacts).then_with(|| a.industry.cmp(&b.industry)));
    let diversity = support::blau(industries.iter().map(|s| s.contacts));
    let two_step_reach = support::two_step_reach(g, owner);

    // Who each contact knows beyond the owner's circle.
    let mut in_circle = vec![false; g.node_count()];
    in_circle[owner as usize] = true;
    for &c in &contacts {
        in_circle[c as usize] = true;
    }
    // How many of the owner's contacts know each outside person.
    let mut known_by = vec![0u32; g.node_count()];
    for &c in &contacts {
        for &x in g.neighbors(c) {
            if !in_circle[x as usize] {
                known_by[x as usize] += 1;
            }
        }
    }
    let owner_strength = |c: Node| g.edge_weight(owner, c).unwrap_or(0.0);
    let mut redundant = Vec::new();
    let mut brokers = Vec::new();
    for &c in &contacts {
        let shared = g.neighbors(c).iter().filter(|&&x| x != owner && in_circle[x as usize]).count();
        let new: Vec<Node> = g.neighbors(c).iter().copied().filter(|&x| !in_circle[x as usize]).collect();
        let unique = new.iter().filter(|&&x| known_by[x as usize] == 1).count();
        let contact_id = sg.contact_id(c);
        let organization = networks.contact_at(sg.back(c)).organization.clone();
        // Share of the contact's own ties (the owner's excepted) that lead
        // to the owner's other contacts.
        let others = g.degree(c).saturating_sub(1);
        let redundancy = if others > 0 { shared as f64 / others as f64 } else { 0.0 };
        if shared > 0 && redundancy >= t.redundancy && unique == 0 {
            redundant.push(RedundantContact {
                id: contact_id.clone(),
                organization: organization.clone(),
                redundancy,
                shared_contacts: shared,
                unique_reach: unique,
                strength: owner_strength(c),
            });
        }
        if new.len() >= t.broker_min_new {
            brokers.push(Broker {
                id: contact_id,
                organization,
                new_contacts: new.len(),
                unique_reach: unique,
                constraint: support::structural_holes(g, c, Weighting::Strength).constraint,
                strength: owner_strength(c),
            });
        }
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
    let summary = format!(
        "{}: {size} market contacts with an effective size of {eff:.1} (threshold {:.1}) across {} industries (diversity {div:.2}, threshold {:.2}); they lead to {two_step_reach} people within two steps",
        if enough { "enough connections" } else { "not enough connections" },
        t.enough_effective_size,
        industries.len(),
        t.enough_diversity,
    );

    let mut recommendations = Vec::new();
    if eff < t.enough_effective_size {
        recommendations.push(Recommendation::new(
            "grow_network",
            format!(
                "grow the market network: effective size {eff:.1} is below {:.1}; add about {:.0} contacts who do not know your current ones",
                t.enough_effective_size,
                (t.enough_effective_size - eff).ceil()
            ),
            Vec::new(),
        ));
    }
    if div < t.enough_diversity {
        let top = industries.first().map_or("none".to_string(), |s| format!("{} ({})", s.industry, s.contacts));
        recommendations.push(Recommendation::new(
            "diversify",
            format!(
                "diversify: industry diversity {div:.2} is below {:.2}; most contacts are in {top}",
                t.enough_diversity
            ),
            Vec::new(),
        ));
    }
    if !redundant.is_empty() {
        recommendations.push(Recommendation::new(
            "drop_redundant",
            format!(
                "{} contacts have at least {:.0}% of their ties among your other market contacts and bring nobody new: invest less time in them",
                redundant.len(),
                t.redundancy * 100.0
            ),
            redundant.iter().map(|r| r.id.clone()).collect(),
        ));
    }
    if let Some(b) = brokers.first() {
        recommendations.push(Recommendation::new(
            "use_brokers",
            format!(
                "ask your information brokers for introductions: {} knows {} market people you do not",
                b.id, b.new_contacts
            ),
            brokers.iter().take(5).map(|b| b.id.clone()).collect(),
        ));
    }
    if holes.constraint.is_some_and(|c| c > 0.5) {
        recommendations.push(Recommendation::new(
            "reduce_constraint",
            format!(
                "your constraint is {:.2}: your contacts are tied to each other; look for people in other circles",
                holes.constraint.unwrap_or(0.0)
            ),
            Vec::new(),
        ));
    }

    let mut maintain = MaintainList::default();
    for b in &brokers {
        if let Some(n) = networks.node(b.id.as_str()) {
            maintain.add(n, "broker");
        }
    }
    let maintain = maintain.finish(as_of, owner_node);
    if !maintain.is_empty() {
        recommendations.push(Recommendation::new(
            "maintain",
            format!("{} broker ties are fading or lapsed: meet them this quarter", maintain.len()),
            maintain.iter().map(|m| m.id.clone()).collect(),
        ));
    }

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
        verdict: Verdict { enough, summary },
        maintain,
        recommendations,
    })
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
                "  {:<14} {:<24} new people {:>3}  only through them {:>3}  constraint {}  your tie {:.2}",
                b.id.as_str(),
                b.organization,
                b.new_contacts,
                b.unique_reach,
                opt(b.constraint),
                b.strength
            )?;
        }
        writeln!(f, "\nRedundant contacts ({}):", self.redundant_contacts.len())?;
        for r in &self.redundant_contacts {
            writeln!(
                f,
                "  {:<14} {:<24} knows {:>3} of your contacts ({:.0}% of their ties)  your tie {:.2}",
                r.id.as_str(),
                r.organization,
                r.shared_contacts,
                r.redundancy * 100.0,
                r.strength
            )?;
        }
        render_tail(f, &self.maintain, &self.recommendations)
    }
}
