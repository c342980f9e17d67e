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

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use jiff::civil::{Date, date};

mod deals;

pub use deals::{DealOptions, deals};

use crate::error::{Error, Result};
use crate::graph::{Snapshot, SnapshotBuilder};
use crate::model::{Contact, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};

/// The fewest contacts [`portfolio`] generates.
pub const MIN_CONTACTS: usize = 100;

/// The most contacts [`portfolio`] generates (ids and node numbers are 32-bit).
pub const MAX_CONTACTS: usize = 100_000_000;

/// The fewest ties per contact (a spanning tree and the owner's ties need about 1.5).
pub const MIN_TIES_PER_CONTACT: f64 = 2.0;

/// What [`portfolio`] generates.
///
/// | option | default | meaning |
/// |---|---|---|
/// | [`contacts`](Self::contacts) | 1,000 | contacts, the owner included (at least [`MIN_CONTACTS`]) |
/// | [`ties_per_contact`](Self::ties_per_contact) | 10 | ties divided by contacts: the mean degree is twice this |
/// | [`seed`](Self::seed) | 0 | seed of the pseudo-random generator |
/// | [`as_of`](Self::as_of) | 2025-01-01 | last-contact dates lie in the 730 days up to this date |
///
/// The portfolio has exactly `contacts` contacts and
/// [`tie_count`](Self::tie_count) = `round(contacts * ties_per_contact)` ties.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerateOptions {
    contacts: usize,
    seed: u64,
    ties_per_contact: f64,
    as_of: Date,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        Self { contacts: 1_000, seed: 0, ties_per_contact: 10.0, as_of: date(2025, 1, 1) }
    }
}

impl GenerateOptions {
    /// The defaults: 1,000 contacts, 10 ties per contact, seed 0, as of 2025-01-01.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the number of contacts, the owner included.
    pub fn contacts(mut self, contacts: usize) -> Self {
        self.contacts = contacts;
        self
    }

    /// Sets the seed: the same options and seed give the same portfolio.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets ties per contact (ties = contacts × this; the mean degree is twice this).
    pub fn ties_per_contact(mut self, ties_per_contact: f64) -> Self {
        self.ties_per_contact = ties_per_contact;
        self
    }

    /// Sets the "as of" date: last contacts are spread over the 730 days before it.
    pub fn as_of(mut self, as_of: Date) -> Self {
        self.as_of = as_of;
        self
    }

    /// The number of contacts the portfolio will have.
    pub fn contact_count(&self) -> usize {
        self.contacts
    }

    /// The number of ties the portfolio will have: `round(contacts * ties_per_contact)`.
    pub fn tie_count(&self) -> usize {
        (self.contacts as f64 * self.ties_per_contact).round() as usize
    }

    /// The most ties per contact these contacts allow: `(contacts - 1) / 8`, so
    /// that at most a quarter of all pairs are tied.
    fn max_ties_per_contact(&self) -> f64 {
        (self.contacts.saturating_sub(1)) as f64 / 8.0
    }

    fn validate(&self) -> Result<()> {
        if !(MIN_CONTACTS..=MAX_CONTACTS).contains(&self.contacts) {
            return Err(Error::InvalidArgument {
                name: "contacts",
                reason: format!("{} is not in {MIN_CONTACTS}..={MAX_CONTACTS}", self.contacts),
            });
        }
        let (t, max) = (self.ties_per_contact, self.max_ties_per_contact());
        if !(t.is_finite() && (MIN_TIES_PER_CONTACT..=max).contains(&t)) {
            return Err(Error::InvalidArgument {
                name: "ties_per_contact",
                reason: format!("{t} is not in {MIN_TIES_PER_CONTACT}..={max} for {} contacts", self.contacts),
            });
        }
        Ok(())
    }
}

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
/// [`Error::InvalidArgument`] if contacts are not in
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
    let dates = date_table(options.as_of)?;
    let mut g = Generator::new(options);
    g.plan_organizations();
    g.hierarchy();
    g.owner_ties();
    g.connectors();
    g.intra_organization();
    g.cross_organization()?;
    g.build(&dates)
}

// ---------------------------------------------------------------------------
// Vocabulary (invented; no real people or firms)

const INDUSTRIES: [&str; 12] = [
    "software",
    "manufacturing",
    "healthcare",
    "finance",
    "retail",
    "energy",
    "logistics",
    "telecom",
    "education",
    "public sector",
    "construction",
    "media",
];

const INDUSTRY_SUFFIXES: [[&str; 2]; 12] = [
    ["Systems", "Labs"],
    ["Industries", "Works"],
    ["Health", "Care"],
    ["Capital", "Bank"],
    ["Stores", "Retail"],
    ["Energy", "Power"],
    ["Logistics", "Freight"],
    ["Telecom", "Networks"],
    ["Academy", "Learning"],
    ["Agency", "Council"],
    ["Builders", "Construction"],
    ["Media", "Studios"],
];

const ORG_STEMS_A: [&str; 24] = [
    "Arc", "Bel", "Cor", "Del", "Exo", "Flo", "Gra", "Hel", "Ion", "Jun", "Kor", "Lum", "Mar", "Nov", "Orb", "Pra",
    "Qua", "Ryn", "Sol", "Tri", "Ulv", "Ven", "Wex", "Zen",
];
const ORG_STEMS_B: [&str; 10] = ["ara", "eon", "ix", "ora", "um", "ia", "ent", "ivo", "ex", "ano"];

const FIRST_A: [&str; 24] = [
    "Al", "Be", "Ca", "Da", "El", "Fa", "Ga", "Ha", "Is", "Jo", "Ka", "Le", "Ma", "Ne", "Or", "Pa", "Ri", "Sa", "Ta",
    "Ve", "Wi", "Ya", "Zo", "Ul",
];
const FIRST_B: [&str; 12] = ["ra", "na", "mir", "len", "dor", "sa", "vin", "ta", "rik", "lia", "ro", "mon"];
const LAST_A: [&str; 18] = [
    "Bar", "Cor", "Dal", "Fen", "Gar", "Hol", "Kes", "Lin", "Mor", "Nor", "Pel", "Quin", "Ros", "Sel", "Tor", "Val",
    "Wen", "Yor",
];
const LAST_B: [&str; 14] =
    ["by", "den", "ford", "gard", "holm", "ley", "mark", "ner", "sen", "ton", "vik", "well", "wood", "rup"];

const CITIES: [&str; 24] = [
    "Aldmere",
    "Brinholt",
    "Caskwell",
    "Dunmarsh",
    "Elverton",
    "Fallowby",
    "Greywick",
    "Harrowgate",
    "Istmoor",
    "Jarrowfield",
    "Kelmsby",
    "Lornhaven",
    "Marrowdale",
    "Northcombe",
    "Oakhurst",
    "Pellridge",
    "Quarrington",
    "Rookfield",
    "Saltmere",
    "Thornbury",
    "Umberlee",
    "Valmont",
    "Westerholm",
    "Yarrowby",
];

const CHANNELS: [&str; 6] = ["email", "phone", "video", "meeting", "event", "referral"];
/// Channel weights for ties of level 0-2 and of level 3-5.
const CHANNEL_WEIGHTS: [[f64; 6]; 2] = [[45.0, 25.0, 10.0, 5.0, 12.0, 3.0], [15.0, 20.0, 15.0, 40.0, 5.0, 5.0]];

/// Our firm's departments, the owner's (sales) first, with their share of colleagues.
const OWN_DEPARTMENTS: [(&str, f64); 7] = [
    ("sales", 0.20),
    ("engineering", 0.30),
    ("product", 0.10),
    ("finance", 0.07),
    ("legal", 0.05),
    ("delivery", 0.16),
    ("support", 0.12),
];

/// Departments of customers and prospects, the top's first.
const BUYER_DEPARTMENTS: [(&str, f64); 8] = [
    ("executive", 0.05),
    ("it", 0.25),
    ("operations", 0.25),
    ("finance", 0.10),
    ("procurement", 0.08),
    ("marketing", 0.10),
    ("sales", 0.12),
    ("hr", 0.05),
];

/// Departments of market organizations, the top's first.
const MARKET_DEPARTMENTS: [(&str, f64); 5] =
    [("management", 0.10), ("sales", 0.30), ("consulting", 0.30), ("research", 0.15), ("partnerships", 0.15)];

/// The smallest customer value (yearly revenue).
const CUSTOMER_VALUE_MIN: f64 = 20_000.0;
/// Pareto index of customer values: the top fifth of customers brings about
/// two thirds of the value among 50 customers, four fifths among thousands.
const CUSTOMER_VALUE_INDEX: f64 = 1.05;

/// What kind of tie: decides the level distribution.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// A reporting line inside an organization.
    Report,
    /// Colleagues (same organization, not a reporting line).
    Colleague,
    /// People of two organizations.
    Acquaintance,
    /// Our delivery or support people and a customer.
    Delivery,
    /// A prospect's key person and a customer.
    Referral,
    OwnerInternal,
    OwnerCustomer,
    OwnerProspect,
    OwnerMarket,
}

impl Kind {
    /// Percentages of levels 0 to 5.
    fn level_weights(self) -> [f64; 6] {
        match self {
            Kind::Report => [2.0, 8.0, 25.0, 35.0, 20.0, 10.0],
            Kind::Colleague => [5.0, 22.0, 35.0, 23.0, 10.0, 5.0],
            Kind::Acquaintance => [25.0, 35.0, 22.0, 10.0, 5.0, 3.0],
            Kind::Delivery => [2.0, 10.0, 30.0, 30.0, 18.0, 10.0],
            Kind::Referral => [5.0, 20.0, 30.0, 25.0, 12.0, 8.0],
            Kind::OwnerInternal => [0.0, 5.0, 20.0, 35.0, 25.0, 15.0],
            Kind::OwnerCustomer => [2.0, 8.0, 20.0, 30.0, 25.0, 15.0],
            Kind::OwnerProspect => [15.0, 35.0, 28.0, 12.0, 7.0, 3.0],
            Kind::OwnerMarket => [20.0, 35.0, 25.0, 12.0, 6.0, 2.0],
        }
    }
}

// ---------------------------------------------------------------------------
// Pseudo-random numbers: xoshiro256** seeded through SplitMix64.

/// A seeded Barabási-Albert graph, for benchmarks and tests: `n` nodes, each
/// new node tied to `m` distinct earlier nodes picked in proportion to their
/// degree (the first `m + 1` nodes form a clique), about `n·m` undirected
/// edges with weights uniform in (0, 1]. Node ids are `0`, `1`, ... The same
/// arguments give the same graph.
///
/// # Errors
///
/// [`Error::InvalidArgument`] unless `1 <= m < n`.
///
/// # Examples
///
/// ```
/// let g = salesnet::generate::barabasi_albert(100, 3, 7)?;
/// assert_eq!(g.node_count(), 100);
/// assert_eq!(g.edge_count(), 6 + 96 * 3);
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn barabasi_albert(n: usize, m: usize, seed: u64) -> Result<Snapshot> {
    if m == 0 || m >= n {
        return Err(Error::InvalidArgument { name: "m", reason: format!("need 1 <= m < n, got m = {m}, n = {n}") });
    }
    let mut rng = Rng::new(seed);
    let mut b = SnapshotBuilder::undirected();
    b.weighted();
    let ids: Vec<String> = (0..n).map(|v| v.to_string()).collect();
    for id in &ids {
        b.add_node(id);
    }
    let mut ends: Vec<usize> = Vec::with_capacity(2 * n * m);
    for v in 0..=m {
        for u in 0..v {
            b.add_edge(&ids[u], &ids[v], rng.open_unit())?;
            ends.extend([u, v]);
        }
    }
    let mut picked = Vec::with_capacity(m);
    for v in m + 1..n {
        picked.clear();
        while picked.len() < m {
            let u = ends[rng.below(ends.len())];
            if !picked.contains(&u) {
                picked.push(u);
            }
        }
        for &u in &picked {
            b.add_edge(&ids[u], &ids[v], rng.open_unit())?;
            ends.extend([u, v]);
        }
    }
    Ok(b.build())
}

/// xoshiro256** (Blackman and Vigna), private to the generator.
struct Rng {
    s: [u64; 4],
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    fn new(seed: u64) -> Self {
        let mut state = seed;
        Self { s: [splitmix64(&mut state), splitmix64(&mut state), splitmix64(&mut state), splitmix64(&mut state)] }
    }

    fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in (0, 1].
    fn open_unit(&mut self) -> f64 {
        1.0 - self.unit()
    }

    /// Uniform in `0..n` (`n > 0`), by Lemire's multiply-shift (bias below 2^-32 for our `n`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// An index drawn in proportion to `weights` (not all zero).
    fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.iter().rposition(|&w| w > 0.0).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// A Pareto draw with minimum 1 and tail index `alpha`.
    fn pareto(&mut self, alpha: f64) -> f64 {
        self.open_unit().powf(-1.0 / alpha)
    }
}

/// Walker's alias table: O(1) draws in proportion to fixed weights (Vose's construction).
struct Alias {
    /// Probability of keeping the drawn column.
    keep: Vec<f64>,
    /// The column's alias.
    alias: Vec<u32>,
}

impl Alias {
    /// A table for `weights` (non-negative, not all zero).
    fn new(weights: &[f64]) -> Self {
        let n = weights.len();
        let total: f64 = weights.iter().sum();
        let mut keep: Vec<f64> = weights.iter().map(|&w| w * n as f64 / total).collect();
        let mut alias: Vec<u32> = (0..n as u32).collect();
        let (mut small, mut large): (Vec<u32>, Vec<u32>) = (0..n as u32).partition(|&i| keep[i as usize] < 1.0);
        while let (Some(&s), Some(&l)) = (small.last(), large.last()) {
            small.pop();
            alias[s as usize] = l;
            keep[l as usize] -= 1.0 - keep[s as usize];
            if keep[l as usize] < 1.0 {
                large.pop();
                small.push(l);
            }
        }
        // Left-overs are 1 up to rounding.
        for i in small.into_iter().chain(large) {
            keep[i as usize] = 1.0;
        }
        Self { keep, alias }
    }

    fn sample(&self, rng: &mut Rng) -> u32 {
        let i = rng.below(self.keep.len());
        if rng.unit() < self.keep[i] { i as u32 } else { self.alias[i] }
    }
}

// ---------------------------------------------------------------------------
// Tie de-duplication: a set of node pairs with a cheap, good mixer.

#[derive(Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type PairSet = HashSet<u64, BuildHasherDefault<PairHasher>>;

fn pair_key(a: u32, b: u32) -> u64 {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    (u64::from(lo) << 32) | u64::from(hi)
}

// ---------------------------------------------------------------------------
// The generator.

/// Days of the last-contact window: dates lie 0 to `WINDOW_DAYS - 1` days before "as of".
const WINDOW_DAYS: usize = 730;
/// `RawTie::days` of an undated tie.
const UNDATED: u16 = u16::MAX;

fn date_table(as_of: Date) -> Result<Vec<Date>> {
    (0..WINDOW_DAYS as i64)
        .map(|d| {
            as_of.checked_sub(jiff::Span::new().days(d)).map_err(|_| Error::InvalidArgument {
                name: "as_of",
                reason: format!("{as_of} is too early: the two years before it must be dates"),
            })
        })
        .collect()
}

struct OrgPlan {
    name: String,
    relation: Relation,
    industry: Option<usize>,
    value: Option<f64>,
    city: u8,
    start: u32,
    end: u32,
}

#[derive(Clone, Copy)]
struct RawTie {
    a: u32,
    b: u32,
    level: u8,
    days: u16,
    channel: u8,
}

struct Generator {
    rng: Rng,
    n: usize,
    target_ties: usize,
    orgs: Vec<OrgPlan>,
    /// Department ranges `(start, end, name)`; contiguous node ranges inside organizations.
    departments: Vec<(u32, u32, &'static str)>,
    /// Per node: organization index, department index, role, city, weight.
    org_of: Vec<u32>,
    dept_of: Vec<u32>,
    role: Vec<Role>,
    city: Vec<u8>,
    weight: Vec<f64>,
    /// `prefix[i]` = sum of `weight[..i]`.
    prefix: Vec<f64>,
    /// Node ranges of the customers, the prospects and the market.
    customers: (u32, u32),
    prospects: (u32, u32),
    market: (u32, u32),
    /// Market node range of each industry (market organizations are sorted by industry).
    industry_range: [(u32, u32); INDUSTRIES.len()],
    ties: Vec<RawTie>,
    seen: PairSet,
    /// Pareto cap of contact weights.
    max_weight: f64,
}

impl Generator {
    fn new(options: &GenerateOptions) -> Self {
        let n = options.contacts;
        let target_ties = options.tie_count();
        let mean_degree = 2.0 * options.ties_per_contact;
        let mut seen = PairSet::default();
        seen.reserve(target_ties);
        Self {
            rng: Rng::new(options.seed),
            n,
            target_ties,
            orgs: Vec::new(),
            departments: Vec::new(),
            org_of: Vec::with_capacity(n),
            dept_of: Vec::with_capacity(n),
            role: Vec::with_capacity(n),
            city: Vec::with_capacity(n),
            weight: Vec::with_capacity(n),
            prefix: Vec::new(),
            customers: (0, 0),
            prospects: (0, 0),
            market: (0, 0),
            industry_range: [(0, 0); INDUSTRIES.len()],
            ties: Vec::with_capacity(target_ties),
            seen,
            max_weight: (mean_degree * n as f64).sqrt().max(10.0),
        }
    }

    // ---- organizations, departments, roles -------------------------------

    /// Splits `total` contacts into organizations of heavy-tailed size, each at least `min`.
    fn org_sizes(&mut self, total: usize, min: usize, scale: f64) -> Vec<usize> {
        let cap = (total / 4).clamp(min, 5_000);
        let mut sizes = Vec::new();
        let mut left = total;
        while left > 0 {
            let draw = min + (scale * (self.rng.pareto(1.5) - 1.0)) as usize;
            let mut size = draw.min(cap).min(left);
            if left - size < min {
                size = left;
            }
            sizes.push(size);
            left -= size;
        }
        sizes
    }

    fn unique_name(&mut self, used: &mut HashMap<String, u32>, industry: Option<usize>) -> String {
        let suffixes = industry.map_or(["Solutions", "Group"], |i| INDUSTRY_SUFFIXES[i]);
        let base =
            format!("{}{} {}", self.rng.pick(&ORG_STEMS_A), self.rng.pick(&ORG_STEMS_B), self.rng.pick(&suffixes));
        let count = used.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 { base } else { format!("{base} {count}") }
    }

    fn plan_organizations(&mut self) {
        let n = self.n;
        let own = ((n as f64 * 0.04).round() as usize).max(12);
        let customers = (n as f64 * 0.20).round() as usize;
        let prospects = (n as f64 * 0.16).round() as usize;
        let market = n - own - customers - prospects;

        let mut used = HashMap::new();
        let mut industry_counter = 0usize;
        let mut next_industry = |rng: &mut Rng| {
            let i = if industry_counter < INDUSTRIES.len() { industry_counter } else { rng.below(INDUSTRIES.len()) };
            industry_counter += 1;
            i
        };

        // Our firm.
        let name = self.unique_name(&mut used, None);
        self.add_org(name, Relation::Own, Some(0), None, own);

        // Customers: yearly values from a Pareto law, drawn at stratified
        // quantiles so that even a few dozen customers follow the 80/20 rule.
        let start = self.org_of.len() as u32;
        let sizes = self.org_sizes(customers, 4, 6.0);
        let mut values: Vec<f64> = (0..sizes.len())
            .map(|j| {
                let u = (j as f64 + self.rng.open_unit()) / sizes.len() as f64;
                (CUSTOMER_VALUE_MIN * u.powf(-1.0 / CUSTOMER_VALUE_INDEX)).min(5e8).round()
            })
            .collect();
        for j in (1..values.len()).rev() {
            values.swap(j, self.rng.below(j + 1));
        }
        for (size, value) in sizes.into_iter().zip(values) {
            let industry = next_industry(&mut self.rng);
            let name = self.unique_name(&mut used, Some(industry));
            self.add_org(name, Relation::Customer, Some(industry), Some(value), size);
        }
        self.customers = (start, self.org_of.len() as u32);

        // Prospects: deal sizes.
        let start = self.org_of.len() as u32;
        for size in self.org_sizes(prospects, 4, 6.0) {
            let industry = next_industry(&mut self.rng);
            let value = (10_000.0 * self.rng.pareto(1.5)).min(2e6).round();
            let name = self.unique_name(&mut used, Some(industry));
            self.add_org(name, Relation::Prospect, Some(industry), Some(value), size);
        }
        self.prospects = (start, self.org_of.len() as u32);

        // Market, grouped by industry so each industry is one node range.
        let start = self.org_of.len() as u32;
        let mut market_orgs: Vec<(usize, usize)> =
            self.org_sizes(market, 2, 4.0).into_iter().map(|size| (next_industry(&mut self.rng), size)).collect();
        market_orgs.sort_by_key(|&(industry, _)| industry);
        for (industry, size) in market_orgs {
            let name = self.unique_name(&mut used, Some(industry));
            let from = self.org_of.len() as u32;
            self.add_org(name, Relation::Other, Some(industry), None, size);
            let range = &mut self.industry_range[industry];
            if range.0 == range.1 {
                *range = (from, from);
            }
            range.1 = self.org_of.len() as u32;
        }
        self.market = (start, self.org_of.len() as u32);

        self.prefix = Vec::with_capacity(n + 1);
        self.prefix.push(0.0);
        let mut sum = 0.0;
        for &w in &self.weight {
            sum += w;
            self.prefix.push(sum);
        }
    }

    /// Adds an organization of `size` contacts: departments, roles, cities, weights.
    fn add_org(&mut self, name: String, relation: Relation, industry: Option<usize>, value: Option<f64>, size: usize) {
        let org = self.orgs.len() as u32;
        let start = self.org_of.len() as u32;
        let departments: &[(&'static str, f64)] = match relation {
            Relation::Own => &OWN_DEPARTMENTS,
            Relation::Customer | Relation::Prospect => &BUYER_DEPARTMENTS,
            Relation::Other => &MARKET_DEPARTMENTS,
        };
        let is_buyer = matches!(relation, Relation::Customer | Relation::Prospect);
        let count = match relation {
            Relation::Own => departments.len().min(size),
            _ => (1 + size / 5).min(departments.len()),
        };
        // Every department gets its head; a buyer's executive office also its gatekeeper.
        let mut sizes = vec![1usize; count];
        if is_buyer {
            sizes[0] = 2;
        }
        let weights: Vec<f64> = departments[..count].iter().map(|d| d.1).collect();
        for _ in sizes.iter().sum::<usize>()..size {
            let d = self.rng.weighted(&weights);
            sizes[d] += 1;
        }
        let org_city = self.rng.below(CITIES.len()) as u8;
        let mut node = start;
        for (d, &dept_size) in sizes.iter().enumerate() {
            let dept_index = self.departments.len() as u32;
            let dept_name = departments[d].0;
            self.departments.push((node, node + dept_size as u32, dept_name));
            for k in 0..dept_size {
                let is_top = node == start;
                let is_head = k == 0;
                let role = match relation {
                    Relation::Own if is_top => Role::Owner,
                    Relation::Own => Role::Other,
                    Relation::Customer | Relation::Prospect => self.buyer_role(dept_name, k, size),
                    Relation::Other if is_top => Role::DecisionMaker,
                    Relation::Other if is_head => Role::Influencer,
                    Relation::Other => Role::Other,
                };
                let boost = if is_top {
                    4.0
                } else if is_head {
                    2.0
                } else {
                    1.0
                };
                let weight =
                    if role == Role::Owner { 0.0 } else { (boost * self.rng.pareto(1.3)).min(self.max_weight) };
                let city = if self.rng.chance(0.8) { org_city } else { self.rng.below(CITIES.len()) as u8 };
                self.org_of.push(org);
                self.dept_of.push(dept_index);
                self.role.push(role);
                self.city.push(city);
                self.weight.push(weight);
                node += 1;
            }
        }
        self.orgs.push(OrgPlan { name, relation, industry, value, city: org_city, start, end: node });
    }

    /// The role of the `k`-th member of a buyer's department (`k = 0`: its head).
    fn buyer_role(&mut self, department: &str, k: usize, org_size: usize) -> Role {
        match (department, k) {
            ("executive", 0) => Role::DecisionMaker,
            ("executive", 1) => Role::Gatekeeper,
            ("executive", _) => Role::Influencer,
            ("it", 0) if org_size >= 10 => Role::DecisionMaker,
            ("procurement", 0) => Role::Buyer,
            (_, 0) => Role::Influencer,
            ("procurement", _) if self.rng.chance(0.2) => Role::Gatekeeper,
            ("procurement", _) => Role::Buyer,
            _ => {
                let x = self.rng.unit();
                if x < 0.7 {
                    Role::User
                } else if x < 0.8 {
                    Role::Influencer
                } else {
                    Role::Other
                }
            }
        }
    }

    // ---- sampling ------------------------------------------------------------

    /// A node of `lo..hi` drawn in proportion to weight; uniform if the range weighs nothing.
    fn sample(&mut self, lo: u32, hi: u32) -> u32 {
        let (l, h) = (lo as usize, hi as usize);
        let (base, total) = (self.prefix[l], self.prefix[h] - self.prefix[l]);
        if total <= 0.0 {
            return lo + self.rng.below(h - l) as u32;
        }
        let x = base + self.rng.unit() * total;
        // The first i in l..h with prefix[i + 1] > x.
        let i = l + self.prefix[l + 1..=h].partition_point(|&p| p <= x);
        let mut i = i.min(h - 1);
        // Never land on a weightless node (the owner) when the range has weight.
        while self.weight[i] <= 0.0 && i > l {
            i -= 1;
        }
        if self.weight[i] <= 0.0 {
            i = (l..h).find(|&j| self.weight[j] > 0.0).unwrap_or(i);
        }
        i as u32
    }

    /// Adds a tie unless it is a self-tie or the pair is already tied; says whether it did.
    fn add(&mut self, a: u32, b: u32, kind: Kind) -> bool {
        if a == b || self.ties.len() >= self.target_ties || !self.seen.insert(pair_key(a, b)) {
            return false;
        }
        let level = self.rng.weighted(&kind.level_weights()) as u8;
        let undated = if level == 0 { 0.36 } else { 0.04 };
        let (days, channel) = if self.rng.chance(undated) {
            (UNDATED, 0)
        } else {
            let skew = 1.0 + 0.4 * f64::from(level);
            let days = ((WINDOW_DAYS as f64 * self.rng.unit().powf(skew)) as usize).min(WINDOW_DAYS - 1);
            let channel = self.rng.weighted(&CHANNEL_WEIGHTS[usize::from(level >= 3)]) as u8;
            (days as u16, channel)
        };
        self.ties.push(RawTie { a, b, level, days, channel });
        true
    }

    // ---- ties ------------------------------------------------------------------

    /// Reporting lines: each member hangs from an earlier member of their
    /// department (preferentially a heavy one), each head from the top.
    fn hierarchy(&mut self) {
        for d in 0..self.departments.len() {
            let (start, end, _) = self.departments[d];
            let top = self.orgs[self.org_of[start as usize] as usize].start;
            if start != top {
                self.add(start, top, Kind::Report);
            }
            for i in start + 1..end {
                let boss = self.sample(start, i);
                self.add(i, boss, Kind::Report);
            }
        }
    }

    /// Ties across organizations that keep the network whole and make referrals possible.
    fn connectors(&mut self) {
        // Each organization knows an earlier one: the portfolio is connected.
        for o in 1..self.orgs.len() {
            let (start, end) = (self.orgs[o].start, self.orgs[o].end);
            let a = self.sample(start, end);
            let b = self.sample(0, start);
            self.add(a, b, Kind::Acquaintance);
        }
        // Delivery and support colleagues know each customer.
        let service: Vec<(u32, u32)> = self.departments[..OWN_DEPARTMENTS.len().min(self.departments.len())]
            .iter()
            .filter(|d| d.2 == "delivery" || d.2 == "support")
            .map(|d| (d.0, d.1))
            .collect();
        let customer_orgs: Vec<(u32, u32)> =
            self.orgs.iter().filter(|o| o.relation == Relation::Customer).map(|o| (o.start, o.end)).collect();
        if !service.is_empty() {
            for &(start, end) in &customer_orgs {
                let (s0, s1) = service[self.rng.below(service.len())];
                let a = self.sample(s0, s1);
                let b = self.sample(start, end);
                self.add(a, b, Kind::Delivery);
            }
        }
        // Key people of each prospect know a customer, half the time one the
        // owner knows: a referee who can vouch for the owner.
        let (c0, c1) = self.customers;
        let referees: Vec<u32> =
            self.ties.iter().filter(|t| t.a == 0 && (c0..c1).contains(&t.b)).map(|t| t.b).collect();
        let prospect_orgs: Vec<(u32, u32)> =
            self.orgs.iter().filter(|o| o.relation == Relation::Prospect).map(|o| (o.start, o.end)).collect();
        for (start, end) in prospect_orgs {
            let key: Vec<u32> = (start..end)
                .filter(|&i| matches!(self.role[i as usize], Role::DecisionMaker | Role::Influencer))
                .collect();
            let referrals = 1 + usize::from(self.rng.chance(0.5));
            for _ in 0..referrals {
                if key.is_empty() || c0 == c1 {
                    break;
                }
                let a = key[self.rng.below(key.len())];
                let b = if !referees.is_empty() && self.rng.chance(0.5) {
                    referees[self.rng.below(referees.len())]
                } else {
                    self.sample(c0, c1)
                };
                self.add(a, b, Kind::Referral);
            }
        }
    }

    /// The owner's own contacts beyond their reporting lines.
    fn owner_ties(&mut self) {
        let n = self.n as f64;
        let want = ((100.0 + 30.0 * n.log10()).round() as usize).min((self.n - 1) / 2);
        let own_end = self.orgs[0].end;
        let groups = [
            ((1, own_end), 0.30, Kind::OwnerInternal),
            (self.customers, 0.25, Kind::OwnerCustomer),
            (self.prospects, 0.20, Kind::OwnerProspect),
            (self.market, 0.25, Kind::OwnerMarket),
        ];
        for ((lo, hi), share, kind) in groups {
            if lo >= hi {
                continue;
            }
            let goal = ((want as f64 * share).round() as usize).min((hi - lo) as usize / 2);
            let (mut made, mut tries) = (0, 0);
            while made < goal && tries < 50 * goal + 100 {
                tries += 1;
                let c = lo + self.rng.below((hi - lo) as usize) as u32;
                if self.rng.chance(self.owner_affinity(c, kind)) && self.add(0, c, kind) {
                    made += 1;
                }
            }
        }
    }

    /// How likely the owner is to know contact `c`, given they were drawn.
    fn owner_affinity(&self, c: u32, kind: Kind) -> f64 {
        let role = self.role[c as usize];
        match kind {
            Kind::OwnerInternal => match self.departments[self.dept_of[c as usize] as usize].2 {
                "sales" => 1.0,
                "delivery" | "product" | "engineering" => 0.5,
                _ => 0.3,
            },
            Kind::OwnerCustomer => match role {
                Role::DecisionMaker => 1.0,
                Role::Influencer | Role::Buyer => 0.7,
                _ => 0.3,
            },
            // Prospects: the owner knows the way in more often than the decision maker.
            Kind::OwnerProspect => match role {
                Role::Gatekeeper | Role::Influencer => 1.0,
                Role::Buyer | Role::User => 0.5,
                _ => 0.2,
            },
            _ => 0.5,
        }
    }

    /// About 70% of the remaining ties inside organizations, mostly inside
    /// departments: shared among organizations in proportion to their weight,
    /// at most 80% of an organization's pairs; what small organizations cannot
    /// hold goes to those with room, in proportion to weight again.
    fn intra_organization(&mut self) {
        let remaining = self.target_ties.saturating_sub(self.ties.len());
        let orgs: Vec<(u32, u32, f64)> = self
            .orgs
            .iter()
            .map(|o| (o.start, o.end, self.prefix[o.end as usize] - self.prefix[o.start as usize]))
            .collect();
        let room: Vec<f64> = orgs
            .iter()
            .map(|&(start, end, _)| {
                let size = (end - start) as usize;
                ((size * (size - 1) / 2 * 4 / 5).saturating_sub(size - 1)) as f64
            })
            .collect();
        let mut goal = vec![0.0f64; orgs.len()];
        let mut left = 0.7 * remaining as f64;
        for _ in 0..8 {
            let open_weight: f64 =
                orgs.iter().zip(&goal).zip(&room).filter(|((_, g), r)| g < r).map(|((o, _), _)| o.2).sum();
            if left < 1.0 || open_weight <= 0.0 {
                break;
            }
            let share = left / open_weight;
            left = 0.0;
            for (o, (g, r)) in orgs.iter().zip(goal.iter_mut().zip(&room)) {
                if *g < *r {
                    let want = *g + share * o.2;
                    *g = want.min(*r);
                    left += want - *g;
                }
            }
        }
        let mut carry = 0.0;
        for (o, &(start, end, _)) in orgs.iter().enumerate() {
            let wanted = goal[o] + carry;
            let goal = wanted.floor() as usize;
            carry = wanted - goal as f64;
            if goal == 0 {
                continue;
            }
            let size = (end - start) as usize;
            // Rejection sampling slows down as an organization fills up; small
            // dense ones draw from the list of their open pairs instead.
            if 3.0 * goal as f64 >= room[o] && size * (size - 1) / 2 <= 200_000 {
                self.fill_densely(start, end, goal);
                continue;
            }
            let (mut made, mut tries) = (0, 0);
            while made < goal && tries < 20 * goal + 20 {
                tries += 1;
                let a = self.sample(start, end);
                let (d0, d1, _) = self.departments[self.dept_of[a as usize] as usize];
                let b = if d1 - d0 > 1 && self.rng.chance(0.8) { self.sample(d0, d1) } else { self.sample(start, end) };
                if self.add(a, b, Kind::Colleague) {
                    made += 1;
                }
            }
        }
    }

    /// Ties `goal` open pairs of `start..end`, drawn without replacement in
    /// proportion to the product of the endpoints' weights (four times more
    /// within a department), by Efraimidis-Spirakis keys.
    fn fill_densely(&mut self, start: u32, end: u32, goal: usize) {
        let mut open: Vec<(f64, u32, u32)> = Vec::new();
        for a in start..end {
            for b in a + 1..end {
                let w = self.weight[a as usize] * self.weight[b as usize];
                if w > 0.0 && !self.seen.contains(&pair_key(a, b)) {
                    let same = self.dept_of[a as usize] == self.dept_of[b as usize];
                    let w = if same { 4.0 * w } else { w };
                    open.push((-self.rng.open_unit().ln() / w, a, b));
                }
            }
        }
        open.sort_by(|x, y| x.0.total_cmp(&y.0));
        for &(_, a, b) in open.iter().take(goal) {
            self.add(a, b, Kind::Colleague);
        }
    }

    /// The rest across organizations until the target is met: endpoints by
    /// weight, market people mostly within their industry; uniform pairs if
    /// the weighted draws keep hitting tied pairs.
    fn cross_organization(&mut self) -> Result<()> {
        if self.ties.len() >= self.target_ties {
            return Ok(());
        }
        let alias = Alias::new(&self.weight);
        let mut tries = 0usize;
        let weighted_tries = 20 * self.target_ties + 1_000;
        while self.ties.len() < self.target_ties {
            tries += 1;
            let (a, b) = if tries <= weighted_tries {
                let a = alias.sample(&mut self.rng);
                let b = if a >= self.market.0 && self.rng.chance(0.5) {
                    let industry = self.orgs[self.org_of[a as usize] as usize].industry.unwrap_or(0);
                    let (lo, hi) = self.industry_range[industry];
                    self.sample(lo, hi)
                } else {
                    alias.sample(&mut self.rng)
                };
                (a, b)
            } else if tries <= 2 * weighted_tries {
                (1 + self.rng.below(self.n - 1) as u32, 1 + self.rng.below(self.n - 1) as u32)
            } else {
                return Err(Error::InvalidArgument {
                    name: "ties_per_contact",
                    reason: "too many ties for this many contacts".into(),
                });
            };
            if self.org_of[a as usize] != self.org_of[b as usize] {
                self.add(a, b, Kind::Acquaintance);
            }
        }
        Ok(())
    }

    // ---- output ----------------------------------------------------------------

    fn build(self, dates: &[Date]) -> Result<SalesNetworks> {
        let Generator { mut rng, n, orgs, departments, org_of, dept_of, role, city, ties, seen, .. } = self;
        drop(seen);
        let levels: Vec<RelationshipLevel> = RelationshipLevel::all().collect();
        let width = n.saturating_sub(1).to_string().len().max(6);
        let ids: Vec<String> = (0..n).map(|i| format!("c{i:0width$}")).collect();

        let mut b = SalesNetworks::builder();
        for org in &orgs {
            let mut o = Organization::new(org.name.clone(), org.relation);
            o.industry = org.industry.map(|i| INDUSTRIES[i].to_string());
            o.value = org.value;
            o.attributes.set("city", CITIES[usize::from(org.city)]);
            b.organization(o);
        }
        for (i, id) in ids.iter().enumerate() {
            let name =
                format!("{}{} {}{}", rng.pick(&FIRST_A), rng.pick(&FIRST_B), rng.pick(&LAST_A), rng.pick(&LAST_B));
            let org = &orgs[org_of[i] as usize];
            let mut contact =
                Contact::new(id, name, org.name.clone(), role[i])?.with_department(departments[dept_of[i] as usize].2);
            contact.attributes.set("city", CITIES[usize::from(city[i])]);
            b.contact(contact);
        }
        drop(org_of);
        drop(dept_of);
        for t in ties {
            let mut tie = Tie::new(&ids[t.a as usize], &ids[t.b as usize], levels[usize::from(t.level)])?;
            if t.days != UNDATED {
                tie.last_contact = Some(dates[usize::from(t.days)]);
                tie.attributes.set("channel", CHANNELS[usize::from(t.channel)]);
            }
            b.tie(tie);
        }
        drop(ids);
        b.build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xoshiro_matches_reference_sequence() {
        // Reference: xoshiro256** with state {1, 2, 3, 4} (Vigna's C code).
        let mut rng = Rng { s: [1, 2, 3, 4] };
        let got: Vec<u64> = (0..4).map(|_| rng.next_u64()).collect();
        assert_eq!(got, [11520, 0, 1509978240, 1215971899390074240]);
    }

    #[test]
    fn splitmix_matches_reference_sequence() {
        // Reference: SplitMix64 seeded with 1234567 (Vigna's C code).
        let mut state = 1234567;
        assert_eq!(splitmix64(&mut state), 6457827717110365317);
        assert_eq!(splitmix64(&mut state), 3203168211198807973);
    }

    #[test]
    fn below_and_unit_stay_in_range() {
        let mut rng = Rng::new(9);
        for n in [1usize, 2, 3, 7, 1000] {
            for _ in 0..1000 {
                assert!(rng.below(n) < n);
            }
        }
        for _ in 0..1000 {
            let x = rng.unit();
            assert!((0.0..1.0).contains(&x));
        }
    }

    #[test]
    fn weighted_sampling_follows_weights_and_skips_the_owner() {
        let options = GenerateOptions::new().contacts(200).seed(3);
        let mut g = Generator::new(&options);
        g.plan_organizations();
        let own_end = g.orgs[0].end;
        for _ in 0..10_000 {
            let i = g.sample(0, own_end);
            assert!(i > 0 && i < own_end);
        }
        // Frequencies follow the weights within a few percent.
        let (lo, hi) = g.market;
        let draws = 200_000;
        let mut counts = vec![0usize; (hi - lo) as usize];
        for _ in 0..draws {
            counts[(g.sample(lo, hi) - lo) as usize] += 1;
        }
        let total = g.prefix[hi as usize] - g.prefix[lo as usize];
        let (heaviest, _) = counts.iter().enumerate().max_by_key(|&(_, c)| *c).unwrap();
        let expected = g.weight[lo as usize + heaviest] / total;
        let observed = counts[heaviest] as f64 / draws as f64;
        assert!((observed - expected).abs() < 0.1 * expected, "{observed} vs {expected}");
    }

    #[test]
    fn alias_table_follows_weights() {
        let weights = [0.0, 1.0, 2.0, 7.0];
        let alias = Alias::new(&weights);
        let mut rng = Rng::new(11);
        let mut counts = [0usize; 4];
        let draws = 100_000;
        for _ in 0..draws {
            counts[alias.sample(&mut rng) as usize] += 1;
        }
        assert_eq!(counts[0], 0);
        for i in 1..4 {
            let expected = weights[i] / 10.0;
            let observed = counts[i] as f64 / draws as f64;
            assert!((observed - expected).abs() < 0.01, "{i}: {observed} vs {expected}");
        }
    }

    #[test]
    fn org_sizes_add_up_and_respect_minimum() {
        let mut g = Generator::new(&GenerateOptions::new());
        for total in [4usize, 5, 9, 100, 12_345] {
            let sizes = g.org_sizes(total, 4, 6.0);
            assert_eq!(sizes.iter().sum::<usize>(), total);
            assert!(sizes.iter().all(|&s| s >= 4));
        }
    }
}
