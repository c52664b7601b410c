//! Capability: what a process predictably achieves, and the statistical indices.
//!
//! Two views of the same question, kept side by side:
//!
//! - **The capability statement** ([`capability_statement`]), the systems-thinking
//!   view: from a stable control chart, "this process will deliver between L and U;
//!   on average A". If the chart shows special causes the process is not predictable,
//!   and the statement says so and names the signals instead of quoting a range.
//! - **Capability indices** ([`capability`], [`subgroup_capability`]): Cp, Cpk, Cpm,
//!   Pp, Ppk and their one-sided parts against specification limits, with confidence
//!   intervals and expected and observed out-of-specification rates; for data that
//!   are not normal, the Anderson–Darling test ([`anderson_darling`]), the
//!   ISO 22514-2 percentile method ([`percentile_capability`]) and the Box–Cox
//!   transform ([`box_cox`], [`box_cox_capability`]).
//! - **Attribute capability** ([`binomial_capability`], [`poisson_capability`]) and
//!   **the share within a threshold** ([`within_threshold`]), the honest replacement
//!   for a target.
//!
//! [`capability_report`] puts them together for one chart phase, as the CLI,
//! Python and C report them.
//!
//! Indices only mean something for a process in statistical control: compute them
//! on a stable phase, and read the statement first.

mod attribute;
mod indices;
mod normality;
mod report;
mod specification;
mod statement;
mod verdict;
mod within;

pub use attribute::{binomial_capability, poisson_capability, AttributeCapability};
pub use indices::{
    capability, subgroup_capability, Capability, CapabilityOptions, OutOfSpec, WithinSigma,
};
pub use normality::{
    anderson_darling, box_cox, box_cox_capability, percentile_capability, BoxCox, Normality,
    PercentileCapability,
};
pub use report::{capability_report, BoxCoxIndices, CapabilityReport, IndexMethod, ReportOptions};
pub(crate) use specification::check_level;
pub use specification::{Estimate, Specification};
pub use statement::{capability_statement, CapabilityStatement, StatementOptions};
pub use verdict::{
    judge_predictability, Finding, OutlierSides, Predictability, VerdictOptions, VerdictTest,
};
pub use within::{within_threshold, WithinThreshold};
