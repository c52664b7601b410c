//! The one way in: a [`ChartSpec`], the data and the shared options give a chart,
//! whatever its kind.

use super::attribute::{c_chart, np_chart, p_chart, p_prime_chart, u_chart, u_prime_chart};
use super::cusum::cusum_chart;
use super::ewma::ewma_chart;
use super::model::Chart;
use super::rare::{g_chart, t_chart};
use super::run::run_chart;
use super::spec::ChartSpec;
use super::subgroup::{xbar_r_chart, xbar_s_chart};
use super::transformed::transformed_xmr_chart;
use super::xmr::xmr_chart;
use crate::error::{MeasuresError, Result};
use crate::labels::LabelSlice;
use crate::options::ChartOptions;
use crate::series::Series;
use crate::subgroups::Subgroups;

/// What a chart is drawn from: one value per point (with denominators or subgroup
/// sizes for the charts that take them), or observations cut into subgroups (the
/// X-bar charts).
#[derive(Debug, Clone, Copy)]
pub enum ChartData<'a> {
    /// One value per point.
    Series(Series<'a>),
    /// Observations in subgroups.
    Subgroups(Subgroups<'a>),
}

impl<'a> ChartData<'a> {
    /// The data a chart of `spec` takes, from the flat columns a binding holds:
    /// `values` with their `denominators` (or subgroup sizes as floats, for the
    /// charts that take them) and `labels`; for an X-bar chart, `values` are the
    /// observations and `sizes` the subgroup sizes, and `labels` name the subgroups.
    ///
    /// ```
    /// use measures_core::{ChartData, ChartSpec, ChartType};
    /// let spec = ChartSpec::of(ChartType::XbarR)?;
    /// let data = ChartData::from_columns(&spec, &[1.0, 2.0, 3.0, 4.0], None, Some(&[2, 2]), None)?;
    /// assert!(matches!(data, ChartData::Subgroups(g) if g.len() == 2));
    /// assert!(ChartData::from_columns(&spec, &[1.0, 2.0], None, None, None).is_err());
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn from_columns(
        spec: &ChartSpec,
        values: &'a [f64],
        denominators: Option<&'a [f64]>,
        sizes: Option<&'a [usize]>,
        labels: Option<&'a [String]>,
    ) -> Result<ChartData<'a>> {
        Self::from_labelled_columns(
            spec,
            values,
            denominators,
            sizes,
            labels.map(LabelSlice::Text),
        )
    }

    /// As [`ChartData::from_columns`], with labels of any kind: text, or dates and
    /// times kept as numbers (see [`crate::labels`]).
    ///
    /// ```
    /// use measures_core::labels::LabelSlice;
    /// use measures_core::{ChartData, ChartSpec, ChartType};
    /// let spec = ChartSpec::of(ChartType::Xmr)?;
    /// let days = [19_723, 19_724, 19_725];
    /// let data = ChartData::from_labelled_columns(&spec, &[1.0, 2.0, 3.0], None, None, Some(LabelSlice::Days(&days)))?;
    /// assert!(matches!(data, ChartData::Series(s) if s.position("2024-01-02")? == 1));
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn from_labelled_columns(
        spec: &ChartSpec,
        values: &'a [f64],
        denominators: Option<&'a [f64]>,
        sizes: Option<&'a [usize]>,
        labels: Option<LabelSlice<'a>>,
    ) -> Result<ChartData<'a>> {
        let refuse = |name: &'static str, reason: &str| MeasuresError::InvalidOption {
            name,
            reason: format!("a {} chart {reason}", spec.kind().name()),
        };
        if spec.takes_subgroups() {
            if denominators.is_some() {
                return Err(refuse(
                    "denominators",
                    "takes observations and subgroup sizes, not denominators",
                ));
            }
            let sizes = sizes.ok_or_else(|| refuse("sizes", "needs the subgroup sizes"))?;
            let groups = Subgroups::new(values, sizes)?;
            return Ok(ChartData::Subgroups(match labels {
                Some(l) => groups.with_label_slice(l)?,
                None => groups,
            }));
        }
        if sizes.is_some() {
            return Err(refuse(
                "sizes",
                "takes one value per point; subgroup sizes are for the X-bar charts",
            ));
        }
        let mut series = Series::new(values)?;
        if let Some(d) = denominators {
            series = series.with_denominators(d)?;
        }
        if let Some(l) = labels {
            series = series.with_label_slice(l)?;
        }
        Ok(ChartData::Series(series))
    }
}

impl<'a> From<Series<'a>> for ChartData<'a> {
    fn from(series: Series<'a>) -> Self {
        ChartData::Series(series)
    }
}

impl<'a> From<Subgroups<'a>> for ChartData<'a> {
    fn from(groups: Subgroups<'a>) -> Self {
        ChartData::Subgroups(groups)
    }
}

/// Compute the chart `spec` asks for from `data`, with the shared `options`: the
/// same as calling the kind's own function ([`xmr_chart`], [`run_chart`], [`p_chart`], …).
///
/// X-bar charts take [`Subgroups`]; every other kind a [`Series`]. The wrong one is
/// refused with [`MeasuresError::InvalidOption`] naming `data`.
///
/// ```
/// use measures_core::{chart, ChartOptions, ChartSpec, Series, Subgroups, SubgroupOptions};
/// let counts = [4.0, 9.0, 5.0];
/// let c = chart(&ChartSpec::C(Default::default()), Series::new(&counts)?, &ChartOptions::default())?;
/// assert_eq!(c.centre[0], 6.0);
/// let obs = [10.0, 12.0, 11.0, 13.0, 9.0, 11.0];
/// let groups = Subgroups::new(&obs, &[3, 3])?;
/// let xbar = chart(&ChartSpec::XbarR(SubgroupOptions::default()), groups, &ChartOptions::default())?;
/// assert_eq!(xbar.values, vec![11.0, 11.0]);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
pub fn chart<'a>(
    spec: &ChartSpec,
    data: impl Into<ChartData<'a>>,
    options: &ChartOptions,
) -> Result<Chart> {
    use ChartData::{Series as One, Subgroups as Groups};
    match (spec, data.into()) {
        (ChartSpec::Xmr(settings), One(s)) => xmr_chart(s, options, settings),
        (ChartSpec::Run, One(s)) => run_chart(s, options),
        (ChartSpec::P(settings), One(s)) => p_chart(s, options, settings),
        (ChartSpec::Np(settings), One(s)) => np_chart(s, options, settings),
        (ChartSpec::C(settings), One(s)) => c_chart(s, options, settings),
        (ChartSpec::U(settings), One(s)) => u_chart(s, options, settings),
        (ChartSpec::PPrime(settings), One(s)) => p_prime_chart(s, options, settings),
        (ChartSpec::UPrime(settings), One(s)) => u_prime_chart(s, options, settings),
        (ChartSpec::T(settings), One(s)) => t_chart(s, options, settings),
        (ChartSpec::G(settings), One(s)) => g_chart(s, options, settings),
        (ChartSpec::Cusum(settings), One(s)) => cusum_chart(s, options, settings),
        (ChartSpec::Ewma(settings), One(s)) => ewma_chart(s, options, settings),
        (ChartSpec::TransformedXmr(settings), One(s)) => {
            transformed_xmr_chart(s, options, settings)
        }
        (ChartSpec::XbarR(settings), Groups(groups)) => xbar_r_chart(groups, options, settings),
        (ChartSpec::XbarS(settings), Groups(groups)) => xbar_s_chart(groups, options, settings),
        (ChartSpec::XbarR(_) | ChartSpec::XbarS(_), One(_)) => Err(wrong_data(
            spec,
            "observations cut into subgroups (with subgroup sizes), not one value per point",
        )),
        (_, Groups(_)) => Err(wrong_data(
            spec,
            "one value per point, not subgroups (use an X-bar chart for subgroups)",
        )),
    }
}

fn wrong_data(spec: &ChartSpec, wants: &str) -> MeasuresError {
    MeasuresError::InvalidOption {
        name: "data",
        reason: format!("a {} chart takes {wants}", spec.kind().name()),
    }
}
