#![doc = include_str!("../README.md")]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod draw;
pub mod error;
pub mod generate;
pub mod graph;
pub mod history;
pub mod io;
pub mod measures;
pub mod model;
pub mod paths;
pub mod progress;
pub mod random;
pub mod report;
pub mod stages;

pub use error::{DateFormat, Error, Location, MAX_ECHO, Redacted, Result};
/// The jiff version salesnet's dates come from (`jiff::civil::Date`), re-exported so that callers use the matching one.
pub use jiff;
pub use model::{
    AsOf, Attributes, Contact, ContactId, DatedTie, Deal, DealId, DealStatus, DecayPolicy, Freshness, Interaction,
    InteractionDate, InteractionKind, NetworkKind, NetworkView, Organization, OwnerChoice, Relation, RelationshipLevel,
    Role, SalesNetworks, SalesNetworksBuilder, Stage, Step, Strength, Tie,
};
/// The petgraph version salesnet builds on, re-exported so that callers use the matching one.
pub use petgraph;
