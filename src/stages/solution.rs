//! Stage 3, developing the solution: the internal network.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use crate::error::Result;
use crate::graph::Node;
use crate::model::{AsOf, ContactId, Freshness, NetworkKind, RelationshipLevel, Stage};
use crate::stages::common::{MaintainItem, MaintainList, Recommendation, StageOptions, opt, render_tail};
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
    /// Fading or lapsed ties to bottlenecks and to the only strong tie of a department.
    pub maintain: Vec<MaintainItem>,
    /// What to do, with the numbers behind it.
    pub recommendations: Vec<Recommendation>,
}

/// How well the owner covers one department.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentCoverage {
    /// The department.
    pub department: String,
    /// Colleagues in it.
    pub colleagues: usize,
    /// The owner's strong ties into it (level at least
    /// [`Thresholds::strong_level`](crate::stages::Thresholds::strong_level), not lapsed).
    pub strong_ties: usize,
    /// At least one strong tie.
    pub covered: bool,
}

/// A bottleneck colleague.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bottleneck {
    /// The colleague.
    pub id: ContactId,
    /// Their department, if known.
    pub department: Option<String>,
    /// Their betweenness among colleagues (normalized as NetworkX does):
    /// the share of shortest routes between colleagues that run through them.
    /// Exact up to [`Thresholds::exact_betweenness_limit`](crate::stages::Thresholds::exact_betweenness_limit)
    /// colleagues, sampled (within 0.01, with probability 0.9) above.
    pub betweenness: f64,
    /// Colleagues cut off from the largest remaining group if they were gone.
    pub cut_off: usize,
    /// The owner's tie level with them, if any.
    pub owner_level: Option<RelationshipLevel>,
}

/// Runs the solution report on the internal network.
///
/// # Errors
///
/// None at present; the `Result` leaves room for checks of the options.
pub fn solution(as_of: &AsOf<'_>, options: &StageOptions) -> Result<SolutionReport> {
    let networks = as_of.networks();
    let t = options.thresholds();
    let owner_node = as_of.owner(options.owner_choice())?;
    let view = networks.owner_view(owner_node, NetworkKind::Internal);
    let sg = StageGraph::active(as_of, &view, owner_node)?;
    let g = sg.snapshot();
    let density = support::ego_density(g, sg.owner);

    let colleagues: Vec<Node> = g.nodes().filter(|&v| v != sg.owner).collect();
    let mut departments: Vec<DepartmentCoverage> = Vec::new();
    for &v in &colleagues {
        let n = sg.back(v);
        let name = networks.contact_at(n).department.clone().unwrap_or_else(|| "(none)".to_string());
        let strong = as_of
            .tie_between(owner_node, n)
            .is_some_and(|d| d.tie.level >= t.strong_level && d.freshness != Freshness::Lapsed);
        let d = match departments.iter_mut().position(|d| d.department == name) {
            Some(i) => &mut departments[i],
            None => {
                departments.push(DepartmentCoverage {
                    department: name,
                    colleagues: 0,
                    strong_ties: 0,
                    covered: false,
                });
                let last = departments.len() - 1;
                &mut departments[last]
            }
        };
        d.colleagues += 1;
        if strong {
            d.strong_ties += 1;
            d.covered = true;
        }
    }
    departments.sort_by(|a, b| a.department.cmp(&b.department));

    // The colleagues' network with the owner set aside.
    let (inner, inner_back) = support::without(g, sg.owner);
    let betweenness = support::betweenness(&inner, t.exact_betweenness_limit);
    let mut bottlenecks: Vec<Bottleneck> = support::articulation_points(&inner)
        .into_iter()
        .map(|v| {
            let n = sg.back(inner_back[v as usize]);
            let c = networks.contact_at(n);
            Bottleneck {
                id: c.id.clone(),
                department: c.department.clone(),
                betweenness: betweenness[v as usize],
                cut_off: support::cut_off(&inner, v),
                owner_level: networks.edge(owner_node, n).map(|e| networks.graph()[e].level),
            }
        })
        .collect();
    bottlenecks.sort_by(|a, b| {
        b.betweenness.total_cmp(&a.betweenness).then(b.cut_off.cmp(&a.cut_off)).then_with(|| a.id.cmp(&b.id))
    });
    let isolated: Vec<ContactId> =
        inner.nodes().filter(|&v| inner.degree(v) == 0).map(|v| sg.contact_id(inner_back[v as usize])).collect();

    let mut recommendations = Vec::new();
    if let Some(d) = density {
        recommendations.push(Recommendation::new(
            if d < 0.5 { "densify" } else { "density_ok" },
            if d < 0.5 {
                format!("your colleagues are loosely knit (ego density {d:.2}): bring them together in a solution team")
            } else {
                format!("your colleagues know each other well (ego density {d:.2}): coordination should be fast")
            },
            Vec::new(),
        ));
    }
    let uncovered: Vec<&DepartmentCoverage> = departments.iter().filter(|d| !d.covered).collect();
    if !uncovered.is_empty() {
        let names: Vec<&str> = uncovered.iter().map(|d| d.department.as_str()).collect();
        recommendations.push(Recommendation::new(
            "cover_departments",
            format!(
                "no strong tie (level {}+) into {} of {} departments: {}",
                t.strong_level,
                uncovered.len(),
                departments.len(),
                names.join(", ")
            ),
            Vec::new(),
        ));
    }
    for b in bottlenecks.iter().take(3) {
        recommendations.push(Recommendation::new(
            "bottleneck",
            format!(
                "{} is a bottleneck: without them {} colleagues are cut off (betweenness {:.3}); build a second bridge",
                b.id, b.cut_off, b.betweenness
            ),
            vec![b.id.clone()],
        ));
    }
    if !isolated.is_empty() {
        recommendations.push(Recommendation::new(
            "include_isolated",
            format!("{} colleagues are tied to no other colleague: bring them into the team", isolated.len()),
            isolated.clone(),
        ));
    }

    let mut maintain = MaintainList::default();
    for b in &bottlenecks {
        maintain.add_id(networks, &b.id, "bottleneck");
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
        isolated,
        maintain,
        recommendations,
    })
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
                "  {:<14} {:<14} betweenness {:.3}  cuts off {}",
                b.id.as_str(),
                b.department.as_deref().unwrap_or("-"),
                b.betweenness,
                b.cut_off
            )?;
        }
        let iso: Vec<&str> = self.isolated.iter().map(ContactId::as_str).collect();
        writeln!(f, "\nIsolated colleagues: {}", if iso.is_empty() { "none".into() } else { iso.join(", ") })?;
        render_tail(f, &self.maintain, &self.recommendations)
    }
}
