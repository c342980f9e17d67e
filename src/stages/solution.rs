//! Stage 3, developing the solution: the internal network.
//!
//! [`solution`] finds the facts (departments covered, bottlenecks,
//! isolated colleagues) and then words the advice from them alone;
//! [`solution_team`] proposes the colleagues for one account's deal.

use std::fmt;

use jiff::civil::Date;
use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::graph::Node;
use crate::measures;
use crate::model::{AsOf, ContactId, NetworkKind, Relation, RelationshipLevel, Role, Stage};
use crate::stages::buy_in::OwnerTies;
use crate::stages::common::{
    MaintainItem, MaintainList, Person, Recommendation, RecommendationCode, StageOptions, Thresholds, count, opt,
    render_tail, who,
};
use crate::stages::support::{self, StageGraph};

/// The solution report: can the owner pull the right colleagues together?
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SolutionReport {
    /// Always [`Stage::Solution`].
    pub stage: Stage,
    /// Always [`NetworkKind::Internal`].
    pub network: NetworkKind,
    /// The owner (salesperson) the report speaks for. Not in the JSON,
    /// whose keys are those of single-owner reports; the caller knows whom
    /// it asked for.
    #[serde(skip)]
    pub owner: ContactId,
    /// The date tie strengths were taken at.
    pub as_of: Date,
    /// Colleagues in the portfolio (the owner excluded).
    pub colleagues: usize,
    /// Colleagues with an active tie to the owner.
    pub contacts: usize,
    /// The owner's ego density among colleagues (owner excluded,
    /// unweighted); `None` below 2 contacts.
    pub density: Option<f64>,
    /// Per department (sorted by name; colleagues without one under
    /// `(none)`): how many colleagues, how many strong ties the owner has there.
    pub departments: Vec<DepartmentCoverage>,
    /// Colleagues whose absence would split the owner's colleagues apart
    /// (the owner set aside): cut points of the colleagues' network, most
    /// coordination through them first.
    pub bottlenecks: Vec<Bottleneck>,
    /// Ids of colleagues tied (actively) to no other colleague.
    pub isolated: Vec<ContactId>,
    /// The same colleagues with their names.
    pub isolated_people: Vec<Person>,
    /// Pairs of the owner's colleague contacts in different departments who
    /// do not know each other (strongest ties first, each colleague in one
    /// pair at most, at most three pairs): whom to bring together.
    pub introductions: Vec<(Person, Person)>,
    /// Fading or lapsed ties to bottlenecks, to the only strong tie into a
    /// department, and to the ties that used to cover an uncovered one.
    pub maintain: Vec<MaintainItem>,
    /// The solution team for one account's deal ([`solution_team`]), when asked for.
    pub team: Option<SolutionTeam>,
    /// What to do, worded from the facts above.
    pub recommendations: Vec<Recommendation>,
}

/// How well the owner covers one department.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentCoverage {
    /// The department.
    pub department: String,
    /// Colleagues in it.
    pub colleagues: usize,
    /// The owner's strong ties into it: active and at least
    /// [`Thresholds::covered_strength`](crate::stages::Thresholds::covered_strength) strong.
    pub strong_ties: usize,
    /// At least one strong tie.
    pub covered: bool,
    /// The ties to look after: the only strong tie into a covered
    /// department; for an uncovered one, the owner's ties of level
    /// [`Thresholds::strong_level`](crate::stages::Thresholds::strong_level) or more that have faded or
    /// lapsed (they would cover it again). In input order.
    pub ties_to_keep: Vec<Person>,
}

/// A bottleneck colleague.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bottleneck {
    /// The colleague.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// Their department, if known.
    pub department: Option<String>,
    /// Their betweenness among colleagues (normalized as NetworkX does):
    /// the share of shortest routes between colleagues that run through them.
    /// Exact up to [`Thresholds::exact_betweenness_limit`](crate::stages::Thresholds::exact_betweenness_limit)
    /// colleagues, sampled (within 0.01, with probability 0.9) above.
    pub betweenness: f64,
    /// How many colleagues they cut off: of the colleagues they connect,
    /// those separated from the largest remaining part if they were gone
    /// (never colleagues who were not connected to them in the first place).
    pub cut_off: usize,
    /// Those colleagues, in input order.
    pub cut_off_people: Vec<Person>,
    /// The owner's tie level with them, if any.
    pub owner_level: Option<RelationshipLevel>,
}

/// The colleagues to bring into one account's deal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SolutionTeam {
    /// The account.
    pub account: String,
    /// The colleagues proposed, in the order of the account's key people.
    pub members: Vec<TeamMember>,
    /// Our departments the account's key people need but the owner has no
    /// strong active tie into, with the key people who need them.
    pub missing: Vec<TeamGap>,
}

/// A colleague proposed for a deal, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamMember {
    /// The colleague.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// Their department.
    pub department: Option<String>,
    /// The owner's tie strength with them.
    pub strength: f64,
    /// The account's key people they are for: a counterpart in the same
    /// line of work, or someone they know themselves.
    pub for_people: Vec<Person>,
    /// The reason in words (`counterpart`, `knows them`).
    pub reason: &'static str,
}

/// A department the deal needs that the owner cannot call on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamGap {
    /// Our department.
    pub department: String,
    /// The account's key people who need it.
    pub for_people: Vec<Person>,
}

/// Runs the solution report on the internal network.
///
/// # Errors
///
/// None at present; the `Result` leaves room for checks of the options.
pub fn solution(as_of: &AsOf<'_>, options: &StageOptions) -> Result<SolutionReport> {
    let mut report = find(as_of, options)?;
    report.recommendations = advise(&report, options.thresholds());
    Ok(report)
}

/// The solution report with the solution team for `account`'s deal
/// ([`SolutionReport::team`]; see [`solution_team`]).
///
/// # Errors
///
/// Those of [`solution`] and [`solution_team`].
pub fn solution_for_account(as_of: &AsOf<'_>, account: &str, options: &StageOptions) -> Result<SolutionReport> {
    let mut report = find(as_of, options)?;
    report.team = Some(solution_team(as_of, account, options)?);
    report.recommendations = advise(&report, options.thresholds());
    Ok(report)
}

/// The facts of the solution report (no team, no recommendations).
fn find(as_of: &AsOf<'_>, options: &StageOptions) -> Result<SolutionReport> {
    let networks = as_of.networks();
    let t = options.thresholds();
    let owner_node = as_of.owner(options.owner_choice())?;
    let view = networks.owner_view(owner_node, NetworkKind::Internal);
    let sg = StageGraph::active(as_of, &view, owner_node)?;
    let g = sg.snapshot();
    let density = support::ego_density(g, sg.owner);

    let colleagues: Vec<Node> = g.nodes().filter(|&v| v != sg.owner).collect();
    // The owner's ties looked up by the other end (a walk of the owner's
    // ties per call would cost O(d) per colleague).
    let owner_ties = OwnerTies::of(as_of, owner_node);
    let mut departments: Vec<DepartmentCoverage> = Vec::new();
    let mut faded: Vec<(String, NodeIndex)> = Vec::new();
    for &v in &colleagues {
        let n = sg.back(v);
        let name = networks.contact_at(n).department.clone().unwrap_or_else(|| "(none)".to_string());
        let s = owner_ties.strength(n);
        let strong = s >= t.covered_strength && s > 0.0;
        if !strong && owner_ties.level(n).is_some_and(|level| level >= t.strong_level) {
            faded.push((name.clone(), n));
        }
        let i = match departments.iter().position(|d| d.department == name) {
            Some(i) => i,
            None => {
                departments.push(DepartmentCoverage {
                    department: name,
                    colleagues: 0,
                    strong_ties: 0,
                    covered: false,
                    ties_to_keep: Vec::new(),
                });
                departments.len() - 1
            }
        };
        let d = &mut departments[i];
        d.colleagues += 1;
        if strong {
            d.strong_ties += 1;
            d.covered = true;
            d.ties_to_keep.push(Person::of(networks, n));
        }
    }
    for d in &mut departments {
        if d.strong_ties > 1 {
            d.ties_to_keep.clear();
        }
        if !d.covered {
            d.ties_to_keep =
                faded.iter().filter(|(x, _)| *x == d.department).map(|&(_, n)| Person::of(networks, n)).collect();
        }
    }
    departments.sort_by(|a, b| a.department.cmp(&b.department));

    // The colleagues' network with the owner set aside.
    let (inner, inner_back) = g.without(sg.owner);
    let betweenness = support::betweenness(&inner, t.exact_betweenness_limit);
    let points = support::articulation_points(&inner);
    let cut_offs = measures::cut_offs(&inner, &points);
    let mut bottlenecks: Vec<Bottleneck> = points
        .into_iter()
        .zip(cut_offs)
        .map(|(v, cut)| {
            let n = sg.back(inner_back[v as usize]);
            let c = networks.contact_at(n);
            let cut: Vec<Person> =
                cut.into_iter().map(|x| Person::of(networks, sg.back(inner_back[x as usize]))).collect();
            Bottleneck {
                id: c.id.clone(),
                name: c.name.clone(),
                department: c.department.clone(),
                betweenness: betweenness[v as usize],
                cut_off: cut.len(),
                cut_off_people: cut,
                owner_level: owner_ties.level(n),
            }
        })
        .collect();
    bottlenecks.sort_by(|a, b| {
        b.betweenness.total_cmp(&a.betweenness).then(b.cut_off.cmp(&a.cut_off)).then_with(|| a.id.cmp(&b.id))
    });
    let isolated_people: Vec<Person> = inner
        .nodes()
        .filter(|&v| inner.degree(v) == 0)
        .map(|v| Person::of(networks, sg.back(inner_back[v as usize])))
        .collect();

    // Whom to bring together: the owner's strongest colleague contacts in
    // different departments who do not know each other.
    let mut mine: Vec<(Node, f64)> = g.weighted_neighbors(sg.owner).collect();
    mine.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let dept = |v: Node| networks.contact_at(sg.back(v)).department.clone();
    let mut introductions = Vec::new();
    'pairs: for (i, &(a, _)) in mine.iter().enumerate() {
        for &(b, _) in &mine[i + 1..] {
            if introductions.len() == 3 {
                break 'pairs;
            }
            let taken = |v: Node| {
                introductions.iter().any(|(x, y): &(Person, Person)| {
                    let id = &networks.contact_at(sg.back(v)).id;
                    x.id == *id || y.id == *id
                })
            };
            if dept(a) != dept(b) && g.edge_weight(a, b).is_none() && !taken(a) && !taken(b) {
                introductions.push((Person::of(networks, sg.back(a)), Person::of(networks, sg.back(b))));
            }
        }
    }

    let mut maintain = MaintainList::default();
    for b in &bottlenecks {
        maintain.add_id(networks, &b.id, "bottleneck");
    }
    for d in &departments {
        for p in &d.ties_to_keep {
            maintain.add_id(
                networks,
                &p.id,
                if d.covered { "only strong tie into a department" } else { "used to cover a department" },
            );
        }
    }
    let maintain = maintain.finish(as_of, owner_node);

    Ok(SolutionReport {
        stage: Stage::Solution,
        network: NetworkKind::Internal,
        owner: networks.contact_at(owner_node).id.clone(),
        as_of: as_of.date(),
        colleagues: colleagues.len(),
        contacts: g.degree(sg.owner),
        density,
        departments,
        bottlenecks,
        isolated: isolated_people.iter().map(|p| p.id.clone()).collect(),
        isolated_people,
        introductions,
        maintain,
        team: None,
        recommendations: Vec::new(),
    })
}

/// Which of our departments usually answers a key person's department: the
/// same name (ignoring case), or a counterpart from this table.
const COUNTERPARTS: [(&str, &str); 10] = [
    ("it", "engineering"),
    ("technology", "engineering"),
    ("engineering", "engineering"),
    ("operations", "delivery"),
    ("claims", "delivery"),
    ("procurement", "finance"),
    ("purchasing", "finance"),
    ("executive", "sales"),
    ("board", "sales"),
    ("management", "sales"),
];

fn counterpart(theirs: &str, ours: &[String]) -> Option<String> {
    let lower = theirs.to_lowercase();
    if let Some(d) = ours.iter().find(|d| d.to_lowercase() == lower) {
        return Some(d.clone());
    }
    let mapped = COUNTERPARTS.iter().find(|(t, _)| *t == lower).map(|(_, o)| *o)?;
    ours.iter().find(|d| d.to_lowercase() == mapped).cloned()
}

/// The solution team for `account`'s deal: the colleagues the account's
/// decision makers and influencers need, reached by the owner's strong ties.
///
/// For each key person: every colleague who knows them (an active tie) and
/// whom the owner reaches by a strong tie ([`Thresholds::covered_strength`](crate::stages::Thresholds::covered_strength)
/// and [`Thresholds::strong_level`](crate::stages::Thresholds::strong_level)); and in our department that
/// answers theirs (the same name, or a documented counterpart: `it` and
/// `technology` to engineering, `operations` and `claims` to delivery,
/// `procurement` and `purchasing` to finance, `executive`, `board` and
/// `management` to sales), the colleague with the owner's strongest such
/// tie. A needed department without one is in [`SolutionTeam::missing`].
///
/// # Errors
///
/// [`Error::InvalidArgument`] if no organization has that name or it is our
/// own firm; the owner errors of [`AsOf::owner`].
pub fn solution_team(as_of: &AsOf<'_>, account: &str, options: &StageOptions) -> Result<SolutionTeam> {
    let networks = as_of.networks();
    let t = options.thresholds();
    let owner = as_of.owner(options.owner_choice())?;
    match networks.organization(account) {
        None => {
            return Err(Error::InvalidArgument {
                name: "account",
                reason: format!("no organization named `{account}`"),
            });
        }
        Some(o) if o.relation == Relation::Own => {
            return Err(Error::InvalidArgument {
                name: "account",
                reason: format!("`{account}` is the owner's own firm, not an account"),
            });
        }
        Some(_) => {}
    }
    let g = networks.graph();
    let colleagues: Vec<NodeIndex> =
        g.node_indices().filter(|&n| n != owner && networks.organization_at(n).relation == Relation::Own).collect();
    let owner_ties = OwnerTies::of(as_of, owner);
    let strong = |n: NodeIndex| {
        owner_ties.get(n).is_some_and(|d| {
            d.tie.level >= t.strong_level && d.strength.get() >= t.covered_strength && d.strength.get() > 0.0
        })
    };
    let ours: Vec<String> = {
        let mut d: Vec<String> = colleagues.iter().filter_map(|&n| networks.contact_at(n).department.clone()).collect();
        d.sort();
        d.dedup();
        d
    };
    let keys: Vec<NodeIndex> = g
        .node_indices()
        .filter(|&n| {
            let c = networks.contact_at(n);
            c.organization == account && matches!(c.role, Role::DecisionMaker | Role::Influencer)
        })
        .collect();
    let mut members: Vec<TeamMember> = Vec::new();
    let mut missing: Vec<TeamGap> = Vec::new();
    let add = |members: &mut Vec<TeamMember>, n: NodeIndex, key: NodeIndex, reason: &'static str| {
        let person = Person::of(networks, key);
        if let Some(m) = members.iter_mut().find(|m| m.id == networks.contact_at(n).id) {
            if !m.for_people.contains(&person) {
                m.for_people.push(person);
            }
            return;
        }
        let c = networks.contact_at(n);
        members.push(TeamMember {
            id: c.id.clone(),
            name: c.name.clone(),
            department: c.department.clone(),
            strength: owner_ties.strength(n),
            for_people: vec![person],
            reason,
        });
    };
    for &k in &keys {
        for &c in colleagues.iter().filter(|&&c| strong(c)) {
            if as_of.tie_between(c, k).is_some_and(|d| d.strength.get() > 0.0) {
                add(&mut members, c, k, "knows them");
            }
        }
        let Some(theirs) = networks.contact_at(k).department.as_deref() else { continue };
        let Some(dept) = counterpart(theirs, &ours) else { continue };
        let best = colleagues
            .iter()
            .copied()
            .filter(|&c| networks.contact_at(c).department.as_deref() == Some(dept.as_str()) && strong(c))
            .max_by(|&a, &b| owner_ties.strength(a).total_cmp(&owner_ties.strength(b)).then(b.cmp(&a)));
        match best {
            Some(c) => add(&mut members, c, k, "counterpart"),
            None => {
                let person = Person::of(networks, k);
                match missing.iter_mut().find(|m| m.department == dept) {
                    Some(m) => m.for_people.push(person),
                    None => missing.push(TeamGap { department: dept, for_people: vec![person] }),
                }
            }
        }
    }
    Ok(SolutionTeam { account: account.to_string(), members, missing })
}

/// The solution advice, worded from the report's facts alone.
fn advise(r: &SolutionReport, t: &Thresholds) -> Vec<Recommendation> {
    let mut out = Vec::new();
    if let Some(d) = r.density {
        if d < 0.5 && !r.introductions.is_empty() {
            let pairs: Vec<String> = r.introductions.iter().map(|(a, b)| format!("{a} and {b}")).collect();
            out.push(Recommendation::new(
                RecommendationCode::Densify,
                format!(
                    "your colleagues are loosely knit (ego density {d:.2}): introduce {}, who work with you but not with each other",
                    pairs.join("; ")
                ),
                r.introductions.iter().flat_map(|(a, b)| [a.id.clone(), b.id.clone()]).collect(),
            ));
        } else if d >= 0.5 {
            out.push(Recommendation::new(
                RecommendationCode::DensityOk,
                format!("your colleagues know each other well (ego density {d:.2}): coordination should be fast"),
                Vec::new(),
            ));
        }
    }
    for d in r.departments.iter().filter(|d| !d.covered) {
        let (message, ids) = match d.ties_to_keep.first() {
            Some(p) => (
                format!("no strong tie into {} any more: meet {p} again, your tie has faded", d.department),
                vec![p.id.clone()],
            ),
            None => (
                format!(
                    "no strong tie into {} ({}): get to know one of them (a tie at least {:.2} strong)",
                    d.department,
                    count(d.colleagues, "colleague", "colleagues"),
                    t.covered_strength
                ),
                Vec::new(),
            ),
        };
        out.push(Recommendation::new(RecommendationCode::CoverDepartments, message, ids));
    }
    for b in r.bottlenecks.iter().take(3) {
        let names: Vec<String> = b.cut_off_people.iter().take(5).map(ToString::to_string).collect();
        out.push(Recommendation::new(
            RecommendationCode::Bottleneck,
            format!(
                "{} is the only link to {}{}: build a second bridge to them",
                who(&b.name, &b.id),
                names.join(", "),
                if b.cut_off > 5 { format!(" and {} more", b.cut_off - 5) } else { String::new() }
            ),
            vec![b.id.clone()],
        ));
    }
    if !r.isolated_people.is_empty() {
        let names: Vec<String> = r.isolated_people.iter().map(ToString::to_string).collect();
        out.push(Recommendation::new(
            RecommendationCode::IncludeIsolated,
            format!(
                "{} tied to no other colleague: bring them into the team ({})",
                count(r.isolated_people.len(), "colleague is", "colleagues are"),
                names.join(", ")
            ),
            r.isolated.clone(),
        ));
    }
    if let Some(team) = &r.team {
        if !team.members.is_empty() {
            let names: Vec<String> = team.members.iter().map(|m| who(&m.name, &m.id)).collect();
            out.push(Recommendation::new(
                RecommendationCode::SolutionTeam,
                format!("for {}, bring in {}", team.account, names.join(", ")),
                team.members.iter().map(|m| m.id.clone()).collect(),
            ));
        }
        for gap in &team.missing {
            let names: Vec<String> = gap.for_people.iter().map(ToString::to_string).collect();
            out.push(Recommendation::new(
                RecommendationCode::TeamGap,
                format!(
                    "{} needs {} but you have no strong tie there: get to know someone in {}",
                    names.join(", "),
                    gap.department,
                    gap.department
                ),
                Vec::new(),
            ));
        }
    }
    out
}

impl fmt::Display for SolutionReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "SOLUTION: the internal network, as of {}", self.as_of)?;
        writeln!(
            f,
            "  colleagues {}  your contacts among them {}  ego density {}",
            self.colleagues,
            self.contacts,
            opt(self.density)
        )?;
        writeln!(f, "\nDepartments:")?;
        for d in &self.departments {
            writeln!(
                f,
                "  {:<16} colleagues {:>3}  strong ties {:>2}  {}",
                d.department,
                d.colleagues,
                d.strong_ties,
                if d.covered { "covered" } else { "NOT COVERED" }
            )?;
        }
        writeln!(f, "\nBottlenecks ({}):", self.bottlenecks.len())?;
        for b in &self.bottlenecks {
            writeln!(
                f,
                "  {:<30} {:<14} betweenness {:.3}  cuts off {}",
                who(&b.name, &b.id),
                b.department.as_deref().unwrap_or("-"),
                b.betweenness,
                count(b.cut_off, "colleague", "colleagues")
            )?;
        }
        let iso: Vec<String> = self.isolated_people.iter().map(ToString::to_string).collect();
        writeln!(f, "\nIsolated colleagues: {}", if iso.is_empty() { "none".into() } else { iso.join(", ") })?;
        if let Some(team) = &self.team {
            writeln!(f, "\nSolution team for {} ({}):", team.account, team.members.len())?;
            for m in &team.members {
                let names: Vec<String> = m.for_people.iter().map(ToString::to_string).collect();
                writeln!(
                    f,
                    "  {:<30} {:<14} your tie {:.2}  {} {}",
                    who(&m.name, &m.id),
                    m.department.as_deref().unwrap_or("-"),
                    m.strength,
                    m.reason,
                    names.join(", ")
                )?;
            }
            for gap in &team.missing {
                let names: Vec<String> = gap.for_people.iter().map(ToString::to_string).collect();
                writeln!(f, "  missing: {} (for {})", gap.department, names.join(", "))?;
            }
        }
        render_tail(f, &self.maintain, &self.recommendations)
    }
}
