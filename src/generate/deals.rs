//! Generated deals whose steps follow a realistic funnel.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::error::{Error, Result};
use crate::model::{Deal, DealStatus, Relation, Role, SalesNetworks, Step};
use crate::random::Rng;

/// How deals are generated: their number, the seed, the date they are
/// generated as of, how often a deal passes each step, and an optional
/// leaky step.
///
/// Each deal is opened on a day of the two years before `as_of` with one
/// of the portfolio's salespeople, at a prospect or customer organization.
/// It then walks the funnel: each step takes 10 to 69 days (payment after
/// a signed contract 5 to 34), and at its end
/// the deal passes to the next step with that step's pass rate
/// ([`DealOptions::pass_rates`], by default 0.75, 0.65, 0.65, 0.7 and 0.95
/// from `new_contact` on) or is lost there. A deal whose current step has
/// not ended by `as_of` is open at it; one that reaches `paid` is won.
/// A **leaky step** passes deals at a quarter of its rate, so that its
/// diagnosis shows (`weak_proposals` for a leak at `introduced`,
/// `weak_negotiation` at `negotiating`).
///
/// # Examples
///
/// ```
/// use salesnet::generate::{DealOptions, GenerateOptions, deals, portfolio};
/// use salesnet::jiff::civil::date;
/// use salesnet::Step;
///
/// let as_of = date(2025, 1, 1);
/// let networks = portfolio(&GenerateOptions::new().contacts(200).as_of(as_of))?;
/// let d = deals(&networks, &DealOptions::new(50, as_of).leak(Step::Introduced))?;
/// assert_eq!(d.len(), 50);
/// # Ok::<(), salesnet::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DealOptions {
    deals: usize,
    seed: u64,
    as_of: Date,
    pass_rates: [f64; 5],
    leak: Option<Step>,
}

impl DealOptions {
    /// `deals` deals as of `as_of`, seed 0, the default pass rates, no leak.
    pub fn new(deals: usize, as_of: Date) -> Self {
        Self { deals, seed: 0, as_of, pass_rates: [0.75, 0.65, 0.65, 0.7, 0.95], leak: None }
    }

    /// Sets the seed: the same seed and portfolio give the same deals.
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the rate at which deals pass from each step to the next
    /// (`new_contact` to `introduced` first), each in `[0, 1]`.
    #[must_use]
    pub fn pass_rates(mut self, rates: [f64; 5]) -> Self {
        self.pass_rates = rates;
        self
    }

    /// Plants a leaky step: deals pass it at a quarter of its rate.
    #[must_use]
    pub fn leak(mut self, step: Step) -> Self {
        self.leak = Some(step);
        self
    }
}

/// Deals for the salespeople of `networks` (see [`DealOptions`]), with ids
/// `deal00001`, `deal00002`, ... in the order they were opened.
///
/// # Errors
///
/// [`Error::InvalidArgument`] for a pass rate outside `[0, 1]`, a leak at
/// `paid` (no step follows it), or deals asked of a portfolio without a
/// prospect or customer organization.
///
/// # Complexity
///
/// O(n + d) for n contacts and d deals.
pub fn deals(networks: &SalesNetworks, options: &DealOptions) -> Result<Vec<Deal>> {
    if options.pass_rates.iter().any(|r| !(0.0..=1.0).contains(r)) {
        return Err(Error::InvalidArgument { name: "pass_rates", reason: "each rate must be in [0, 1]".into() });
    }
    if options.leak == Some(Step::Paid) {
        return Err(Error::InvalidArgument { name: "leak", reason: "no step follows `paid`".into() });
    }
    if options.deals == 0 {
        return Ok(Vec::new());
    }
    let accounts: Vec<usize> = (0..networks.organizations().len())
        .filter(|&i| matches!(networks.organizations()[i].relation, Relation::Prospect | Relation::Customer))
        .collect();
    if accounts.is_empty() {
        return Err(Error::InvalidArgument {
            name: "deals",
            reason: "the portfolio has no prospect or customer organization to sell to".into(),
        });
    }
    let owners: Vec<&str> = networks.contacts().filter(|c| c.role == Role::Owner).map(|c| c.id.as_str()).collect();
    let mut rates = options.pass_rates;
    if let Some(leak) = options.leak {
        rates[leak.index()] *= 0.25;
    }
    let mut rng = Rng::new(options.seed ^ 0x6465_616c_7300_0000);
    let mut drafts: Vec<(Date, Deal)> = Vec::with_capacity(options.deals);
    for _ in 0..options.deals {
        let org = &networks.organizations()[*rng.pick(&accounts)];
        let owner = *rng.pick(&owners);
        let opened = options.as_of - (rng.below(730) as i64).days();
        let mut step = Step::NewContact;
        let mut since = opened;
        let status = loop {
            // Payment follows a signed contract faster than any other step.
            let days = if step == Step::Contracted { 5 + rng.below(30) } else { 10 + rng.below(60) };
            let end = since + (days as i64).days();
            if end > options.as_of {
                break DealStatus::Open;
            }
            if !rng.chance(rates[step.index()]) {
                break DealStatus::Lost;
            }
            step = step.next().unwrap_or(Step::Paid);
            since = end;
            if step == Step::Paid {
                break DealStatus::Won;
            }
        };
        let amount = match org.value {
            Some(v) if v > 0.0 => (v * (0.05 + 0.45 * rng.unit()) / 100.0).round() * 100.0,
            _ => (10_000.0 * rng.pareto(1.5) / 100.0).round() * 100.0,
        };
        let mut deal = Deal::new("deal", org.name.clone(), owner, step, opened)?.with_status(status);
        deal.amount = Some(amount);
        deal.step_since = since;
        drafts.push((opened, deal));
    }
    // Ids in the order deals were opened (stable among equal dates).
    drafts.sort_by_key(|(opened, _)| *opened);
    drafts
        .into_iter()
        .enumerate()
        .map(|(i, (_, mut d))| {
            d.id = crate::model::DealId::new(format!("deal{:05}", i + 1))?;
            Ok(d)
        })
        .collect()
}
