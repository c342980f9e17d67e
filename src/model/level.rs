//! Relationship levels and tie strengths.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How well the salesperson (or any contact) knows another person, graded
/// 0 to 5 as in the sales-coaching model the crate encodes.
///
/// | level | meaning |
/// |-------|---------|
/// | 0 | no contact: we only know the name |
/// | 1 | remote contact: phone, chat or e-mail |
/// | 2 | met face to face |
/// | 3 | easy rapport: have met outside the office |
/// | 4 | supporter: agrees with our proposal |
/// | 5 | fan / champion: sells for us inside their organization |
///
/// # Examples
///
/// ```
/// use salesnet::RelationshipLevel;
///
/// let level = RelationshipLevel::new(3)?;
/// assert_eq!(level.get(), 3);
/// assert_eq!(level.meaning(), "easy rapport: have met outside the office");
/// assert!(RelationshipLevel::new(6).is_err());
/// # Ok::<(), salesnet::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct RelationshipLevel(u8);

impl RelationshipLevel {
    /// The highest level, 5 (fan / champion).
    pub const MAX: RelationshipLevel = RelationshipLevel(5);
    /// The lowest level, 0 (name known only).
    pub const MIN: RelationshipLevel = RelationshipLevel(0);
    /// Level 0: no contact, we only know the name.
    pub const NO_CONTACT: RelationshipLevel = RelationshipLevel(0);
    /// Level 1: remote contact (phone, chat or e-mail).
    pub const REMOTE: RelationshipLevel = RelationshipLevel(1);
    /// Level 2: met face to face.
    pub const MET: RelationshipLevel = RelationshipLevel(2);
    /// Level 3: easy rapport, have met outside the office.
    pub const RAPPORT: RelationshipLevel = RelationshipLevel(3);
    /// Level 4: supporter, agrees with our proposal.
    pub const SUPPORTER: RelationshipLevel = RelationshipLevel(4);
    /// Level 5: fan / champion, sells for us inside their organization.
    pub const CHAMPION: RelationshipLevel = RelationshipLevel(5);

    /// A level from a number 0 to 5.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a number above 5.
    pub fn new(level: u8) -> Result<Self> {
        if level <= 5 {
            Ok(Self(level))
        } else {
            Err(Error::InvalidArgument {
                name: "level",
                reason: format!("{level} is not a relationship level from 0 to 5"),
            })
        }
    }

    /// The level as a number 0 to 5.
    pub fn get(self) -> u8 {
        self.0
    }

    /// All six levels, lowest first.
    pub fn all() -> impl Iterator<Item = RelationshipLevel> {
        (0..=5).map(RelationshipLevel)
    }

    /// What the level means, in the sales-coaching model's words.
    pub fn meaning(self) -> &'static str {
        match self.0 {
            0 => "no contact: we only know the name",
            1 => "remote contact: phone, chat or e-mail",
            2 => "met face to face",
            3 => "easy rapport: have met outside the office",
            4 => "supporter: agrees with our proposal",
            _ => "fan / champion: sells for us inside their organization",
        }
    }
}

impl TryFrom<u8> for RelationshipLevel {
    type Error = Error;
    fn try_from(level: u8) -> Result<Self> {
        Self::new(level)
    }
}

impl From<RelationshipLevel> for u8 {
    fn from(level: RelationshipLevel) -> u8 {
        level.0
    }
}

impl fmt::Display for RelationshipLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A tie strength in `[0, 1]`: 0 is no usable tie, 1 a fresh tie at the
/// highest level.
///
/// # Examples
///
/// ```
/// use salesnet::Strength;
///
/// assert_eq!(Strength::new(0.25)?.get(), 0.25);
/// assert!(Strength::new(1.5).is_err());
/// assert!(Strength::new(f64::NAN).is_err());
/// # Ok::<(), salesnet::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Strength(f64);

impl Strength {
    /// No tie.
    pub const ZERO: Strength = Strength(0.0);
    /// The strongest tie.
    pub const ONE: Strength = Strength(1.0);

    /// A strength from a number in `[0, 1]`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for NaN or a number outside `[0, 1]`.
    pub fn new(value: f64) -> Result<Self> {
        if (0.0..=1.0).contains(&value) {
            Ok(Self(value))
        } else {
            Err(Error::InvalidArgument { name: "strength", reason: format!("{value} is not in [0, 1]") })
        }
    }

    /// A strength from a number clamped into `[0, 1]` (NaN becomes 0).
    pub(crate) fn saturating(value: f64) -> Self {
        if value.is_nan() { Self(0.0) } else { Self(value.clamp(0.0, 1.0)) }
    }

    /// The strength as a number in `[0, 1]`.
    pub fn get(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Strength {
    type Error = Error;
    fn try_from(value: f64) -> Result<Self> {
        Self::new(value)
    }
}

impl From<Strength> for f64 {
    fn from(s: Strength) -> f64 {
        s.0
    }
}

impl fmt::Display for Strength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3}", self.0)
    }
}
