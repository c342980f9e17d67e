//! Tie strength as of a date: the decay policy.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{RelationshipLevel, Strength};

/// How a tie's strength fades with the time since the last contact.
///
/// The strength of a tie of level `L` last met `d` days before the "as of"
/// date is `level_strength(L) * factor(d)`, where `level_strength` is
/// [`DecayPolicy::level_strengths`] (by default `L / 5`) and `factor` is
/// piecewise linear through these anchor points:
///
/// | days since last contact | factor |
/// |---|---|
/// | 0 ..= `fresh_days` (92, a quarter) | 1 |
/// | `half_days` (183, six months) | `half_factor` (0.5) |
/// | `lapse_days` (365, a year) and beyond | 0 |
///
/// Between anchors the factor falls linearly. This keeps the sales-coaching
/// rule of thumb: meeting once a quarter maintains a relationship, after six
/// months without meeting it has faded (to at most half), and after a year
/// there is effectively no relationship.
///
/// A tie without a last-contact date is taken at its level (factor 1). A last
/// contact *after* the "as of" date counts as zero days.
///
/// # Examples
///
/// ```
/// use jiff::civil::date;
/// use salesnet::{DecayPolicy, RelationshipLevel};
///
/// let policy = DecayPolicy::default();
/// let level = RelationshipLevel::new(4)?;
/// let as_of = date(2025, 1, 1);
/// // Met a month ago: full strength for level 4.
/// assert_eq!(policy.strength(level, Some(date(2024, 12, 1)), as_of).get(), 0.8);
/// // Met exactly six months (183 days) ago: half.
/// assert_eq!(policy.strength(level, Some(date(2024, 7, 2)), as_of).get(), 0.4);
/// // Met over a year ago: gone.
/// assert_eq!(policy.strength(level, Some(date(2023, 11, 1)), as_of).get(), 0.0);
/// // Never dated: taken at its level.
/// assert_eq!(policy.strength(level, None, as_of).get(), 0.8);
/// # Ok::<(), salesnet::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecayPolicy {
    fresh_days: u32,
    half_days: u32,
    lapse_days: u32,
    half_factor: f64,
    level_strengths: [f64; 6],
}

impl Default for DecayPolicy {
    fn default() -> Self {
        Self {
            fresh_days: 92,
            half_days: 183,
            lapse_days: 365,
            half_factor: 0.5,
            level_strengths: [0.0, 0.2, 0.4, 0.6, 0.8, 1.0],
        }
    }
}

/// How recent a tie's last contact is, under a [`DecayPolicy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Freshness {
    /// Within `fresh_days` of the last contact: no loss yet.
    Fresh,
    /// Past `fresh_days` but short of `lapse_days`: losing strength.
    Fading,
    /// `lapse_days` or more since the last contact: strength zero.
    Lapsed,
    /// No last-contact date: taken at its level.
    Undated,
}

impl Freshness {
    /// The lowercase name used in reports (`fresh`, `fading`, `lapsed`, `undated`).
    pub fn as_str(self) -> &'static str {
        match self {
            Freshness::Fresh => "fresh",
            Freshness::Fading => "fading",
            Freshness::Lapsed => "lapsed",
            Freshness::Undated => "undated",
        }
    }
}

impl DecayPolicy {
    /// A policy with other anchor days (the half-way factor stays 0.5 and
    /// levels keep `L / 5`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] unless `fresh_days <= half_days <= lapse_days`
    /// and `fresh_days < lapse_days`.
    pub fn with_days(fresh_days: u32, half_days: u32, lapse_days: u32) -> Result<Self> {
        if !(fresh_days <= half_days && half_days <= lapse_days && fresh_days < lapse_days) {
            return Err(Error::InvalidArgument {
                name: "decay days",
                reason: format!(
                    "need fresh <= half <= lapse and fresh < lapse, got {fresh_days}, {half_days}, {lapse_days}"
                ),
            });
        }
        Ok(Self { fresh_days, half_days, lapse_days, ..Self::default() })
    }

    /// Sets the factor reached at `half_days` (default 0.5).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] unless the factor is in `[0, 1]`.
    pub fn half_factor(mut self, factor: f64) -> Result<Self> {
        if !(0.0..=1.0).contains(&factor) {
            return Err(Error::InvalidArgument { name: "half_factor", reason: format!("{factor} is not in [0, 1]") });
        }
        self.half_factor = factor;
        Ok(self)
    }

    /// Sets the strength of a fresh tie at each level 0 to 5 (default
    /// `0, 0.2, 0.4, 0.6, 0.8, 1`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] unless every value is in `[0, 1]` and they
    /// never fall as the level rises.
    pub fn level_strengths(mut self, strengths: [f64; 6]) -> Result<Self> {
        let in_range = strengths.iter().all(|s| (0.0..=1.0).contains(s));
        let rising = strengths.windows(2).all(|w| w[0] <= w[1]);
        if !(in_range && rising) {
            return Err(Error::InvalidArgument {
                name: "level_strengths",
                reason: "strengths must lie in [0, 1] and never fall as the level rises".into(),
            });
        }
        self.level_strengths = strengths;
        Ok(self)
    }

    /// Days within which a tie keeps its full strength (default 92).
    pub fn fresh_days(&self) -> u32 {
        self.fresh_days
    }

    /// Days at which a tie has fallen to the half-way factor (default 183).
    pub fn half_days(&self) -> u32 {
        self.half_days
    }

    /// Days from which a tie has no strength (default 365).
    pub fn lapse_days(&self) -> u32 {
        self.lapse_days
    }

    /// The strength of a fresh tie at `level`.
    pub fn level_strength(&self, level: RelationshipLevel) -> f64 {
        self.level_strengths[usize::from(level.get())]
    }

    /// The factor in `[0, 1]` left after `days` days without contact.
    pub fn factor(&self, days: i64) -> f64 {
        let d = days.max(0) as f64;
        let (fresh, half, lapse) = (f64::from(self.fresh_days), f64::from(self.half_days), f64::from(self.lapse_days));
        if d <= fresh {
            1.0
        } else if d >= lapse {
            0.0
        } else if d <= half {
            // half > fresh here, since fresh < d <= half.
            1.0 - (1.0 - self.half_factor) * (d - fresh) / (half - fresh)
        } else {
            // lapse > half here, since half < d < lapse.
            self.half_factor * (lapse - d) / (lapse - half)
        }
    }

    /// Whole days from `last_contact` to `as_of` (negative if the contact is later).
    pub fn days_between(last_contact: Date, as_of: Date) -> i64 {
        i64::from(as_of.since(last_contact).map(|span| span.get_days()).unwrap_or(0))
    }

    /// The strength of a tie of `level` last met on `last_contact`, as of `as_of`.
    pub fn strength(&self, level: RelationshipLevel, last_contact: Option<Date>, as_of: Date) -> Strength {
        let base = self.level_strength(level);
        let factor = last_contact.map_or(1.0, |last| self.factor(Self::days_between(last, as_of)));
        Strength::saturating(base * factor)
    }

    /// Whether a tie last met on `last_contact` is fresh, fading or lapsed as of `as_of`.
    pub fn freshness(&self, last_contact: Option<Date>, as_of: Date) -> Freshness {
        match last_contact {
            None => Freshness::Undated,
            Some(last) => {
                let d = Self::days_between(last, as_of);
                if d <= i64::from(self.fresh_days) {
                    Freshness::Fresh
                } else if d >= i64::from(self.lapse_days) {
                    Freshness::Lapsed
                } else {
                    Freshness::Fading
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn default_anchor_points() {
        let p = DecayPolicy::default();
        assert_eq!(p.factor(0), 1.0);
        assert_eq!(p.factor(92), 1.0);
        assert_eq!(p.factor(183), 0.5);
        assert_eq!(p.factor(365), 0.0);
        assert_eq!(p.factor(1000), 0.0);
        assert_eq!(p.factor(-5), 1.0);
        assert!(p.factor(120) < 1.0 && p.factor(120) > 0.5);
    }

    #[test]
    fn days_count_calendar_days() {
        assert_eq!(DecayPolicy::days_between(date(2024, 1, 1), date(2025, 1, 1)), 366);
        assert_eq!(DecayPolicy::days_between(date(2025, 1, 2), date(2025, 1, 1)), -1);
    }

    #[test]
    fn rejects_anchors_out_of_order() {
        assert!(DecayPolicy::with_days(200, 100, 365).is_err());
        assert!(DecayPolicy::with_days(10, 10, 10).is_err());
        assert!(DecayPolicy::with_days(30, 30, 60).is_ok());
    }
}
