//! Attribute capability: the average defective rate (binomial) or defects per unit
//! (Poisson) of a stable p or u chart, with an exact confidence interval, and the
//! process Z (Minitab "Methods and formulas: binomial and Poisson capability").

use super::specification::{check_level, Estimate};
use crate::charts::check_attribute_data as check;
use crate::charts::ChartType;
use crate::error::Result;
use crate::series::Series;
use crate::stats::{clopper_pearson, normal_quantile, poisson_interval};
use serde::{Deserialize, Serialize};

/// What a stable attribute process delivers on average.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributeCapability {
    /// "binomial" (defectives out of items) or "poisson" (defects per unit).
    pub model: String,
    /// Total defectives (or defects).
    pub events: f64,
    /// Total items inspected (or units of opportunity).
    pub exposure: f64,
    /// p̄ = Σd/Σn (or ū = Σc/Σn) with its exact interval: Clopper–Pearson for the
    /// binomial, Garwood's chi-square interval for the Poisson.
    pub rate: Estimate,
    /// The rate in parts (or defects) per million.
    pub ppm: f64,
    /// Binomial only: process Z = Φ⁻¹(1 − p̄), with the interval from the rate's
    /// (a higher Z is better: Z = 3 is 1,350 ppm defective).
    pub process_z: Option<Estimate>,
    /// Confidence level.
    pub level: f64,
}

/// Binomial capability of a p chart's data: defectives per period as the values,
/// items inspected as the denominators. Pass the periods of a stable phase.
///
/// ```
/// use measures_core::capability::binomial_capability;
/// use measures_core::Series;
/// let late = [5.0, 7.0, 4.0, 6.0];
/// let cases = [100.0, 120.0, 90.0, 110.0];
/// let c = binomial_capability(Series::new(&late)?.with_denominators(&cases)?, 0.95)?;
/// assert!((c.rate.value - 22.0 / 420.0).abs() < 1e-15);
/// assert!(c.process_z.unwrap().value > 1.5);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn binomial_capability(series: Series<'_>, level: f64) -> Result<AttributeCapability> {
    check_level(level)?;
    let sizes = check(&series, ChartType::P)?;
    let (events, exposure) = totals(&series, &sizes)?;
    let p = events / exposure;
    let (lower, upper) = clopper_pearson(events, exposure, level);
    // Z falls as the defective rate rises, so the rate's upper limit gives Z's lower.
    // With no defective (or nothing but defectives) Z is infinite: there is none.
    // Φ⁻¹(1 − r) as −Φ⁻¹(r): no cancellation for the tiny rates of large exposures.
    let z = |rate: f64| -normal_quantile(rate);
    let process_z = (p > 0.0 && p < 1.0).then(|| Estimate {
        value: z(p),
        lower: z(upper),
        upper: z(lower),
    });
    Ok(AttributeCapability {
        model: "binomial".into(),
        events,
        exposure,
        rate: Estimate {
            value: p,
            lower,
            upper,
        },
        ppm: p * 1e6,
        process_z,
        level,
    })
}

/// The events and the exposure over every period, refused when either sum passes
/// the largest float (the rate would come out 0 or NaN).
fn totals(series: &Series<'_>, sizes: &[f64]) -> Result<(f64, f64)> {
    let events: f64 = series.values().iter().sum();
    let exposure: f64 = sizes.iter().sum();
    if events.is_finite() && exposure.is_finite() {
        Ok((events, exposure))
    } else {
        Err(crate::error::MeasuresError::Overflow {
            what: "the total of the events or of the exposure",
            phase: 0,
        })
    }
}

/// Poisson capability of a u chart's data: defects per period as the values, units
/// of opportunity as the denominators. Pass the periods of a stable phase.
///
/// ```
/// use measures_core::capability::poisson_capability;
/// use measures_core::Series;
/// let complaints = [12.0, 9.0, 15.0];
/// let thousand_cases = [2.0, 1.5, 2.5];
/// let c = poisson_capability(Series::new(&complaints)?.with_denominators(&thousand_cases)?, 0.95)?;
/// assert_eq!(c.rate.value, 6.0);
/// assert!(c.rate.lower < 6.0 && c.rate.upper > 6.0);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn poisson_capability(series: Series<'_>, level: f64) -> Result<AttributeCapability> {
    check_level(level)?;
    let sizes = check(&series, ChartType::U)?;
    let (events, exposure) = totals(&series, &sizes)?;
    let u = events / exposure;
    let (lower, upper) = poisson_interval(events, exposure, level);
    Ok(AttributeCapability {
        model: "poisson".into(),
        events,
        exposure,
        rate: Estimate {
            value: u,
            lower,
            upper,
        },
        ppm: u * 1e6,
        process_z: None,
        level,
    })
}
