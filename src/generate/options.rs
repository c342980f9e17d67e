//! What [`portfolio`](super::portfolio) generates.

use crate::progress::Progress;
use jiff::civil::{Date, date};

use crate::error::{Error, Result};

/// The fewest contacts [`portfolio`](super::portfolio) generates.
pub const MIN_CONTACTS: usize = 100;

/// The most contacts [`portfolio`](super::portfolio) generates (ids and node numbers are 32-bit).
pub const MAX_CONTACTS: usize = 100_000_000;

/// The fewest ties per contact (a spanning tree and the owner's ties need about 1.5).
pub const MIN_TIES_PER_CONTACT: f64 = 2.0;

/// What [`portfolio`](super::portfolio) generates.
///
/// | option | default | meaning |
/// |---|---|---|
/// | [`contacts`](Self::contacts) | 1,000 | contacts, the owner included (at least [`MIN_CONTACTS`]) |
/// | [`ties_per_contact`](Self::ties_per_contact) | 10 | ties divided by contacts: the mean degree is twice this |
/// | [`seed`](Self::seed) | 0 | seed of the pseudo-random generator |
/// | [`as_of`](Self::as_of) | 2025-01-01 | last-contact dates lie in the 730 days up to this date |
/// | [`owners`](Self::owners) | 1 | salespeople of our firm (a team): each with their own ties (at most half our firm) |
///
/// The portfolio has exactly `contacts` contacts and
/// [`tie_count`](Self::tie_count) = `round(contacts * ties_per_contact)` ties.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerateOptions {
    pub(super) contacts: usize,
    pub(super) seed: u64,
    pub(super) ties_per_contact: f64,
    pub(super) as_of: Date,
    pub(super) owners: usize,
    pub(super) progress: Option<Progress>,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        Self { contacts: 1_000, seed: 0, ties_per_contact: 10.0, as_of: date(2025, 1, 1), owners: 1, progress: None }
    }
}

impl GenerateOptions {
    /// The defaults: 1,000 contacts, 10 ties per contact, seed 0, as of 2025-01-01.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the number of contacts, the owner included.
    #[must_use]
    pub fn contacts(mut self, contacts: usize) -> Self {
        self.contacts = contacts;
        self
    }

    /// Sets the seed: the same options and seed give the same portfolio.
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets ties per contact (ties = contacts × this; the mean degree is twice this).
    #[must_use]
    pub fn ties_per_contact(mut self, ties_per_contact: f64) -> Self {
        self.ties_per_contact = ties_per_contact;
        self
    }

    /// Sets the "as of" date: last contacts are spread over the 730 days before it.
    #[must_use]
    pub fn as_of(mut self, as_of: Date) -> Self {
        self.as_of = as_of;
        self
    }

    /// Sets the number of salespeople (owners) of our firm: the first is the
    /// firm's top, the others the first members of its departments after
    /// them, each with their own ties to colleagues, customers, prospects and
    /// the market. One salesperson (the default) gives exactly the
    /// single-owner portfolio of the same seed.
    #[must_use]
    pub fn owners(mut self, owners: usize) -> Self {
        self.owners = owners;
        self
    }

    /// The size of our own firm: 4% of the contacts, at least 12.
    pub(super) fn own_size(&self) -> usize {
        ((self.contacts as f64 * 0.04).round() as usize).max(12)
    }

    /// Reports the ties placed and built to `progress`
    /// ([`Task::Generate`](crate::progress::Task::Generate)); the portfolio is the same.
    #[must_use]
    pub fn progress(mut self, progress: Progress) -> Self {
        self.progress = Some(progress);
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

    pub(super) fn validate(&self) -> Result<()> {
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
        let most = self.own_size() / 2;
        if !(1..=most).contains(&self.owners) {
            return Err(Error::InvalidArgument {
                name: "owners",
                reason: format!(
                    "{} is not in 1..={most} (half of our firm) for {} contacts",
                    self.owners, self.contacts
                ),
            });
        }
        Ok(())
    }
}
