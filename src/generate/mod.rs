//! Synthetic sales portfolios of any size, for examples, tests and benches.
//!
//! [`portfolio`] writes a realistic portfolio from a handful of
//! [`GenerateOptions`]: our firm (the owner and colleagues in seven
//! departments), customers with heavy-tailed values, prospects with org
//! charts, and market organizations across twelve industries, tied into one
//! connected network with heavy-tailed degrees, community structure by
//! organization and department, relationship levels 0-5 (more weak than
//! strong) and last-contact dates spread over the two years before the "as
//! of" date. The same options always give the same portfolio on a given
//! platform (draws go through `f64::powf` and `f64::ln`, which come from the
//! platform's math library, so another platform may round a draw differently).
//!
//! # Examples
//!
//! ```
//! use salesnet::generate::{GenerateOptions, portfolio};
//!
//! let options = GenerateOptions::new().contacts(500).seed(7);
//! let networks = portfolio(&options)?;
//! assert_eq!(networks.contact_count(), 500);
//! assert_eq!(networks.tie_count(), options.tie_count());
//! assert_eq!(networks.owner().id.as_str(), "c000000");
//! # Ok::<(), salesnet::Error>(())
//! ```
//!
//! One job per file: [`GenerateOptions`] (`options.rs`), the portfolio
//! generator (`generator.rs`), its invented vocabulary and tie kinds
//! (`vocabulary.rs`), the set of tied pairs (`pairs.rs`),
//! [`barabasi_albert`] (`barabasi_albert.rs`) and [`deals`] (`deals.rs`). Random draws come from the
//! crate's one generator, [`crate::random`].

mod barabasi_albert;
mod deals;
mod generator;
mod options;
mod pairs;
mod vocabulary;

pub use barabasi_albert::barabasi_albert;
pub use deals::{DealOptions, deals};
pub use options::{GenerateOptions, MAX_CONTACTS, MIN_CONTACTS, MIN_TIES_PER_CONTACT};

use crate::error::Result;
use crate::model::SalesNetworks;

/// Generates a synthetic portfolio.
///
/// # Arguments
///
/// * `options`: size, density, seed and "as of" date ([`GenerateOptions`]).
///
/// # Returns
///
/// A [`SalesNetworks`] with exactly `options.contact_count()` contacts and
/// `options.tie_count()` ties, built through [`SalesNetworks::builder`]:
///
/// * **Our firm** (relation `own`, about 4% of contacts, at least 12): the
///   owner `c000000` in sales and colleagues in sales, engineering, product,
///   finance, legal, delivery and support.
/// * **Customers** (`customer`, 20%) in organizations of heavy-tailed size
///   (at least 4), with yearly values drawn from a Pareto law of index 1.05
///   at stratified quantiles, so that a fifth of the customers bring two
///   thirds (among 50 customers) to four fifths (among thousands) of the value.
/// * **Prospects** (`prospect`, 16%) with org charts: a decision maker at the
///   top (a second one heading IT in organizations of 10 or more), a
///   gatekeeper beside them, influencers heading departments, buyers in
///   procurement, users elsewhere.
/// * **Market** organizations (`other`, the rest) across twelve industries;
///   customers and prospects have industries too.
///
/// Every organization is a tree of reporting lines (each department hangs
/// from its head, each head from the organization's top), and every
/// organization is tied to an earlier one, so the portfolio is one connected
/// component. Each contact has a hidden weight drawn from a power law of
/// exponent 2.3 (tops and heads weigh more); the remaining ties are drawn
/// Chung-Lu style, endpoints in proportion to weight: about 70% inside
/// organizations (mostly inside departments), the rest across
/// organizations (half of a market person's within their industry), which
/// gives heavy-tailed degrees and community structure. Delivery and support
/// colleagues know each customer, and key people of each prospect know a
/// customer (half the time one the owner knows), so referral paths exist. The owner knows
/// `min((contacts - 1) / 2, 100 + 30 log10(contacts))` contacts besides
/// their reporting lines: hundreds at most, spread over the four networks.
///
/// Levels are drawn per kind of tie (reporting lines and the owner's
/// colleagues and customers strong, market acquaintances weak, more weak
/// than strong overall); last contacts lie 0 to 729 days before `as_of`,
/// stronger ties more recently, so ties are fresh, fading and lapsed; about
/// 6% of ties (more at level 0) are undated. Contacts carry a `city`
/// attribute, dated ties a `channel` (email, phone, video, meeting, event,
/// referral). Names are invented from syllables; ids are `c` and the
/// zero-padded node number (six digits, more above a million contacts).
///
/// # Errors
///
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) if contacts are not in
/// [`MIN_CONTACTS`]`..=`[`MAX_CONTACTS`], if ties per contact are not in
/// [`MIN_TIES_PER_CONTACT`]`..=(contacts - 1) / 8`, or if `as_of` is so early
/// that two years before it is not a date.
///
/// # Complexity
///
/// Time O(|E| log |V|) (weighted endpoint sampling by binary search within
/// organizations, an alias table across them), memory O(|V| + |E|): the
/// builder holds every record once before building. One million contacts and
/// ten million ties take about 20 s of CPU time (half of it in
/// [`SalesNetworksBuilder::build`](crate::SalesNetworksBuilder::build)) and
/// 5.2 GB at peak.
///
/// # Examples
///
/// ```
/// use jiff::civil::date;
/// use salesnet::generate::{GenerateOptions, portfolio};
/// use salesnet::{NetworkKind, Relation};
///
/// let options = GenerateOptions::new().contacts(1_000).ties_per_contact(5.0).seed(42).as_of(date(2026, 3, 31));
/// let networks = portfolio(&options)?;
/// assert_eq!(networks.tie_count(), 5_000);
/// assert!(networks.organizations().iter().any(|o| o.relation == Relation::Prospect));
/// assert!(networks.view(NetworkKind::Market).len() > 500);
/// // Deterministic.
/// let again = portfolio(&options)?;
/// assert!(networks.ties().eq(again.ties()));
/// # Ok::<(), salesnet::Error>(())
/// ```
///
/// # References
///
/// F. Chung and L. Lu, "Connected components in random graphs with given
/// expected degree sequences", *Annals of Combinatorics* 6 (2002) 125-145.
/// D. Blackman and S. Vigna, "Scrambled linear pseudorandom number
/// generators", *ACM TOMS* 47 (2021) (xoshiro256**).
pub fn portfolio(options: &GenerateOptions) -> Result<SalesNetworks> {
    options.validate()?;
    let dates = generator::date_table(options.as_of)?;
    let mut g = generator::Generator::new(options);
    g.plan_organizations();
    g.hierarchy();
    g.owner_ties();
    g.more_owners(options.owners);
    g.connectors();
    g.intra_organization();
    g.cross_organization()?;
    g.build(&dates)
}
