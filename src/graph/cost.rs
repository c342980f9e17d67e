//! Edge costs and weightings shared by betweenness and path queries.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::Snapshot;

/// How a tie's weight (strength) becomes a cost for shortest paths.
///
/// | cost | cost of a tie of weight `w` | best path |
/// |---|---|---|
/// | `Hops` | 1 | fewest introductions |
/// | `Inverse` | `1 / w` | strong ties preferred, weak ties dearer |
/// | `NegLog` | `-ln w` | greatest product of strengths: the chain most likely to hold |
///
/// A tie of weight 0 is no tie for paths under every cost. `NegLog` needs
/// weights in `[0, 1]` (strengths); see [`Cost::check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cost {
    /// Every usable tie costs 1.
    Hops,
    /// A tie costs `1 / weight`.
    #[default]
    Inverse,
    /// A tie costs `-ln(weight)`.
    NegLog,
}

impl Cost {
    /// The cost of a tie of this weight; `None` if the tie is unusable (weight 0).
    #[inline]
    pub fn of(self, weight: f64) -> Option<f64> {
        if weight <= 0.0 {
            return None;
        }
        Some(match self {
            Cost::Hops => 1.0,
            Cost::Inverse => 1.0 / weight,
            Cost::NegLog => -weight.ln(),
        })
    }

    /// Checks that every weight of `graph` gives a non-negative cost (for
    /// `NegLog`: no weight above 1).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] naming the first offending edge.
    pub fn check(self, graph: &Snapshot) -> Result<()> {
        if self != Cost::NegLog {
            return Ok(());
        }
        match graph.edges().find(|&(_, _, w)| w > 1.0) {
            None => Ok(()),
            Some((u, v, w)) => Err(Error::InvalidArgument {
                name: "cost",
                reason: format!(
                    "neglog needs weights in [0, 1], but `{}` - `{}` has weight {w}",
                    graph.id(u),
                    graph.id(v)
                ),
            }),
        }
    }

    /// The lowercase name (`hops`, `inverse`, `neglog`).
    pub fn as_str(self) -> &'static str {
        match self {
            Cost::Hops => "hops",
            Cost::Inverse => "inverse",
            Cost::NegLog => "neglog",
        }
    }
}

impl fmt::Display for Cost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Cost {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "hops" => Ok(Cost::Hops),
            "inverse" => Ok(Cost::Inverse),
            "neglog" => Ok(Cost::NegLog),
            other => Err(Error::InvalidArgument {
                name: "cost",
                reason: format!("`{other}` is not one of hops, inverse, neglog"),
            }),
        }
    }
}

/// Whether a measure uses edge weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weighting {
    /// Every edge counts 1.
    #[default]
    Unweighted,
    /// Edge weights are tie strengths (Burt's tie investment).
    Strength,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_weight_is_no_tie() {
        for c in [Cost::Hops, Cost::Inverse, Cost::NegLog] {
            assert_eq!(c.of(0.0), None);
        }
        assert_eq!(Cost::Inverse.of(0.5), Some(2.0));
        assert_eq!(Cost::NegLog.of(1.0), Some(-0.0));
    }
}
