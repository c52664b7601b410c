//! Failure demand as a share of all demand, per period, on a p chart (Laney's p′ when
//! the volumes make the ordinary limits too narrow), with the breakdown by type.

use super::case_log::{CaseLog, DemandClass};
use super::periods::{phase_starts, Period, PeriodCounts};
use crate::change::{suggest_phases, PhaseSuggestions, SuggestOptions};
use crate::charts::Chart;
use crate::charts::{p_chart, p_prime_chart, AttributeOptions, ChartSpec, OVERDISPERSED};
use crate::error::{MeasuresError, Result};
use crate::options::ChartOptions;
use crate::series::Series;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which chart shows the failure-demand rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureChart {
    /// The p chart, switching to p′ when σ_z reaches 2 in any phase (over-dispersion).
    #[default]
    Auto,
    /// Always the p chart.
    P,
    /// Always Laney's p′ chart.
    PPrime,
}

/// Value and failure demand of one demand type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeBreakdown {
    /// The demand type (`(none)` for cases without one).
    pub demand_type: String,
    /// Value demand cases.
    pub value: usize,
    /// Failure demand cases.
    pub failure: usize,
    /// Cases not classified.
    pub unclassified: usize,
    /// failure / (value + failure); NaN/`null` when none are classified.
    pub failure_share: f64,
}

/// The failure-demand rate over time and by type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailureDemand {
    /// Failure demand received, all periods.
    pub failure: usize,
    /// Value demand received.
    pub value: usize,
    /// Cases without a class (left out of the rate, counted here).
    pub unclassified: usize,
    /// failure / (value + failure) over the whole log.
    pub rate: f64,
    /// The p (or p′) chart of the rate per period; one point per period with any
    /// classified demand, labelled by the period's first day.
    pub chart: Chart,
    /// Whether Laney's p′ chart was chosen.
    pub laney: bool,
    /// Per demand type, most failure demand first.
    pub by_type: Vec<TypeBreakdown>,
    /// Phase starts suggested by its sustained signals (see
    /// [`crate::change::suggest_phases`]); never applied.
    pub suggested_phases: Option<PhaseSuggestions>,
    /// What the reader should know (periods left out, the chart chosen).
    pub notes: Vec<String>,
}

/// Failure demand per `period` on a p or p′ chart. `options` apply to the chart
/// (direction, rules); its phase starts are indices of plotted periods, and each of
/// `changes` starts a phase at the first plotted period on or after it. Incomplete
/// first and last periods are plotted but left out of the limits.
///
/// ```
/// use measures_core::demand::{failure_demand, Case, CaseLog, DemandClass, FailureChart, Period};
/// use measures_core::demand::time::Timestamp;
/// use measures_core::ChartOptions;
/// let t = |s: &str| Timestamp::parse(s).unwrap();
/// let mut cases = Vec::new();
/// for day in 1..=28 {
///     for k in 0..10 {
///         let class = if k < 3 { DemandClass::Failure } else { DemandClass::Value };
///         cases.push(Case::new(format!("{day}-{k}"), t(&format!("2024-02-{day:02}")), None, class));
///     }
/// }
/// let log = CaseLog::new(cases)?;
/// let f = failure_demand(&log, Period::Day, FailureChart::P, &ChartOptions::default(), &[])?;
/// assert_eq!(f.rate, 0.3);
/// assert_eq!(f.chart.len(), 28);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn failure_demand(
    log: &CaseLog,
    period: Period,
    which: FailureChart,
    options: &ChartOptions,
    changes: &[NaiveDate],
) -> Result<FailureDemand> {
    let periods =
        PeriodCounts::spanning(period, log.earliest().local_date, log.latest().local_date);
    let n = periods.starts.len();
    let (mut failure, mut classified) = (vec![0.0; n], vec![0.0; n]);
    let categories = log.types();
    let mut per_type = vec![[0usize; 3]; categories.names.len()];
    let cases = log.classes().iter().zip(log.received());
    for ((class, received), &k) in cases.zip(&categories.codes) {
        let slot = match class {
            DemandClass::Value => 0,
            DemandClass::Failure => 1,
            DemandClass::Unclassified => 2,
        };
        per_type[k as usize][slot] += 1;
        if let (Some(i), true) = (periods.index_of(received.local_date), slot < 2) {
            classified[i] += 1.0;
            if slot == 1 {
                failure[i] += 1.0;
            }
        }
    }
    let types: BTreeMap<&str, [usize; 3]> = categories
        .names
        .iter()
        .map(String::as_str)
        .zip(per_type)
        .collect();
    let (value_total, failure_total, unclassified) = types
        .values()
        .fold((0, 0, 0), |t, c| (t.0 + c[0], t.1 + c[1], t.2 + c[2]));
    if value_total + failure_total == 0 {
        return Err(MeasuresError::InvalidOption {
            name: "demand class",
            reason: "no case is classified as value or failure demand, so there is no failure-demand rate".into(),
        });
    }
    // Periods with no classified demand have no rate: leave them out, and say so.
    let kept: Vec<usize> = (0..n).filter(|&i| classified[i] > 0.0).collect();
    let mut notes = Vec::new();
    if kept.len() < n {
        notes.push(format!(
            "{} of {n} periods had no classified demand and are not plotted",
            n - kept.len()
        ));
    }
    if unclassified > 0 {
        notes.push(format!(
            "{unclassified} cases have no value/failure class and are left out of the rate"
        ));
    }
    let num: Vec<f64> = kept.iter().map(|&i| failure[i]).collect();
    let den: Vec<f64> = kept.iter().map(|&i| classified[i]).collect();
    let labels: Vec<String> = kept
        .iter()
        .map(|&i| periods.starts[i].to_string())
        .collect();
    let mut chart_options = options.clone();
    // Periods without classified demand are not plotted, so changes are placed among
    // the plotted periods.
    let plotted: Vec<NaiveDate> = kept.iter().map(|&i| periods.starts[i]).collect();
    chart_options
        .phase_starts
        .extend(phase_starts(&plotted, changes));
    chart_options.phase_starts.sort_unstable();
    chart_options.phase_starts.dedup();
    chart_options.exclude.extend(
        kept.iter()
            .enumerate()
            .filter(|(_, &i)| !periods.complete[i])
            .map(|(k, _)| k),
    );
    let series = Series::new(&num)?
        .with_denominators(&den)?
        .with_labels(&labels)?;
    let settings = AttributeOptions::default();
    let (chart, laney) = match which {
        FailureChart::P => (p_chart(series, &chart_options, &settings)?, false),
        FailureChart::PPrime => (p_prime_chart(series, &chart_options, &settings)?, true),
        FailureChart::Auto => {
            let p = p_chart(series, &chart_options, &settings)?;
            let worst = p.phases.iter().map(|ph| ph.dispersion).fold(0.0, f64::max);
            if worst >= OVERDISPERSED {
                notes.push(format!(
                    "the rate varies {worst:.1} times as much as the binomial model allows with these volumes, \
                     so Laney's p' chart is shown (the p chart's limits would flag ordinary variation)"
                ));
                (p_prime_chart(series, &chart_options, &settings)?, true)
            } else {
                (p, false)
            }
        }
    };
    let mut by_type: Vec<TypeBreakdown> = types
        .into_iter()
        .map(|(name, [value, failure, unclassified])| TypeBreakdown {
            demand_type: name.to_string(),
            value,
            failure,
            unclassified,
            failure_share: failure as f64 / (value + failure) as f64,
        })
        .collect();
    by_type.sort_by(|a, b| {
        b.failure
            .cmp(&a.failure)
            .then_with(|| a.demand_type.cmp(&b.demand_type))
    });
    Ok(FailureDemand {
        failure: failure_total,
        value: value_total,
        unclassified,
        rate: failure_total as f64 / (value_total + failure_total) as f64,
        suggested_phases: suggest_phases(
            &if laney {
                ChartSpec::PPrime(settings)
            } else {
                ChartSpec::P(settings)
            },
            series.into(),
            &chart_options,
            &SuggestOptions::default(),
        )
        .ok(),
        chart,
        laney,
        by_type,
        notes,
    })
}
