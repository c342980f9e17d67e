//! The portfolio generator: organizations, departments and roles, then ties
//! in stages (reporting lines, the owner's ties, connectors, ties inside and
//! across organizations), then the records.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use petgraph::graph::NodeIndex;

use jiff::civil::Date;

use super::options::GenerateOptions;
use super::pairs::{PairSet, pair_key};
use super::vocabulary::*;
use crate::error::{Error, Result};
use crate::model::{
    Assembly, Attributes, Contact, Organization, Origin, Relation, RelationshipLevel, Role, SalesNetworks, Tie,
};
use crate::progress::{Progress, Task};
use crate::random::{Rng, WeightedIndex};

/// Days of the last-contact window: dates lie 0 to `WINDOW_DAYS - 1` days before "as of".
const WINDOW_DAYS: usize = 730;
/// `RawTie::days` of an undated tie.
const UNDATED: u16 = u16::MAX;

pub(super) fn date_table(as_of: Date) -> Result<Vec<Date>> {
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

pub(super) struct Generator {
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
    progress: Option<Progress>,
    /// The tie count at which progress is next reported.
    next_report: usize,
}

/// Ties between two progress reports.
const REPORT_EVERY: usize = 1 << 16;

impl Generator {
    pub(super) fn new(options: &GenerateOptions) -> Self {
        let n = options.contacts;
        let target_ties = options.tie_count();
        let mean_degree = 2.0 * options.ties_per_contact;
        let seen = PairSet::with_capacity(target_ties);
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
            progress: options.progress.clone(),
            next_report: 0,
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

    pub(super) fn plan_organizations(&mut self) {
        let n = self.n;
        let own = ((n as f64 * 0.04).round() as usize).max(12); // GenerateOptions::own_size
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
        if self.ties.len() >= self.next_report
            && let Some(progress) = &self.progress
        {
            self.next_report = self.ties.len() + REPORT_EVERY;
            progress.report(Task::Generate, self.ties.len() as u64, 2 * self.target_ties as u64);
        }
        true
    }

    // ---- ties ------------------------------------------------------------------

    /// Reporting lines: each member hangs from an earlier member of their
    /// department (preferentially a heavy one), each head from the top.
    pub(super) fn hierarchy(&mut self) {
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
    pub(super) fn connectors(&mut self) {
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

    /// Makes the first `owners - 1` members of our firm after its top (node
    /// 0) salespeople too, and gives each their own ties as
    /// [`owner_ties`](Self::owner_ties) gives the first. Draws nothing for
    /// one owner, so a one-owner portfolio is the same as before.
    pub(super) fn more_owners(&mut self, owners: usize) {
        for o in 1..owners as u32 {
            self.role[o as usize] = Role::Owner;
        }
        for o in 1..owners as u32 {
            self.ties_of_owner(o);
        }
    }

    /// The owner's own contacts beyond their reporting lines.
    pub(super) fn owner_ties(&mut self) {
        self.ties_of_owner(0);
    }

    /// One owner's own contacts beyond their reporting lines.
    fn ties_of_owner(&mut self, owner: u32) {
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
                if self.rng.chance(self.owner_affinity(c, kind)) && self.add(owner, c, kind) {
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
    pub(super) fn intra_organization(&mut self) {
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
                if w > 0.0 && !self.seen.contains(pair_key(a, b)) {
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
    pub(super) fn cross_organization(&mut self) -> Result<()> {
        if self.ties.len() >= self.target_ties {
            return Ok(());
        }
        let alias = WeightedIndex::new(&self.weight)?;
        let mut tries = 0usize;
        let weighted_tries = 20 * self.target_ties + 1_000;
        while self.ties.len() < self.target_ties {
            tries += 1;
            let (a, b) = if tries <= weighted_tries {
                let a = alias.sample(&mut self.rng) as u32;
                let b = if a >= self.market.0 && self.rng.chance(0.5) {
                    let industry = self.orgs[self.org_of[a as usize] as usize].industry.unwrap_or(0);
                    let (lo, hi) = self.industry_range[industry];
                    self.sample(lo, hi)
                } else {
                    alias.sample(&mut self.rng) as u32
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

    pub(super) fn build(self, dates: &[Date]) -> Result<SalesNetworks> {
        let Generator { mut rng, n, orgs, departments, org_of, dept_of, role, city, ties, seen, progress, .. } = self;
        let placed = ties.len();
        let report = |built: usize| {
            if let Some(progress) = &progress {
                progress.report(Task::Generate, (placed + built) as u64, 2 * placed as u64);
            }
        };
        drop(seen);
        let levels: Vec<RelationshipLevel> = RelationshipLevel::all().collect();
        let width = n.saturating_sub(1).to_string().len().max(6);

        // The records go straight into the checked portfolio (as the builder
        // would put them, numbered from 1 within each kind), sharing the text
        // that repeats: each tie holds its contacts' ids, one `channel` key and
        // one copy of each channel name.
        let files = [std::path::PathBuf::from("<memory>")];
        let at = |i: usize| Origin::Line { file: 0, line: i as u64 + 1 };
        let city_key: Arc<str> = Arc::from("city");
        let cities: Vec<Attributes> =
            CITIES.iter().map(|&c| Attributes::from_pairs(vec![(Arc::clone(&city_key), Arc::from(c))])).collect();
        let organizations = orgs
            .iter()
            .enumerate()
            .map(|(i, org)| {
                let mut o = Organization::new(org.name.clone(), org.relation);
                o.industry = org.industry.map(|i| INDUSTRIES[i].to_string());
                o.value = org.value;
                o.attributes = cities[usize::from(org.city)].clone();
                (o, at(i))
            })
            .collect();
        let mut assembly = Assembly::organizations(organizations, &files)?;
        assembly.reserve(n, ties.len());
        // Each id is written into one reused buffer (no string per contact kept).
        let mut id = String::new();
        for i in 0..n {
            id.clear();
            // Writing to a `String` never fails.
            let _ = write!(id, "c{i:0width$}");
            let name =
                format!("{}{} {}{}", rng.pick(&FIRST_A), rng.pick(&FIRST_B), rng.pick(&LAST_A), rng.pick(&LAST_B));
            let org = &orgs[org_of[i] as usize];
            let mut contact =
                Contact::new(&id, name, org.name.clone(), role[i])?.with_department(departments[dept_of[i] as usize].2);
            contact.attributes = cities[usize::from(city[i])].clone();
            assembly.contact(contact, &at(i), &files)?;
        }
        drop((org_of, dept_of));
        assembly.close_contacts(None)?;
        let channel_key: Arc<str> = Arc::from("channel");
        let channels: Vec<Attributes> =
            CHANNELS.iter().map(|&c| Attributes::from_pairs(vec![(Arc::clone(&channel_key), Arc::from(c))])).collect();
        for (i, t) in ties.into_iter().enumerate() {
            if i % REPORT_EVERY == 0 {
                report(i);
            }
            let make = |source, target| {
                let mut tie = Tie {
                    source,
                    target,
                    level: levels[usize::from(t.level)],
                    last_contact: None,
                    attributes: Attributes::new(),
                };
                if t.days != UNDATED {
                    tie.last_contact = Some(dates[usize::from(t.days)]);
                    tie.attributes = channels[usize::from(t.channel)].clone();
                }
                tie
            };
            let (a, b) = (NodeIndex::new(t.a as usize), NodeIndex::new(t.b as usize));
            assembly.tie_between(a, b, make, &at(i), &files)?;
        }
        report(placed);
        assembly.close_ties(None, at, &files)?;
        assembly.finish(Vec::new(), &files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn org_sizes_add_up_and_respect_minimum() {
        let mut g = Generator::new(&GenerateOptions::new());
        for total in [4usize, 5, 9, 100, 12_345] {
            let sizes = g.org_sizes(total, 4, 6.0);
            assert_eq!(sizes.iter().sum::<usize>(), total);
            assert!(sizes.iter().all(|&s| s >= 4));
        }
    }
}
