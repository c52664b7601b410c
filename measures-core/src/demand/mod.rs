//! Demand analysis from a case log: what residents ask for, how much of it is
//! failure demand, whether demand is predictable, and how long the service takes
//! end to end from the resident's point of view.
//!
//! Value demand is what the service exists to provide; failure demand is "demand
//! caused by a failure to do something or do something right for the customer"
//! (Seddon, *Freedom from Command and Control*, 2003). The measures follow the
//! systems-thinking practice: failure demand as a share of all demand over time on a
//! p chart, demand volume on an XmR chart, a Pareto of demand types, and end-to-end
//! times on an XmR chart with the capability statement.
//!
//! Open cases are never dropped: every summary counts them and reports their age.
//!
//! ```
//! use measures_core::demand::{Case, CaseLog, DemandClass};
//! use measures_core::demand::time::Timestamp;
//! let t = |s| Timestamp::parse(s).unwrap();
//! let log = CaseLog::new(vec![
//!     Case::new("1", t("2024-01-02"), Some(t("2024-01-05")), DemandClass::Value),
//!     Case::new("2", t("2024-01-03"), None, DemandClass::Failure),
//! ])?;
//! assert_eq!(log.len(), 2);
//! assert_eq!(log.open_count(), 1);
//! # Ok::<(), measures_core::MeasuresError>(())
//! ```

pub mod calendar;
mod case_log;
mod end_to_end;
mod failure;
mod flow;
mod group_capability;
mod pareto;
mod periods;
mod pilot;
mod read;
mod report;
mod summary;
pub mod time;
pub mod units;
mod volume;

pub use case_log::{
    Case, CaseColumns, CaseIds, CaseLog, CaseLogBuilder, CaseRef, DemandClass, NONE,
    PLAUSIBLE_YEARS,
};
pub use end_to_end::{end_to_end, EndToEnd, OpenCase, OpenCases, TimeUnit};
pub use failure::{failure_demand, FailureChart, FailureDemand, TypeBreakdown};
pub use flow::{flow, Flow};
pub use group_capability::{GroupCapability, PeriodTimes};
pub use pareto::{pareto, Pareto, ParetoRow};
pub use periods::{Period, PeriodCounts};
pub use pilot::PilotReport;
pub use read::{CaseLogReader, ReadFailure, CASE_FIELDS};
pub use report::{demand_report, DemandOptions, DemandReport, VolumeChart};
pub use summary::{long_date, AgeProfile, ChangeEffect, MeasureSummary};
pub use units::UnitComparison;
pub use volume::{demand_volume, VolumeBy};
