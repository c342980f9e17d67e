//! The team picture: every salesperson and their ties into one account.

use crate::error::{Error, Result};
use crate::model::{AsOf, NetworkKind, OwnerChoice, Relation, Role};
use crate::stages::TeamReport;

use super::{ColorBy, DrawOptions, Highlights, Labels, Mark, PathStyle, SizeBy, Svg, draw_view};

/// Draws the team's view of one account: the account's people (coloured by
/// organization), every salesperson who shares as a star in a colour of
/// their own with their ties in that colour, the decision makers and
/// influencers ringed, and each key person's first call traced from their
/// best first caller (the strongest path; people on it outside the account
/// drawn with a dashed outline).
///
/// A salesperson who does not share is left out of the picture: their ties
/// are theirs (they still count in the report's coverage).
///
/// # Arguments
///
/// - `as_of`: the portfolio as of the report's date.
/// - `report`: a team report of one account ([`TeamOptions::account`](crate::stages::TeamOptions::account)).
/// - `options`: labels, seed and canvas; the owner at the centre is the first
///   salesperson, and the colours, sizes and title are the picture's own.
///
/// # Errors
///
/// [`Error::InvalidArgument`] for a report of every prospect (no account) or
/// of another date; the errors of [`draw_view`] otherwise.
///
/// # Examples
///
/// ```
/// use salesnet::draw::{DrawOptions, draw_team};
/// use salesnet::stages::{TeamOptions, team};
/// use salesnet::{Contact, DecayPolicy, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
/// use salesnet::jiff::civil::date;
///
/// let mut b = SalesNetworks::builder();
/// b.organization(Organization::new("Acme", Relation::Own))
///     .organization(Organization::new("Globex", Relation::Prospect))
///     .contact(Contact::new("ann", "Ann Seller", "Acme", Role::Owner)?)
///     .contact(Contact::new("pri", "Priya Shah", "Acme", Role::Owner)?)
///     .contact(Contact::new("cfo", "Carl Chief", "Globex", Role::DecisionMaker)?)
///     .tie(Tie::new("pri", "cfo", RelationshipLevel::new(4)?)?.with_last_contact(date(2026, 10, 1)));
/// let networks = b.build()?;
/// let as_of = networks.at(date(2026, 11, 1), &DecayPolicy::default());
/// let report = team(&as_of, &TeamOptions::new().account("Globex"))?;
/// let svg = draw_team(&as_of, &report, &DrawOptions::new())?;
/// assert!(svg.as_str().contains("Team · Globex"));
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn draw_team(as_of: &AsOf<'_>, report: &TeamReport, options: &DrawOptions) -> Result<Svg> {
    let networks = as_of.networks();
    let Some(account) = report.account.as_deref() else {
        return Err(Error::InvalidArgument {
            name: "report",
            reason: "the team picture draws one account: run the team report with an account".into(),
        });
    };
    if report.as_of != as_of.date() {
        return Err(Error::InvalidArgument {
            name: "report",
            reason: format!("the report is as of {}, the picture as of {}", report.as_of, as_of.date()),
        });
    }
    let Some(org) = networks.organization(account) else {
        return Err(Error::InvalidArgument { name: "account", reason: format!("no organization named `{account}`") });
    };
    let sellers: Vec<_> =
        networks.owner_nodes().iter().copied().filter(|&s| networks.contact_at(s).share.is_yes()).collect();
    let Some(&first) = sellers.first() else {
        return Err(Error::InvalidArgument {
            name: "report",
            reason: "no salesperson of the team shares their ties: nothing to draw".into(),
        });
    };
    let kind = NetworkKind::of_relation(org.relation);
    let view = networks.view_where(Some(kind), |n| {
        sellers.contains(&n) || (!networks.is_owner(n) && networks.contact_at(n).organization == account)
    });
    let mut h = Highlights::new();
    for &s in &sellers {
        h.salesperson(networks.contact_at(s).id.clone());
    }
    for intro in &report.intros {
        let mark = if intro.role == Role::DecisionMaker { Mark::DecisionMaker } else { Mark::Influencer };
        h.mark(intro.id.clone(), mark);
        if intro.owner.is_some() && intro.path.nodes.len() >= 2 {
            h.path(intro.path.nodes.clone(), PathStyle::Strongest);
        }
    }
    let names = |id: &crate::ContactId| match options.labels {
        Labels::Names => networks.contact(id.as_str()).map_or_else(|| id.to_string(), |c| c.name.clone()),
        _ => id.to_string(),
    };
    let held = report.coverage.iter().find(|c| c.organization == account);
    let mut subtitle = format!(
        "{} salespeople · {}",
        sellers.len(),
        if org.relation == Relation::Customer { "customer" } else { "prospect" }
    );
    if let Some(c) = held {
        subtitle.push_str(&format!("\n{} of {} people held", c.held, c.people));
        if c.single_threaded_ours {
            subtitle.push_str(" · single-threaded ours");
        }
        if c.single_threaded_theirs {
            subtitle.push_str(" · single-threaded theirs");
        }
    }
    let callers: Vec<String> = report
        .intros
        .iter()
        .filter_map(|i| i.owner.as_ref().map(|o| format!("{} calls {}", names(o), names(&i.id))))
        .take(3)
        .collect();
    for line in callers {
        subtitle.push('\n');
        subtitle.push_str(&line);
    }
    let mut options = options.clone().owner(OwnerChoice::Id(networks.contact_at(first).id.clone()));
    options.size_values = None;
    options.size_by = SizeBy::Uniform;
    options.color_by = ColorBy::Organization;
    let label = match options.labels {
        Labels::Pseudonyms => {
            crate::io::Pseudonyms::new(networks).organization(account).unwrap_or("an account").to_string()
        }
        _ => account.to_string(),
    };
    options.title = Some(format!("Team · {label}"));
    options.subtitle = Some(subtitle);
    draw_view(as_of, &view, &h, &options)
}
