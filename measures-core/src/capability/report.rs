//! Everything a capability question needs, from one chart: the statement of the
//! phase, a normality check on its values, the indices by the method asked for, and
//! the share within a threshold. The CLI, Python and C all call this one function.

use super::indices::{capability, Capability, CapabilityOptions};
use super::normality::{
    anderson_darling, box_cox_capability, percentile_capability, BoxCox, Normality,
    PercentileCapability,
};
use super::specification::Specification;
use super::statement::{capability_statement, CapabilityStatement, StatementOptions};
use super::within::{within_threshold, WithinThreshold};
use crate::charts::Chart;
use crate::error::{MeasuresError, Result};
use crate::options::Direction;
use serde::{Deserialize, Serialize};

/// How the indices treat the shape of the data.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexMethod {
    /// Normal theory (Cp, Cpk, Pp, Ppk, …).
    #[default]
    Normal,
    /// ISO 22514-2 percentiles.
    Percentile,
    /// Normal theory after a Box–Cox transform; λ estimated unless given.
    BoxCox {
        /// The power to use; `None` to estimate it.
        lambda: Option<f64>,
    },
}

/// What to put in a capability report.
///
/// ```
/// use measures_core::capability::ReportOptions;
/// let o = ReportOptions::default();
/// assert!(o.specification.is_none() && o.threshold.is_none());
/// assert_eq!(o.level, 0.95);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportOptions {
    /// Phase, floor, unit and decimals of the statement.
    pub statement: StatementOptions,
    /// Specification limits; without them there are no indices.
    pub specification: Option<Specification>,
    /// Confidence level of every interval.
    pub level: f64,
    /// How the indices are computed.
    pub method: IndexMethod,
    /// Report the share of values that met this threshold.
    pub threshold: Option<f64>,
    /// Which side of the threshold meets it. `Neither` infers it from a one-sided
    /// specification (an upper limit only: at or below).
    pub direction: Direction,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            statement: StatementOptions::default(),
            specification: None,
            level: 0.95,
            method: IndexMethod::Normal,
            threshold: None,
            direction: Direction::Neither,
        }
    }
}

/// Box–Cox indices with the transform they used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoxCoxIndices {
    /// The transform.
    pub transform: BoxCox,
    /// Indices on the transformed scale.
    pub indices: Capability,
}

/// The statement, normality check, indices and share within a threshold of one phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapabilityReport {
    /// What the phase predictably delivers, or its signals.
    pub statement: CapabilityStatement,
    /// Anderson–Darling on the phase's values; `None` with fewer than 8 or no variation.
    pub normality: Option<Normality>,
    /// Normal-theory indices (with a specification and the normal method).
    pub indices: Option<Capability>,
    /// Percentile indices (with the percentile method).
    pub percentile: Option<PercentileCapability>,
    /// Box–Cox indices (with the Box–Cox method).
    pub box_cox: Option<BoxCoxIndices>,
    /// The share within the threshold, when one was given.
    pub within_threshold: Option<WithinThreshold>,
}

/// A capability report of a chart's phase (the latest by default). The indices use
/// the phase's points that fed its limits, so exclusions and baselines apply; when
/// the phase is not predictable every index carries a note saying so.
///
/// ```
/// use measures_core::capability::{capability_report, ReportOptions, Specification};
/// use measures_core::{xmr_chart, ChartOptions, Series, XmrOptions};
/// let days = [10.0, 12.0, 11.0, 13.0, 12.0, 11.0, 10.0, 12.0, 13.0, 11.0, 12.0, 10.0];
/// let chart = xmr_chart(Series::new(&days)?, &ChartOptions::default(), &XmrOptions::default())?;
/// let options = ReportOptions { specification: Some(Specification::upper(20.0)), threshold: Some(12.0), ..Default::default() };
/// let r = capability_report(&chart, &options)?;
/// assert!(r.statement.predictable);
/// assert!(r.indices.unwrap().cpk.unwrap().value > 1.0);
/// assert_eq!(r.within_threshold.unwrap().met, 10);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn capability_report(chart: &Chart, options: &ReportOptions) -> Result<CapabilityReport> {
    // Options may arrive deserialised (Python, C), so check the limits here too.
    if let Some(s) = &options.specification {
        Specification::new(s.lower, s.upper, s.target)?;
    }
    super::specification::check_level(options.level)?;
    let statement = capability_statement(chart, &options.statement)?;
    let values: Vec<f64> = (statement.first..=statement.last)
        .filter(|&i| chart.used[i])
        .map(|i| chart.values[i])
        .collect();
    let normality = if values.len() >= 8 {
        match anderson_darling(&values) {
            Ok(n) => Some(n),
            Err(MeasuresError::NoVariation { .. }) => None,
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    let settings = CapabilityOptions {
        level: options.level,
        within: None,
    };
    let (mut indices, mut percentile, mut box_cox) = (None, None, None);
    match (&options.specification, options.method) {
        (Some(spec), IndexMethod::Normal) => indices = Some(capability(&values, spec, &settings)?),
        (Some(spec), IndexMethod::Percentile) => {
            percentile = Some(percentile_capability(&values, spec)?)
        }
        (Some(spec), IndexMethod::BoxCox { lambda }) => {
            let (transform, indices) = box_cox_capability(&values, spec, &settings, lambda)?;
            box_cox = Some(BoxCoxIndices { transform, indices });
        }
        (None, IndexMethod::Normal) => {}
        (None, _) => {
            return Err(MeasuresError::InvalidSpecification {
                reason: "the percentile and Box-Cox methods need specification limits; give a lower and/or an upper limit".into(),
            })
        }
    }
    if !statement.predictable {
        let caveat = "the process is not predictable (see the statement): these indices describe the past, not what it will deliver";
        for c in indices
            .iter_mut()
            .chain(box_cox.iter_mut().map(|b| &mut b.indices))
        {
            c.notes.insert(0, caveat.into());
        }
        if let Some(p) = percentile.as_mut() {
            p.notes.insert(0, caveat.into());
        }
    }
    let within = match options.threshold {
        None => None,
        Some(t) => {
            let spec = options.specification.as_ref();
            let direction = match (
                options.direction,
                spec.and_then(|s| s.lower),
                spec.and_then(|s| s.upper),
            ) {
                (Direction::Neither, None, Some(_)) => Direction::LowerIsBetter,
                (Direction::Neither, Some(_), None) => Direction::HigherIsBetter,
                (d, _, _) => d,
            };
            Some(within_threshold(&values, t, direction, options.level)?)
        }
    };
    Ok(CapabilityReport {
        statement,
        normality,
        indices,
        percentile,
        box_cox,
        within_threshold: within,
    })
}
