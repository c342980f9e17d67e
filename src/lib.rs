//! Social-network analysis of a salesperson's four networks (market,
//! prospect, internal, customer), with the sales playbook on top.
//!
//! A portfolio ([`SalesNetworks`]) holds one or more owners (salespeople of
//! our own firm), the organizations, the contacts and the ties among them in
//! one petgraph graph. Everything above the model reads it *as of a date*:
//! [`SalesNetworks::at`] gives an [`AsOf`], which computes every tie's
//! strength and freshness once and hands out network views and analysis
//! snapshots. The four stage reports, referral paths, exports, pictures and
//! the HTML report take it, and speak for one owner ([`OwnerChoice`]).
//!
//! # Layers
//!
//! Data flows down, never up:
//!
//! | layer | module | what it holds |
//! |---|---|---|
//! | 1 | [`model`] | contacts, organizations, ties, deals, the decay policy, the portfolio and [`AsOf`] |
//! | 2 | [`graph`] | the compact CSR [`Snapshot`](graph::Snapshot) every measure runs on; parallelism |
//! | 3 | [`measures`] | density, structural holes, betweenness (exact and sampled), brokerage, cut points, reach, diversity |
//! | 4 | [`paths`] | referral paths: strongest, k best, constrained |
//! | 5 | [`stages`] | the playbook: one report per sales stage, the funnel |
//! | 6 | [`io`] | CSV folders, JSON, edge lists, GraphML and DOT export, redaction |
//! | | [`history`] | ties inferred from the interaction history |
//! | | [`draw`], [`report`] | SVG pictures of the stages, the self-contained HTML report |
//! | | [`generate`], [`random`] | synthetic portfolios; the seeded random generator |
//!
//! # Example: a stage report
//!
//! ```
//! use salesnet::jiff::civil::date;
//! use salesnet::stages::{self, StageOptions, StageRequest};
//! use salesnet::DecayPolicy;
//!
//! let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sample");
//! let networks = salesnet::io::read_portfolio(folder)?;
//! let as_of = networks.at(date(2026, 11, 1), &DecayPolicy::default());
//! let request = StageRequest::BuyIn { account: "Quayside Insurance".into() };
//! let report = stages::report(&as_of, &request, &StageOptions::new())?;
//! println!("{report}"); // the text report; `serde_json::to_string(&report)` for JSON
//! assert!(report.to_string().starts_with("BUY-IN: Quayside Insurance"));
//! # Ok::<(), salesnet::Error>(())
//! ```
//!
//! The command line (`cargo run --release --example analyze -- <command>`),
//! the file formats and the JSON keys are described in the README.

#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

/// The README's examples, run as doctests (not part of the API).
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

pub mod draw;
pub mod error;
pub mod generate;
pub mod graph;
pub mod history;
pub mod io;
mod markup;
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
    Role, SalesNetworks, SalesNetworksBuilder, Sharing, Stage, Step, Strength, Tie,
};
/// The petgraph version salesnet builds on, re-exported so that callers use the matching one.
pub use petgraph;
