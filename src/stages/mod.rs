//! Layer 5: the sales playbook, one report per stage.
//!
//! Each stage of a sale is won by a different network (see
//! [`Stage::network`](crate::Stage::network)). Each report here answers that
//! stage's questions from the measures and paths below it, as a plain
//! serializable struct that also prints as a readable text report:
//!
//! | call | network | answers |
//! |---|---|---|
//! | [`prospecting`] | market | Do I have enough connections? Which are redundant? Who are my information brokers? |
//! | [`buy_in`] | prospect (one account) | Who decides, how do I reach them, and who can be my middleman? |
//! | [`solution`] | internal | Is my internal network dense and cross-functional? Who is a bottleneck? |
//! | [`closing`] | customer (one target) | Who can vouch for me to this decision maker? |
//! | [`plan`] | all four | Whom do I see, why, and by when? |
//! | [`team`] | all four, every salesperson | Who of us makes the first call? Where does one of us, or one of them, hold it all? |
//!
//! Each stage finds its facts first (the report's fields) and words its
//! advice from those facts alone ([`Recommendation`]s), so the text, the
//! JSON, the HTML report and the [`plan`] all read one set of facts.
//!
//! # Active ties
//!
//! Every report looks at the portfolio *as of* a date: it takes an
//! [`AsOf`] ([`SalesNetworks::at`](crate::SalesNetworks::at)), and speaks
//! for one owner ([`StageOptions::owner`]; by default the portfolio's only
//! one). A tie whose strength under the [`DecayPolicy`](crate::DecayPolicy) is 0 on
//! that date (level 0, or lapsed: a year or more without contact) is no
//! relationship any more: the structure a report measures is made of the
//! **active ties** alone (strength above 0), weighted by their strength
//! where a measure is weighted. Lapsed ties of the owner to important people
//! still show up, in the report's list of relationships to **maintain**.
//!
//! # Thresholds
//!
//! The numbers that turn measures into verdicts are in [`Thresholds`], with
//! documented defaults; every report lists its recommendations with the
//! numbers behind them.

mod buy_in;
mod closing;
mod common;
mod deal_reach;
mod funnel;
mod plan;
mod prospecting;
mod solution;
mod support;
mod team;
mod trend;

pub use buy_in::{BuyInReport, KeyPerson, Middleman, buy_in};
pub use closing::{ClosingReport, Colleague, Referee, closing};
pub use common::{MaintainItem, PathSummary, Person, Recommendation, RecommendationCode, StageOptions, Thresholds};
pub use deal_reach::{CommitteeMember, DealAction, DealFacts, DealMiddleman, DealReferee, NextAction};
pub use funnel::{
    Conversion, Customers, Diagnosis, DiagnosisCode, DormantCustomer, FunnelOptions, FunnelReport, FunnelThresholds,
    OwnerFunnel, OwnerTie, Pipeline, Salespeople, StuckDeal, UsedThresholds, funnel, pipeline,
};
pub use plan::{Action, ActionKind, PlanOptions, PlanReport, plan};
pub use prospecting::{Broker, IndustryShare, ProspectingReport, RedundantContact, Verdict, prospecting};
pub use solution::{
    Bottleneck, DepartmentCoverage, SolutionReport, SolutionTeam, TeamGap, TeamMember, solution, solution_for_account,
    solution_team,
};
pub use team::{
    Coverage, Intro, IntroOption, NetworkSize, RepHold, Risk, RiskCode, Salesperson, TeamOptions, TeamReport, team,
};
pub use trend::{
    AccountPoint, Changes, InternalPoint, MarketPoint, Period, PersonChange, TieChange, TrendPoint, TrendReport,
    period_ends, trend,
};

use serde::Serialize;

use crate::error::Result;
use crate::model::{AsOf, ContactId, Stage};

/// Any one of the four stage reports.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum StageReport {
    /// Stage 1.
    Prospecting(ProspectingReport),
    /// Stage 2.
    BuyIn(BuyInReport),
    /// Stage 3.
    Solution(SolutionReport),
    /// Stage 4.
    Closing(ClosingReport),
}

impl std::fmt::Display for StageReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StageReport::Prospecting(r) => r.fmt(f),
            StageReport::BuyIn(r) => r.fmt(f),
            StageReport::Solution(r) => r.fmt(f),
            StageReport::Closing(r) => r.fmt(f),
        }
    }
}

/// Which report to run, with what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StageRequest {
    /// Stage 1: the market network.
    Prospecting,
    /// Stage 2: one account (an organization name).
    BuyIn {
        /// The account's organization name.
        account: String,
    },
    /// Stage 3: the internal network.
    Solution,
    /// Stage 4: one target person (a contact id).
    Closing {
        /// The contact id of the person to be vouched to.
        target: ContactId,
    },
}

impl StageRequest {
    /// The stage this request is for.
    pub fn stage(&self) -> Stage {
        match self {
            StageRequest::Prospecting => Stage::Prospecting,
            StageRequest::BuyIn { .. } => Stage::BuyIn,
            StageRequest::Solution => Stage::Solution,
            StageRequest::Closing { .. } => Stage::Closing,
        }
    }
}

/// Runs the report a request asks for.
///
/// # Errors
///
/// As the stage's own call: [`Error::InvalidArgument`](crate::Error::InvalidArgument) for an unknown
/// account, [`Error::UnknownNode`](crate::Error::UnknownNode) for an unknown target,
/// [`Error::OwnerRequired`](crate::Error::OwnerRequired) or
/// [`Error::NotAnOwner`](crate::Error::NotAnOwner) for no or a wrong owner.
///
/// # Examples
///
/// ```
/// use salesnet::stages::{self, StageOptions, StageRequest};
/// use salesnet::{DecayPolicy, jiff::civil::date};
///
/// let networks = salesnet::io::read_portfolio("examples/data/sample")?;
/// let as_of = networks.at(date(2026, 11, 1), &DecayPolicy::default());
/// let report = stages::report(&as_of, &StageRequest::Solution, &StageOptions::new())?;
/// assert!(report.to_string().starts_with("SOLUTION"));
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn report(as_of: &AsOf<'_>, request: &StageRequest, options: &StageOptions) -> Result<StageReport> {
    match request {
        StageRequest::Prospecting => prospecting(as_of, options).map(StageReport::Prospecting),
        StageRequest::BuyIn { account } => buy_in(as_of, account, options).map(StageReport::BuyIn),
        StageRequest::Solution => solution(as_of, options).map(StageReport::Solution),
        StageRequest::Closing { target } => closing(as_of, target.as_str(), options).map(StageReport::Closing),
    }
}
