//! Layer 4: referral paths.
//!
//! On a [`Snapshot`](crate::graph::Snapshot): the best path between two
//! nodes, the `k` best loopless alternatives, and the best path to many
//! targets from many sources in one search, under a [`Cost`](crate::graph::Cost)
//! (hops, inverse, neglog) and constraints ([`PathOptions`]). A
//! [`PathFinder`] is a reusable workspace: its queries cost what they
//! explore, not the size of the graph.
//!
//! On a portfolio: [`referral_paths`] and [`referral_paths_many`] find
//! introduction chains between contacts with tie strengths as of a date, and
//! explain every hop (who, organization, role, level, last contact, strength).

mod referral;
mod search;
mod yen;

pub use referral::{Hop, ReferralOptions, ReferralPath, referral_paths, referral_paths_many};
pub use search::{Path, PathFinder, PathOptions, Search, best_path, best_paths_many, k_best_paths};
