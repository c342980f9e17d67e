//! A portfolio's four stage reports as one self-contained HTML file.
//!
//! [`html_report`] runs every stage report on a portfolio (prospecting,
//! buy-in for each account, solution, closing for each target), draws each
//! one ([`draw_stage`]) and writes them side by side with their key numbers,
//! ranked tables, recommendations and the relationships to maintain. The file
//! has inline CSS and inline SVG only: no scripts, fonts, images or other
//! outside resources, so it opens offline and can be sent as it is. It is
//! well-formed XML (XHTML syntax served as HTML: every tag closed, text
//! escaped), so XML tools read it too.
//!
//! # Redaction
//!
//! With [`Redaction::Pseudonyms`] every report runs on
//! [`io::redact`](crate::io::redact)'s copy of the portfolio, the accounts
//! and targets named in the options are mapped to their pseudonyms
//! ([`Pseudonyms`]), and pictures, tables and text show pseudonyms only
//! (`C0001`, `Org01`, ...): no contact's name or id and no organization's
//! name appears in the file.
//!
//! # Examples
//!
//! ```
//! use jiff::civil::date;
//! use salesnet::io::Redaction;
//! use salesnet::report::{ReportOptions, html_report};
//! use salesnet::{Contact, DecayPolicy, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
//!
//! let mut b = SalesNetworks::builder();
//! b.organization(Organization::new("Acme", Relation::Own))
//!     .organization(Organization::new("Globex", Relation::Prospect))
//!     .contact(Contact::new("me", "Ann Seller", "Acme", Role::Owner)?)
//!     .contact(Contact::new("ceo", "Carl Boss", "Globex", Role::DecisionMaker)?)
//!     .contact(Contact::new("it", "Ida Tech", "Globex", Role::Influencer)?)
//!     .tie(Tie::new("me", "it", RelationshipLevel::new(4)?)?.with_last_contact(date(2026, 10, 1)))
//!     .tie(Tie::new("it", "ceo", RelationshipLevel::new(3)?)?.with_last_contact(date(2026, 9, 1)));
//! let networks = b.build()?;
//! let as_of = networks.at(date(2026, 11, 1), &DecayPolicy::default());
//! let options = ReportOptions::new().redaction(Redaction::Pseudonyms);
//! let html = html_report(&as_of, &options)?;
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert_eq!(html.matches("<svg ").count(), 4); // prospecting, buy-in (Globex), solution, closing (ceo)
//! assert!(!html.contains("Globex") && !html.contains("Carl Boss") && !html.contains("ceo"));
//! # Ok::<(), salesnet::Error>(())
//! ```

use std::fmt::Write as _;

use crate::draw::{DrawOptions, Labels, draw_stage, draw_team, funnel_chart};
use crate::error::{Error, Result};
use crate::io::{Pseudonyms, Redaction, redact};
use crate::markup::{Markup, Raw, markup, markupln};
use crate::model::{AsOf, ContactId, NetworkKind, OwnerChoice, Relation, Role, SalesNetworks};
use crate::stages::{
    self, BuyInReport, ClosingReport, FunnelOptions, FunnelReport, MaintainItem, PathSummary, ProspectingReport,
    Recommendation, Salespeople, SolutionReport, StageOptions, StageReport, StageRequest, TeamOptions, TeamReport,
};

/// The codes of diagnoses, risks and recommendations are written as their
/// `snake_case` names (escaped like any text, though they need none).
macro_rules! code_markup {
    ($($t:ty),*) => {$(
        impl Markup for $t {
            fn fmt_markup(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.as_str().fmt_markup(f)
            }
        }
    )*};
}

code_markup!(crate::stages::DiagnosisCode, crate::stages::RiskCode, crate::stages::RecommendationCode);

/// How many targets the report picks when none are given.
const DEFAULT_TARGETS: usize = 3;

/// The prospect accounts a report's buy-in stage covers when none is named
/// ([`ReportOptions::accounts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountScope {
    /// The `n` largest prospect organizations by value, largest first
    /// (organizations without a value last; equal values in input order).
    /// The report says how many were left out.
    Largest(usize),
    /// Every prospect organization, in input order (a big portfolio has
    /// thousands: a long report).
    All,
}

impl Default for AccountScope {
    /// The 10 largest.
    fn default() -> Self {
        AccountScope::Largest(DEFAULT_ACCOUNTS)
    }
}

/// How many prospect accounts a report covers by default.
pub const DEFAULT_ACCOUNTS: usize = 10;

/// What an HTML report covers and how: the owner it speaks for, redaction,
/// accounts, targets and the pictures' seed. The date and the decay policy
/// are the [`AsOf`]'s.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportOptions {
    owner: OwnerChoice,
    redaction: Redaction,
    accounts: Vec<String>,
    scope: AccountScope,
    targets: Vec<String>,
    seed: u64,
}

impl ReportOptions {
    /// A report for the only owner: no redaction, the 10 largest prospect
    /// organizations as accounts ([`AccountScope`]), default targets (see
    /// [`targets`](Self::targets)), seed 0.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the owner the report speaks for (default: the only owner; a
    /// portfolio of several owners needs one).
    #[must_use]
    pub fn owner(mut self, owner: impl Into<OwnerChoice>) -> Self {
        self.owner = owner.into();
        self
    }

    /// Sets the redaction: [`Redaction::Pseudonyms`] shows pseudonyms only.
    #[must_use]
    pub fn redaction(mut self, redaction: Redaction) -> Self {
        self.redaction = redaction;
        self
    }

    /// Sets the accounts of the buy-in stage, by organization name (real
    /// names, also when redacting). Empty (the default): the prospect
    /// organizations of the [`AccountScope`] (the 10 largest by value).
    #[must_use]
    pub fn accounts(mut self, accounts: Vec<String>) -> Self {
        self.accounts = accounts;
        self
    }

    /// Sets which prospect accounts are covered when none is named
    /// (default: [`AccountScope::Largest`] of 10).
    #[must_use]
    pub fn account_scope(mut self, scope: AccountScope) -> Self {
        self.scope = scope;
        self
    }

    /// Sets the targets of the closing stage, by contact id (real ids, also
    /// when redacting). Empty (the default): the decision makers of the
    /// accounts, taking the first of each account, then the second of each,
    /// and so on (in input order), at most three.
    #[must_use]
    pub fn targets(mut self, targets: Vec<String>) -> Self {
        self.targets = targets;
        self
    }

    /// Sets the pictures' layout seed (default 0).
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
}

/// Writes a portfolio's four stage reports, with their pictures, as one
/// self-contained HTML document.
///
/// # Arguments
///
/// - `as_of`: the portfolio as of the report's date.
/// - `options`: owner, redaction, accounts, targets, seed.
///
/// # Returns
///
/// The document: a header (owner, counts, date, decay policy), then one
/// `<section class="stage">` per stage in a grid that wraps on narrow
/// screens, each with its pictures (inline `<svg>`, one per account or
/// target), key numbers, ranked tables, recommendations and the list of
/// relationships to maintain. Buy-in has one block per account and closing
/// one per target; a stage with none says so.
///
/// # Errors
///
/// - [`Error::InvalidArgument`] for an account that is no organization of
///   the portfolio;
/// - [`Error::UnknownNode`] for a target that is no contact of it;
/// - [`Error::OwnerRequired`] or [`Error::NotAnOwner`] for no or a wrong owner;
/// - the errors of the stage reports and of [`draw_stage`].
///
/// # Complexity
///
/// That of the stage reports and of one [`draw_stage`] per picture: well
/// under a second for a few hundred contacts.
///
/// # Examples
///
/// See the [module documentation](self).
pub fn html_report(as_of: &AsOf<'_>, options: &ReportOptions) -> Result<String> {
    let networks = as_of.networks();
    let owner = networks.contact_at(as_of.owner(&options.owner)?).id.clone();
    let (accounts, prospects) = if options.accounts.is_empty() {
        chosen_accounts(networks, options.scope)
    } else {
        (options.accounts.clone(), 0)
    };
    let left_out = prospects.saturating_sub(accounts.len());
    let targets =
        if options.targets.is_empty() { default_targets(networks, &accounts) } else { options.targets.clone() };

    let redacted;
    let redacted_as_of;
    let (as_of, owner, accounts, targets, labels) = match options.redaction {
        Redaction::None => (as_of, owner, accounts, targets, Labels::Names),
        Redaction::Pseudonyms => {
            let names = Pseudonyms::new(networks);
            let accounts = accounts
                .iter()
                .map(|a| {
                    names.organization(a).map(str::to_string).ok_or_else(|| Error::InvalidArgument {
                        name: "account",
                        reason: format!("no organization named `{a}`"),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let targets = targets
                .iter()
                .map(|t| names.contact(t).map(str::to_string).ok_or_else(|| Error::UnknownNode { id: t.clone() }))
                .collect::<Result<Vec<_>>>()?;
            let owner = ContactId::new(names.contact(owner.as_str()).unwrap_or_default())?;
            redacted = redact(networks);
            redacted_as_of = redacted.at(as_of.date(), as_of.policy());
            (&redacted_as_of, owner, accounts, targets, Labels::Ids)
        }
    };
    let owner_node = as_of.owner(&OwnerChoice::Id(owner.clone()))?;

    let stage_options = StageOptions::new().owner(owner.clone());
    let draw_options = DrawOptions::new().owner(owner).labels(labels).seed(options.seed);
    let page =
        Page { pictures: std::cell::Cell::new(0), as_of, owner: owner_node, draw_options: &draw_options, labels };

    let mut html = String::with_capacity(1 << 20);
    page.head(&mut html, options);

    html.push_str("<main class=\"stages\">\n");
    let prospecting = stages::report(as_of, &StageRequest::Prospecting, &stage_options)?;
    page.section(&mut html, "prospecting", "1. Prospecting", "market network", |h| {
        let StageReport::Prospecting(r) = &prospecting else { return Ok(()) };
        page.picture(h, &prospecting)?;
        page.prospecting(h, r);
        Ok(())
    })?;
    page.section(&mut html, "buy-in", "2. Buy-in", "prospect network", |h| {
        if accounts.is_empty() {
            h.push_str("<p class=\"none\">No prospect organization in this portfolio.</p>\n");
        }
        if left_out > 0 {
            let _ = markupln!(
                h,
                "<p class=\"none\">The {} largest of {} prospect accounts by value; {} left out \
                 (name accounts, or ask for all of them).</p>",
                accounts.len(),
                prospects,
                left_out
            );
        }
        for account in &accounts {
            let report = stages::report(as_of, &StageRequest::BuyIn { account: account.clone() }, &stage_options)?;
            let StageReport::BuyIn(r) = &report else { continue };
            let _ = markupln!(h, "<div class=\"block\">\n<h3>Account {}</h3>", account);
            page.picture(h, &report)?;
            page.buy_in(h, r);
            h.push_str("</div>\n");
        }
        Ok(())
    })?;
    let solution = stages::report(as_of, &StageRequest::Solution, &stage_options)?;
    page.section(&mut html, "solution", "3. Solution", "internal network", |h| {
        let StageReport::Solution(r) = &solution else { return Ok(()) };
        page.picture(h, &solution)?;
        page.solution(h, r);
        Ok(())
    })?;
    page.section(&mut html, "closing", "4. Closing", "customer network", |h| {
        if targets.is_empty() {
            h.push_str("<p class=\"none\">No target: name one, or add decision makers to the accounts.</p>\n");
        }
        for target in &targets {
            let target = ContactId::new(target.as_str())?;
            let report = stages::report(as_of, &StageRequest::Closing { target }, &stage_options)?;
            let StageReport::Closing(r) = &report else { continue };
            let _ = markupln!(
                h,
                "<div class=\"block\">\n<h3>Target {} ({})</h3>",
                page.who(&r.target),
                r.target_organization
            );
            page.picture(h, &report)?;
            page.closing(h, r);
            h.push_str("</div>\n");
        }
        Ok(())
    })?;
    if !as_of.networks().deals().is_empty() {
        let funnel = stages::funnel(as_of, &Salespeople::All, &FunnelOptions::new())?;
        page.section(&mut html, "funnel", "5. Funnel", "deals and customers", |h| {
            page.funnel(h, &funnel);
            Ok(())
        })?;
    }
    if as_of.networks().owner_nodes().len() > 1 {
        let team = stages::team(as_of, &TeamOptions::new())?;
        page.section(&mut html, "team", "6. Team", "every salesperson", |h| {
            page.team(h, &team)?;
            // The team picture of each account the buy-in section shows.
            for account in &accounts {
                let one = stages::team(as_of, &TeamOptions::new().account(account.clone()))?;
                let _ = markupln!(h, "<div class=\"block\">\n<h3>Team on {}</h3>", account);
                page.figure(h, &draw_team(as_of, &one, page.draw_options)?);
                h.push_str("</div>\n");
            }
            Ok(())
        })?;
    }
    html.push_str("</main>\n</body>\n</html>\n");
    Ok(html)
}

/// The prospect accounts of `scope` and how many prospects there are.
fn chosen_accounts(networks: &SalesNetworks, scope: AccountScope) -> (Vec<String>, usize) {
    let prospects: Vec<&crate::model::Organization> =
        networks.organizations().iter().filter(|o| o.relation == Relation::Prospect).collect();
    let total = prospects.len();
    let chosen = match scope {
        AccountScope::All => prospects,
        AccountScope::Largest(n) => {
            let mut ranked = prospects;
            // Stable: equal values keep input order; no value goes last.
            ranked.sort_by(|a, b| match (a.value, b.value) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
            ranked.truncate(n);
            ranked
        }
    };
    (chosen.into_iter().map(|o| o.name.clone()).collect(), total)
}

/// The decision makers of `accounts`: the first of each account, then the
/// second of each, ..., at most [`DEFAULT_TARGETS`]. Unknown accounts are
/// skipped here (their buy-in report fails with the error).
fn default_targets(networks: &SalesNetworks, accounts: &[String]) -> Vec<String> {
    let per_account: Vec<Vec<&ContactId>> = accounts
        .iter()
        .map(|a| {
            networks
                .contacts()
                .filter(|c| &c.organization == a && c.role == Role::DecisionMaker)
                .map(|c| &c.id)
                .collect()
        })
        .collect();
    let mut targets = Vec::new();
    let longest = per_account.iter().map(Vec::len).max().unwrap_or(0);
    for k in 0..longest {
        for ids in &per_account {
            if let Some(id) = ids.get(k)
                && targets.len() < DEFAULT_TARGETS
            {
                targets.push(id.to_string());
            }
        }
    }
    targets
}

/// What every part of the page needs.
struct Page<'a> {
    /// Pictures written so far: each gets its own anchor.
    pictures: std::cell::Cell<usize>,
    as_of: &'a AsOf<'a>,
    owner: petgraph::graph::NodeIndex,
    draw_options: &'a DrawOptions,
    labels: Labels,
}

const STYLE: &str = "
body { font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; margin: 0; color: #222; background: #fafafa; font-size: 14px; }
header { padding: 16px 24px; background: #263238; color: #fff; }
header h1 { margin: 0 0 6px 0; font-size: 22px; }
header p { margin: 2px 0; color: #cfd8dc; }
main.stages { display: grid; grid-template-columns: minmax(0, 1fr); gap: 16px; padding: 16px; max-width: 1700px; margin: 0 auto; }
section.stage { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 12px 16px; min-width: 0; }
section.stage h2 { margin: 0 0 2px 0; font-size: 20px; }
section.stage h2 small { font-weight: normal; color: #666; font-size: 14px; }
h3 { font-size: 16px; margin: 18px 0 6px 0; border-top: 1px solid #eee; padding-top: 10px; }
h4 { font-size: 14px; margin: 12px 0 4px 0; }
figure { margin: 8px 0; }
figure svg { display: block; width: 100%; height: auto; border: 1px solid #eee; }
figure.picture a.open { display: block; cursor: zoom-in; }
figure.picture a.close { display: none; }
figure.picture:target { position: fixed; inset: 0; z-index: 10; margin: 0; padding: 36px 8px 8px 8px; background: #fff; overflow: auto; }
figure.picture:target a.open { cursor: default; }
figure.picture:target svg { width: max(100%, 1400px); border: none; }
figure.picture:target a.close { display: block; position: fixed; top: 8px; right: 16px; padding: 4px 10px; background: #263238; color: #fff; border-radius: 4px; text-decoration: none; }
dl.numbers { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
dl.numbers dt { color: #555; }
dl.numbers dd { margin: 0; font-variant-numeric: tabular-nums; }
.table { overflow-x: auto; }
table { border-collapse: collapse; font-size: 12px; margin: 4px 0; }
th, td { border-bottom: 1px solid #e5e5e5; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
p.verdict { font-weight: bold; }
p.none { color: #777; font-style: italic; }
ul.recommendations li { margin: 3px 0; }
code { font-size: 12px; }
";

impl Page<'_> {
    fn head(&self, h: &mut String, options: &ReportOptions) {
        let n = self.as_of.networks();
        let owner = n.contact_at(self.owner);
        h.push_str("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n");
        h.push_str(
            "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n",
        );
        let _ = markupln!(h, "<title>salesnet report: {} as of {}</title>", self.who(&owner.id), self.as_of.date());
        let _ = markupln!(h, "<style>{}</style>\n</head>\n<body>\n<header>", Raw(STYLE));
        let _ = markupln!(h, "<h1>Sales network report as of {}</h1>", self.as_of.date());
        let _ = markupln!(
            h,
            "<p>Portfolio of {} ({}): {} contacts, {} organizations, {} ties.</p>",
            self.who(&owner.id),
            owner.organization,
            n.contact_count(),
            n.organizations().len(),
            n.tie_count()
        );
        let sizes: Vec<String> = NetworkKind::ALL
            .iter()
            .map(|&k| format!("{k} {}", n.owner_view(self.owner, k).len().saturating_sub(1)))
            .collect();
        let _ = markupln!(h, "<p>People in each network: {}.</p>", sizes.join(", "));
        let p = self.as_of.policy();
        let _ = markupln!(
            h,
            "<p>Decay policy: a tie keeps its level's strength for {} days after the last contact, \
             is at half strength at {} days and lapses at {} days. Only active ties (strength above 0) are measured.</p>",
            p.fresh_days(),
            p.half_days(),
            p.lapse_days()
        );
        if options.redaction == Redaction::Pseudonyms {
            h.push_str("<p>Redacted: people and organizations are shown by pseudonyms only.</p>\n");
        }
        h.push_str("</header>\n");
    }

    /// A stage's section, its body written by `body`.
    /// The funnel section: one chart per salesperson with their diagnoses,
    /// then stuck deals, this owner's open deals and the dormant customers.
    fn funnel(&self, h: &mut String, r: &FunnelReport) {
        let owner = &self.as_of.networks().contact_at(self.owner).id;
        for o in &r.owners {
            h.push_str("<div class=\"block\">\n");
            let svg = funnel_chart(&self.who(&o.id), &o.pipeline);
            h.push_str("<figure>\n");
            h.push_str(svg.as_str());
            h.push_str("</figure>\n");
            if o.pipeline.diagnoses.is_empty() {
                h.push_str(
                    "<p>No diagnosis: the open deals shrink step by step and convert above the thresholds.</p>\n",
                );
            } else {
                h.push_str("<ul class=\"recommendations\">\n");
                for d in &o.pipeline.diagnoses {
                    let _ = markupln!(h, "<li><code>{}</code> {}</li>", d.code, d.message);
                }
                h.push_str("</ul>\n");
            }
            h.push_str("</div>\n");
        }
        let _ = markupln!(
            h,
            "<h4>Stuck deals (open, no step change for more than {} days)</h4>",
            r.thresholds.funnel.stuck_days
        );
        let amount = |a: Option<f64>| a.map_or_else(|| "-".to_string(), |a| format!("{a:.0}"));
        let rows = r
            .stuck
            .iter()
            .map(|s| {
                vec![
                    Cell::text(s.deal.to_string()),
                    Cell::text(s.organization.clone()),
                    Cell::text(s.step.as_str().to_string()),
                    Cell::num(s.days.to_string()),
                    Cell::num(amount(s.amount)),
                    Cell::text(self.who(&s.owner)),
                ]
            })
            .collect();
        table(h, &["deal", "organization", "step", "days", "amount", "salesperson"], rows);
        let _ = markupln!(h, "<h4>Open deals of {} and their relationships</h4>", self.who(owner));
        let rows = r
            .deals
            .iter()
            .filter(|d| d.owner == *owner)
            .map(|d| {
                let next = &d.next_action;
                let whom = next.id.as_ref().map_or_else(String::new, |id| format!(" {}", self.who(id)));
                vec![
                    Cell::text(d.id.to_string()),
                    Cell::text(d.organization.clone()),
                    Cell::text(d.step.as_str().to_string()),
                    Cell::num(amount(d.amount)),
                    Cell::num(format!("{} of {}", d.decision_makers_reached.len(), d.decision_makers)),
                    Cell::text(if d.single_threaded { "single-threaded".into() } else { format!("{} met", d.met) }),
                    Cell::text(format!("{}{whom}: {}", next.action.as_str(), next.reason)),
                ]
            })
            .collect();
        table(
            h,
            &["deal", "organization", "step", "amount", "decision makers reached", "threads", "next action"],
            rows,
        );
        let c = &r.customers;
        let _ = markupln!(h, "<h4>Customers</h4>\n<p>{}</p>", c.reading);
        let rows = c
            .dormant
            .iter()
            .map(|d| {
                let tie = d.tie.as_ref().map_or_else(
                    || "nobody of ours knows them".to_string(),
                    |t| {
                        format!(
                            "{} via {}: level {}, {:.2}, {}",
                            self.who(&t.id),
                            self.who(&t.owner),
                            t.level,
                            t.strength,
                            t.freshness.as_str()
                        )
                    },
                );
                vec![Cell::text(d.organization.clone()), Cell::num(amount(d.value)), Cell::text(tie)]
            })
            .collect();
        h.push_str("<p>Dormant customers (no open deal): keep their relationships warm.</p>\n");
        table(h, &["organization", "value", "strongest tie"], rows);
    }

    /// The team section: each salesperson's four networks, the first call
    /// to each key person, who holds each account, the risks.
    fn team(&self, h: &mut String, r: &TeamReport) -> Result<()> {
        h.push_str("<h4>Salespeople: live ties / effective size / fading ties per network</h4>\n");
        let rows = r
            .salespeople
            .iter()
            .map(|s| {
                let mut row = vec![Cell::text(format!(
                    "{}{}",
                    self.who(&s.id),
                    if s.share.is_yes() { "" } else { " (does not share)" }
                ))];
                for n in &s.networks {
                    row.push(Cell::num(format!("{} / {} / {}", n.size, opt(n.effective_size), n.fading)));
                }
                row
            })
            .collect();
        table(h, &["salesperson", "market", "prospect", "internal", "customer"], rows);
        let _ = markupln!(h, "<h4>First calls (paths of at most {} ties)</h4>", r.max_hops);
        let rows = r
            .intros
            .iter()
            .map(|i| {
                let caller = i.owner.as_ref().map_or_else(|| "nobody of the team".to_string(), |o| self.who(o));
                let others: Vec<String> =
                    i.alternatives.iter().map(|a| format!("{} ({:.2})", self.who(&a.owner), a.path.strength)).collect();
                vec![
                    Cell::text(self.who(&i.id)),
                    Cell::text(format!("{}, {}", i.role.as_str(), i.organization)),
                    Cell::text(caller),
                    Cell::text(self.path(&i.path)),
                    Cell::text(others.join(", ")),
                ]
            })
            .collect();
        table(h, &["key person", "role", "first caller", "path", "or"], rows);
        h.push_str("<h4>Who holds each account (active ties of level 2 or more)</h4>\n");
        let rows = r
            .coverage
            .iter()
            .map(|c| {
                let reps: Vec<String> =
                    c.reps.iter().map(|rep| format!("{} ({})", self.who(&rep.id), rep.ties)).collect();
                let mut flags = Vec::new();
                if c.single_threaded_ours {
                    flags.push("single-threaded ours");
                }
                if c.single_threaded_theirs {
                    flags.push("single-threaded theirs");
                }
                vec![
                    Cell::text(c.organization.clone()),
                    Cell::text(c.relation.as_str().to_string()),
                    Cell::num(format!("{} of {}", c.held, c.people)),
                    Cell::text(reps.join(", ")),
                    Cell::text(flags.join(", ")),
                ]
            })
            .collect();
        table(h, &["organization", "relation", "people held", "salespeople", "flags"], rows);
        h.push_str("<h4>Risks</h4>\n");
        if r.risks.is_empty() {
            h.push_str("<p class=\"none\">None.</p>\n");
        } else {
            h.push_str("<ul class=\"recommendations\">\n");
            for risk in &r.risks {
                let _ = markupln!(h, "<li><code>{}</code> {}</li>", risk.code, risk.message);
            }
            h.push_str("</ul>\n");
        }
        Ok(())
    }

    fn section(
        &self,
        h: &mut String,
        class: &str,
        title: &str,
        network: &str,
        body: impl FnOnce(&mut String) -> Result<()>,
    ) -> Result<()> {
        let _ =
            markupln!(h, "<section class=\"stage\" id=\"{}\">\n<h2>{} <small>{}</small></h2>", class, title, network);
        body(h)?;
        h.push_str("</section>\n");
        Ok(())
    }

    fn picture(&self, h: &mut String, report: &StageReport) -> Result<()> {
        let svg = draw_stage(self.as_of, report, self.draw_options)?;
        self.figure(h, &svg);
        Ok(())
    }

    /// A picture inline, opening at full size on a click.
    fn figure(&self, h: &mut String, svg: &crate::draw::Svg) {
        let text = svg.as_str();
        // Inline: drop the XML declaration, keep the <svg> element.
        let body = text.find("<svg").map_or(text, |i| &text[i..]);
        // A click opens the picture at full size (the figure becomes the
        // page's target and fills the window), the close link or the back
        // button closes it: no scripts.
        let k = self.pictures.get() + 1;
        self.pictures.set(k);
        let _ = markupln!(
            h,
            "<span id=\"picture-{}-here\"></span>\n<figure class=\"picture\" id=\"picture-{}\">\n<a class=\"open\" href=\"#picture-{}\" title=\"open at full size\">",
            k,
            k,
            k
        );
        h.push_str(body);
        let _ = markupln!(
            h,
            "</a>\n<a class=\"close\" href=\"#picture-{}-here\">close the full-size picture</a>\n</figure>",
            k
        );
    }

    /// A contact as the tables show it: the id, and the name unless redacted.
    fn who(&self, id: &ContactId) -> String {
        match (self.labels, self.as_of.networks().contact(id.as_str())) {
            (Labels::Names, Some(c)) if c.name != id.as_str() => format!("{} ({})", c.name, id),
            _ => id.to_string(),
        }
    }

    fn path(&self, path: &PathSummary) -> String {
        if !path.exists() {
            return "no path".to_string();
        }
        let people: Vec<String> = path.nodes.iter().map(|id| self.who(id)).collect();
        format!("{} ({:.3})", people.join(" → "), path.strength)
    }

    fn prospecting(&self, h: &mut String, r: &ProspectingReport) {
        let _ = markupln!(h, "<p class=\"verdict\">{}</p>", r.verdict.summary);
        numbers(
            h,
            &[
                ("market contacts", r.size.to_string()),
                ("people in the market network", r.people.to_string()),
                ("ego density", opt(r.density)),
                ("effective size", opt(r.effective_size)),
                ("efficiency", opt(r.efficiency)),
                ("constraint", opt(r.constraint)),
                ("industry diversity (Blau)", opt(r.diversity)),
                ("reach in two steps", r.two_step_reach.to_string()),
            ],
        );
        h.push_str("<h4>Information brokers</h4>\n");
        table(
            h,
            &["contact", "organization", "new people", "only via them", "constraint", "your tie"],
            r.brokers
                .iter()
                .map(|b| {
                    vec![
                        Cell::text(self.who(&b.id)),
                        Cell::text(b.organization.clone()),
                        Cell::num(b.new_contacts.to_string()),
                        Cell::num(b.unique_reach.to_string()),
                        Cell::num(opt(b.constraint)),
                        Cell::num(format!("{:.2}", b.strength)),
                    ]
                })
                .collect(),
        );
        h.push_str("<h4>Redundant contacts</h4>\n");
        table(
            h,
            &["contact", "organization", "redundancy", "shared", "only via them", "your tie"],
            r.redundant_contacts
                .iter()
                .map(|c| {
                    vec![
                        Cell::text(self.who(&c.id)),
                        Cell::text(c.organization.clone()),
                        Cell::num(format!("{:.2}", c.redundancy)),
                        Cell::num(c.shared_contacts.to_string()),
                        Cell::num(c.unique_reach.to_string()),
                        Cell::num(format!("{:.2}", c.strength)),
                    ]
                })
                .collect(),
        );
        h.push_str("<h4>Industries of your market contacts</h4>\n");
        table(
            h,
            &["industry", "contacts"],
            r.industries
                .iter()
                .map(|s| vec![Cell::text(s.industry.clone()), Cell::num(s.contacts.to_string())])
                .collect(),
        );
        self.tail(h, &r.recommendations, &r.maintain);
    }

    fn buy_in(&self, h: &mut String, r: &BuyInReport) {
        numbers(
            h,
            &[
                ("people", r.people.to_string()),
                ("decision makers", r.decision_makers.len().to_string()),
                ("influencers", r.influencers.len().to_string()),
                ("coverage", r.coverage.map_or("-".to_string(), |c| format!("{:.0}%", 100.0 * c))),
                ("gaps (not met by you)", if r.gaps.is_empty() { "none".into() } else { self.people(&r.gaps) }),
                ("met by you", r.met.len().to_string()),
                ("single-threaded", if r.single_threaded { "yes" } else { "no" }.to_string()),
            ],
        );
        for (heading, people) in [("Decision makers", &r.decision_makers), ("Influencers", &r.influencers)] {
            let _ = markupln!(h, "<h4>{}</h4>", heading);
            table(
                h,
                &["contact", "department", "strongest path from you", "reached", "your level", "best level"],
                people
                    .iter()
                    .map(|p| {
                        vec![
                            Cell::text(self.who(&p.id)),
                            Cell::text(p.department.clone().unwrap_or_default()),
                            Cell::text(self.path(&p.path)),
                            Cell::text(if p.reached { "yes" } else { "no" }.to_string()),
                            Cell::num(p.owner_level.map_or("-".into(), |l| l.get().to_string())),
                            Cell::num(p.best_level.map_or("-".into(), |l| l.get().to_string())),
                        ]
                    })
                    .collect(),
            );
        }
        h.push_str("<h4>Middlemen</h4>\n");
        table(
            h,
            &["contact", "role", "score", "your tie", "leads to"],
            r.middlemen
                .iter()
                .map(|m| {
                    vec![
                        Cell::text(self.who(&m.id)),
                        Cell::text(m.role.as_str().to_string()),
                        Cell::num(format!("{:.2}", m.score)),
                        Cell::num(format!("{:.2}", m.owner_strength)),
                        Cell::text(m.leads_to.iter().map(|p| self.who(&p.id)).collect::<Vec<_>>().join(", ")),
                    ]
                })
                .collect(),
        );
        self.tail(h, &r.recommendations, &r.maintain);
    }

    fn solution(&self, h: &mut String, r: &SolutionReport) {
        numbers(
            h,
            &[
                ("colleagues", r.colleagues.to_string()),
                ("your colleagues", r.contacts.to_string()),
                ("ego density", opt(r.density)),
                ("isolated", if r.isolated.is_empty() { "none".into() } else { self.people(&r.isolated) }),
            ],
        );
        h.push_str("<h4>Bottlenecks</h4>\n");
        table(
            h,
            &["colleague", "department", "betweenness", "cuts off", "your level", "the only link to"],
            r.bottlenecks
                .iter()
                .map(|b| {
                    vec![
                        Cell::text(self.who(&b.id)),
                        Cell::text(b.department.clone().unwrap_or_default()),
                        Cell::num(format!("{:.3}", b.betweenness)),
                        Cell::num(b.cut_off.to_string()),
                        Cell::num(b.owner_level.map_or("-".into(), |l| l.get().to_string())),
                        Cell::text(b.cut_off_people.iter().map(|p| self.who(&p.id)).collect::<Vec<_>>().join(", ")),
                    ]
                })
                .collect(),
        );
        h.push_str("<h4>Departments</h4>\n");
        table(
            h,
            &["department", "colleagues", "your strong ties", "covered"],
            r.departments
                .iter()
                .map(|d| {
                    vec![
                        Cell::text(d.department.clone()),
                        Cell::num(d.colleagues.to_string()),
                        Cell::num(d.strong_ties.to_string()),
                        Cell::text(if d.covered { "yes" } else { "no" }.to_string()),
                    ]
                })
                .collect(),
        );
        self.tail(h, &r.recommendations, &r.maintain);
    }

    fn closing(&self, h: &mut String, r: &ClosingReport) {
        numbers(
            h,
            &[
                ("referees", r.referees.len().to_string()),
                ("lapsed referees", r.lapsed_referees.len().to_string()),
                ("best score", r.referees.first().map_or("-".into(), |x| format!("{:.3}", x.score))),
            ],
        );
        for (heading, referees) in
            [("Referees", &r.referees), ("Lapsed referees (reconnect first)", &r.lapsed_referees)]
        {
            let _ = markupln!(h, "<h4>{}</h4>", heading);
            table(
                h,
                &[
                    "contact",
                    "organization",
                    "score",
                    "your tie",
                    "last contact",
                    "how you ask them",
                    "tie to the target",
                ],
                referees
                    .iter()
                    .map(|x| {
                        vec![
                            Cell::text(self.who(&x.id)),
                            Cell::text(format!("{}{}", x.organization, if x.top_customer { " (top)" } else { "" })),
                            Cell::num(format!("{:.3}", x.score)),
                            Cell::num(format!(
                                "L{} {:.2} {}",
                                x.owner_level.get(),
                                x.owner_strength,
                                x.freshness.as_str()
                            )),
                            Cell::text(x.last_contact.map_or("-".into(), |d| d.to_string())),
                            Cell::text(match &x.via {
                                Some(v) => format!("introduced by {} ({:.2})", self.who(v), x.access),
                                None => format!("directly ({:.2})", x.access),
                            }),
                            Cell::num(format!("{:.2}", x.path.strength)),
                        ]
                    })
                    .collect(),
            );
        }
        self.tail(h, &r.recommendations, &r.maintain);
    }

    fn tail(&self, h: &mut String, recommendations: &[Recommendation], maintain: &[MaintainItem]) {
        h.push_str("<h4>Recommendations</h4>\n");
        if recommendations.is_empty() {
            h.push_str("<p class=\"none\">None.</p>\n");
        } else {
            h.push_str("<ul class=\"recommendations\">\n");
            for r in recommendations {
                let _ = markupln!(h, "<li><code>{}</code> {}</li>", r.code, r.message);
            }
            h.push_str("</ul>\n");
        }
        h.push_str("<h4>Relationships to maintain</h4>\n");
        table(
            h,
            &["contact", "role", "why", "level", "last contact", "strength", "state"],
            maintain
                .iter()
                .map(|m| {
                    vec![
                        Cell::text(self.who(&m.id)),
                        Cell::text(m.role.as_str().to_string()),
                        Cell::text(m.reasons.join(", ")),
                        Cell::num(m.level.get().to_string()),
                        Cell::text(m.last_contact.map_or("-".into(), |d| d.to_string())),
                        Cell::num(format!("{:.2}", m.strength)),
                        Cell::text(m.freshness.as_str().to_string()),
                    ]
                })
                .collect(),
        );
    }

    fn people(&self, ids: &[ContactId]) -> String {
        ids.iter().map(|id| self.who(id)).collect::<Vec<_>>().join(", ")
    }
}

/// A table cell: text, or a number (right-aligned).
struct Cell {
    text: String,
    num: bool,
}

impl Cell {
    fn text(text: String) -> Self {
        Self { text, num: false }
    }

    fn num(text: String) -> Self {
        Self { text, num: true }
    }
}

fn table(h: &mut String, header: &[&str], rows: Vec<Vec<Cell>>) {
    if rows.is_empty() {
        h.push_str("<p class=\"none\">None.</p>\n");
        return;
    }
    h.push_str("<div class=\"table\"><table>\n<thead><tr>");
    for col in header {
        let _ = markup!(h, "<th>{}</th>", col);
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        h.push_str("<tr>");
        for cell in row {
            let class = if cell.num { " class=\"num\"" } else { "" };
            let _ = markup!(h, "<td{}>{}</td>", Raw(class), cell.text);
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table></div>\n");
}

fn numbers(h: &mut String, items: &[(&str, String)]) {
    h.push_str("<dl class=\"numbers\">\n");
    for (name, value) in items {
        let _ = markupln!(h, "<dt>{}</dt><dd>{}</dd>", name, value);
    }
    h.push_str("</dl>\n");
}

fn opt(x: Option<f64>) -> String {
    x.map_or("-".to_string(), |v| format!("{v:.3}"))
}
