//! Deals: the sales funnel's records, and the rules every deal obeys.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::model::{Attributes, ContactId, DealStatus, Role, SalesNetworks, Step};

/// A deal's id: a non-empty string, unique within a portfolio.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DealId(String);

impl DealId {
    /// An id from a string, surrounding white space trimmed (as
    /// [`ContactId::new`]).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a string that is empty or only white space.
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        let trimmed = id.trim();
        if trimmed.is_empty() {
            return Err(Error::InvalidArgument {
                name: "id",
                reason: "a deal id may not be empty or only white space".into(),
            });
        }
        if trimmed.len() == id.len() { Ok(Self(id)) } else { Ok(Self(trimmed.to_string())) }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DealId {
    type Error = Error;
    fn try_from(id: String) -> Result<Self> {
        Self::new(id)
    }
}

impl From<DealId> for String {
    fn from(id: DealId) -> String {
        id.0
    }
}

impl Borrow<str> for DealId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DealId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A deal: one salesperson's opportunity with one organization, at the
/// furthest funnel [`Step`] it reached.
///
/// A portfolio's deals obey these rules (checked when they are read or
/// built): the organization exists; the owner is a salesperson of the
/// portfolio (a contact with role [`Role::Owner`]); the amount, if any, is
/// finite and non-negative; `step_since` is not before `opened`; ids are
/// unique. A lost deal keeps the step where it was lost; a won deal is
/// usually `contracted` or `paid`, but its step is taken as given.
///
/// # Examples
///
/// ```
/// use salesnet::jiff::civil::date;
/// use salesnet::{Deal, DealStatus, Step};
///
/// let deal = Deal::new("d1", "Globex", "me", Step::Proposal, date(2025, 1, 10))?
///     .with_amount(40_000.0)
///     .with_step_since(date(2025, 3, 1));
/// assert_eq!(deal.status, DealStatus::Open);
/// assert_eq!(deal.step.next(), Some(Step::Negotiating));
/// # Ok::<(), salesnet::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deal {
    /// Unique id.
    pub id: DealId,
    /// The buying organization's name.
    pub organization: String,
    /// The salesperson who owns the deal (a contact with role `owner`).
    pub owner: ContactId,
    /// The furthest funnel step reached.
    pub step: Step,
    /// Open, won or lost.
    pub status: DealStatus,
    /// The deal's value, if known; finite and non-negative.
    pub amount: Option<f64>,
    /// When the deal was opened.
    pub opened: Date,
    /// When the deal reached its current step (not before `opened`).
    pub step_since: Date,
    /// Extra columns of the deals file.
    pub attributes: Attributes,
}

impl Deal {
    /// An open deal with no amount, that reached `step` the day it was opened.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for an empty deal or owner id.
    pub fn new(id: &str, organization: impl Into<String>, owner: &str, step: Step, opened: Date) -> Result<Self> {
        Ok(Self {
            id: DealId::new(id)?,
            organization: organization.into(),
            owner: ContactId::new(owner)?,
            step,
            status: DealStatus::Open,
            amount: None,
            opened,
            step_since: opened,
            attributes: Attributes::new(),
        })
    }

    /// Sets the status.
    #[must_use]
    pub fn with_status(mut self, status: DealStatus) -> Self {
        self.status = status;
        self
    }

    /// Sets the amount.
    #[must_use]
    pub fn with_amount(mut self, amount: f64) -> Self {
        self.amount = Some(amount);
        self
    }

    /// Sets the date the deal reached its step.
    #[must_use]
    pub fn with_step_since(mut self, date: Date) -> Self {
        self.step_since = date;
        self
    }

    /// Whether the deal reached `step` (its own step or a later one), won, lost or open.
    pub fn reached(&self, step: Step) -> bool {
        self.step >= step
    }

    /// Whole days from `step_since` to `as_of` (negative if `as_of` is earlier).
    pub fn days_at_step(&self, as_of: Date) -> i64 {
        crate::model::DecayPolicy::days_between(self.step_since, as_of)
    }
}

/// Checks deals against a portfolio, in order; the first problem found is
/// returned. Each deal comes with where it was read: a whole line (CSV) or
/// a record path such as `deals[3]` (JSON), which errors extend with the
/// field.
///
/// # Errors
///
/// [`Error::UnknownOrganization`], [`Error::UnknownContact`] (owner),
/// [`Error::NotASalesperson`], [`Error::InvalidNumber`] (amount),
/// [`Error::DateOrder`] (`step_since` before `opened`), [`Error::DuplicateDeal`].
pub(crate) fn check_deals<'d>(
    networks: &SalesNetworks,
    deals: impl IntoIterator<Item = (&'d Deal, &'d Location)>,
) -> Result<()> {
    let at = |location: &Location, field: &str| {
        let field = match &location.field {
            Some(record) => format!("{record}.{field}"),
            None => field.to_string(),
        };
        Location { field: Some(field), ..location.clone() }
    };
    let mut seen: HashMap<&str, u64> = HashMap::new();
    for (deal, location) in deals {
        if networks.organization(&deal.organization).is_none() {
            return Err(Error::UnknownOrganization {
                name: deal.organization.clone(),
                location: at(location, "organization"),
            });
        }
        match networks.contact(deal.owner.as_str()) {
            None => {
                return Err(Error::UnknownContact { id: deal.owner.to_string(), location: at(location, "owner") });
            }
            Some(c) if c.role != Role::Owner => {
                return Err(Error::NotASalesperson { id: deal.owner.to_string(), location: at(location, "owner") });
            }
            Some(_) => {}
        }
        if let Some(a) = deal.amount
            && !(a.is_finite() && a >= 0.0)
        {
            return Err(Error::InvalidNumber { value: a.to_string(), location: at(location, "amount") });
        }
        if deal.step_since < deal.opened {
            return Err(Error::DateOrder {
                later: "step_since",
                later_date: deal.step_since,
                earlier: "opened",
                earlier_date: deal.opened,
                location: at(location, "step_since"),
            });
        }
        if let Some(&first_line) = seen.get(deal.id.as_str()) {
            return Err(Error::DuplicateDeal { id: deal.id.to_string(), location: at(location, "id"), first_line });
        }
        // A deal's location always names its line (CSV line, JSON record or
        // position in memory).
        seen.insert(deal.id.as_str(), location.line.unwrap_or_default());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_ordered_and_named() {
        assert_eq!(Step::ALL.len(), 6);
        assert!(Step::NewContact < Step::Paid);
        assert_eq!(Step::Paid.next(), None);
        assert_eq!(Step::Introduced.next(), Some(Step::Proposal));
        assert_eq!("negotiating".parse::<Step>().ok(), Some(Step::Negotiating));
        assert!(matches!("closed".parse::<Step>(), Err(Error::UnknownStep { .. })));
        assert!(matches!("pending".parse::<DealStatus>(), Err(Error::UnknownStatus { .. })));
        for (i, s) in Step::ALL.iter().enumerate() {
            assert_eq!(s.index(), i);
            assert_eq!(s.as_str().parse::<Step>().ok(), Some(*s));
        }
    }

    #[test]
    fn empty_ids_are_rejected() {
        assert!(DealId::new("").is_err());
        assert!(Deal::new("d", "Acme", "", Step::NewContact, jiff::civil::date(2025, 1, 1)).is_err());
    }
}
