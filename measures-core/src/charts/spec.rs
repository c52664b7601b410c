//! What a chart is asked for and what it used: every chart kind with its own
//! settings ([`ChartSpec`], the one way in), and the settings as used that a
//! result carries ([`Method`]).
//!
//! The settings of the moving-range and subgroup estimators ([`XmrOptions`],
//! [`SubgroupOptions`]) live with the estimators, below the charts; the rest live
//! here, where both the request and the result model can name them.

use super::kind::ChartType;
use crate::error::{MeasuresError, Result};
use crate::estimators::moving_range::XmrOptions;
use crate::estimators::subgroup::SubgroupOptions;
use crate::transform::Transform;
use serde::{Deserialize, Deserializer, Serialize};

/// A chart to compute: its kind with that kind's own settings. [`crate::chart`]
/// takes it with the data and the shared options, so every caller (the CLI, Python,
/// C) dispatches once.
///
/// ```
/// use measures_core::{chart, ChartOptions, ChartSpec, ChartType, Series, XmrOptions};
/// let spec = ChartSpec::Xmr(XmrOptions::textbook());
/// let result = chart(&spec, Series::new(&[49.6, 47.6, 49.9, 51.3, 47.8])?, &ChartOptions::default())?;
/// assert_eq!(result.chart_type, ChartType::Xmr);
/// assert_eq!(spec.kind(), ChartType::Xmr);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartSpec {
    /// XmR chart (individuals and moving range).
    Xmr(XmrOptions),
    /// Run chart: median, Anhøj rules, no limits.
    Run,
    /// X-bar chart of subgroups, σ from the ranges; companion R chart.
    XbarR(SubgroupOptions),
    /// X-bar chart of subgroups, σ from the standard deviations; companion S chart.
    XbarS(SubgroupOptions),
    /// Proportion defective.
    P(AttributeOptions),
    /// Number defective.
    Np(AttributeOptions),
    /// Count of defects.
    C(AttributeOptions),
    /// Defects per unit.
    U(AttributeOptions),
    /// Laney p′.
    PPrime(AttributeOptions),
    /// Laney u′.
    UPrime(AttributeOptions),
    /// t chart: times between rare events.
    T(XmrOptions),
    /// g chart: opportunities or days between rare events.
    G(GOptions),
    /// Tabular CUSUM.
    Cusum(CusumOptions),
    /// EWMA chart.
    Ewma(EwmaOptions),
    /// XmR chart computed on the Yeo–Johnson scale, drawn on the measure's own.
    TransformedXmr(TransformedOptions),
}

impl ChartSpec {
    /// The kind of chart this asks for (the result's `chart_type`).
    pub fn kind(&self) -> ChartType {
        match self {
            ChartSpec::Xmr(_) => ChartType::Xmr,
            ChartSpec::Run => ChartType::Run,
            ChartSpec::XbarR(_) => ChartType::XbarR,
            ChartSpec::XbarS(_) => ChartType::XbarS,
            ChartSpec::P(_) => ChartType::P,
            ChartSpec::Np(_) => ChartType::Np,
            ChartSpec::C(_) => ChartType::C,
            ChartSpec::U(_) => ChartType::U,
            ChartSpec::PPrime(_) => ChartType::PPrime,
            ChartSpec::UPrime(_) => ChartType::UPrime,
            ChartSpec::T(_) => ChartType::T,
            ChartSpec::G(_) => ChartType::G,
            ChartSpec::Cusum(_) => ChartType::Cusum,
            ChartSpec::Ewma(_) => ChartType::Ewma,
            ChartSpec::TransformedXmr(_) => ChartType::TransformedXmr,
        }
    }

    /// The chart of `kind` with its settings read from `settings` (any serde
    /// format; a field left out takes its default). A companion-only kind (the
    /// moving-range, R, S and lower-CUSUM charts come with their main chart) is
    /// refused with [`MeasuresError::InvalidOption`], and so are settings that do
    /// not read.
    ///
    /// ```
    /// use measures_core::{ChartSpec, ChartType, GCentre, GOptions};
    /// let settings = serde_json::json!({"centre": "geometric"});
    /// let spec = ChartSpec::with_settings(ChartType::G, settings)?;
    /// assert_eq!(spec, ChartSpec::G(GOptions { centre: GCentre::Geometric }));
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn with_settings<'de, D: Deserializer<'de>>(
        kind: ChartType,
        settings: D,
    ) -> Result<ChartSpec>
    where
        D::Error: std::fmt::Display,
    {
        let bad = |e: D::Error| MeasuresError::InvalidOption {
            name: "settings",
            reason: format!("for a {} chart: {e}", kind.name()),
        };
        let read = |d: D| -> Result<ChartSpec> {
            Ok(match kind {
                ChartType::Xmr => ChartSpec::Xmr(XmrOptions::deserialize(d).map_err(bad)?),
                ChartType::Run => {
                    serde::de::IgnoredAny::deserialize(d).map_err(bad)?;
                    ChartSpec::Run
                }
                ChartType::XbarR => ChartSpec::XbarR(SubgroupOptions::deserialize(d).map_err(bad)?),
                ChartType::XbarS => ChartSpec::XbarS(SubgroupOptions::deserialize(d).map_err(bad)?),
                ChartType::P => ChartSpec::P(AttributeOptions::deserialize(d).map_err(bad)?),
                ChartType::Np => ChartSpec::Np(AttributeOptions::deserialize(d).map_err(bad)?),
                ChartType::C => ChartSpec::C(AttributeOptions::deserialize(d).map_err(bad)?),
                ChartType::U => ChartSpec::U(AttributeOptions::deserialize(d).map_err(bad)?),
                ChartType::PPrime => {
                    ChartSpec::PPrime(AttributeOptions::deserialize(d).map_err(bad)?)
                }
                ChartType::UPrime => {
                    ChartSpec::UPrime(AttributeOptions::deserialize(d).map_err(bad)?)
                }
                ChartType::T => ChartSpec::T(XmrOptions::deserialize(d).map_err(bad)?),
                ChartType::G => ChartSpec::G(GOptions::deserialize(d).map_err(bad)?),
                ChartType::Cusum => ChartSpec::Cusum(CusumOptions::deserialize(d).map_err(bad)?),
                ChartType::Ewma => ChartSpec::Ewma(EwmaOptions::deserialize(d).map_err(bad)?),
                ChartType::TransformedXmr => {
                    ChartSpec::TransformedXmr(TransformedOptions::deserialize(d).map_err(bad)?)
                }
                companion => {
                    return Err(MeasuresError::InvalidOption {
                        name: "chart type",
                        reason: format!(
                            "a {} chart comes with its main chart and is not asked for on its own",
                            companion.name()
                        ),
                    })
                }
            })
        };
        read(settings)
    }

    /// The chart of `kind` with default settings.
    ///
    /// ```
    /// use measures_core::{ChartSpec, ChartType, XmrOptions};
    /// assert_eq!(ChartSpec::of(ChartType::Xmr)?, ChartSpec::Xmr(XmrOptions::default()));
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn of(kind: ChartType) -> Result<ChartSpec> {
        ChartSpec::with_settings(
            kind,
            serde::de::value::MapDeserializer::<
                std::iter::Empty<(String, String)>,
                serde::de::value::Error,
            >::new(std::iter::empty()),
        )
    }

    /// Whether the chart takes subgroups (observations cut by subgroup sizes)
    /// rather than one value per point.
    pub fn takes_subgroups(&self) -> bool {
        matches!(self, ChartSpec::XbarR(_) | ChartSpec::XbarS(_))
    }
}

/// Settings of a transformed XmR chart.
///
/// ```
/// use measures_core::TransformedOptions;
/// assert_eq!(TransformedOptions::default().lambda, None); // fitted to the data
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TransformedOptions {
    /// XmR settings on the transformed scale.
    pub xmr: XmrOptions,
    /// The Yeo–Johnson λ, in [−2, 2]; `None` to fit it to the points used.
    pub lambda: Option<f64>,
}

/// Settings of an attribute chart.
///
/// ```
/// use measures_core::AttributeOptions;
/// assert!(!AttributeOptions::default().screen_moving_ranges);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AttributeOptions {
    /// Laney charts: screen the z-scores' moving ranges at 3.267 × their mean before
    /// estimating σ_z (as for XmR charts). Laney (2002) does not screen; off by default.
    pub screen_moving_ranges: bool,
}

/// σ_z at or above which a note is added and Laney's p′ (u′) chart is the one to
/// read: the points vary at least twice as much as the binomial or Poisson model allows.
pub const OVERDISPERSED: f64 = 2.0;

/// Nelson's power: times between events are close to normal after y^(1/3.6).
pub const T_POWER: f64 = 3.6;

/// The theoretical median of a geometric distribution as a multiple of its mean,
/// ln 2 rounded (Provost & Murray, *The Health Care Data Guide*, 2011, p. 228).
pub const G_MEDIAN_FACTOR: f64 = 0.693;

/// Where a g chart's centre line lies; its limits come from the mean either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GCentre {
    /// The median of the points used, as qicharts2 has drawn it since 2017
    /// (`qic.g` in `R/helper.functions.R`: `stats::median(x$y[base])`).
    #[default]
    Median,
    /// The geometric distribution's median, 0.693·ḡ (Provost & Murray 2011, p. 228;
    /// qicharts2 uses it only when the user gives the centre).
    Geometric,
}

/// g chart settings.
///
/// ```
/// use measures_core::{GCentre, GOptions};
/// assert_eq!(GOptions::default().centre, GCentre::Median);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GOptions {
    /// The centre line.
    pub centre: GCentre,
}

/// Settings of a CUSUM (and, with `lambda` and `l`, of an EWMA): the target μ0 and σ
/// default to the estimates from the points used in each phase (the mean, and the
/// mean moving range / 1.128).
///
/// ```
/// let o = measures_core::CusumOptions::default();
/// assert_eq!((o.k, o.h, o.head_start), (0.5, 5.0, 0.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CusumOptions {
    /// Target μ0; `None` for the mean of the points used.
    pub target: Option<f64>,
    /// σ of one observation; `None` to estimate it from the moving ranges (only
    /// without subgroup sizes).
    pub sigma: Option<f64>,
    /// Reference value k, in σ (half the shift to detect).
    pub k: f64,
    /// Decision interval h, in σ.
    pub h: f64,
    /// Head start (fast initial response), in σ; 0 for none, h/2 is usual.
    pub head_start: f64,
}

impl Default for CusumOptions {
    fn default() -> Self {
        CusumOptions {
            target: None,
            sigma: None,
            k: 0.5,
            h: 5.0,
            head_start: 0.0,
        }
    }
}

/// The CUSUM settings as used, with the target and σ of each phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CusumUsed {
    /// Reference value k.
    pub k: f64,
    /// Decision interval h.
    pub h: f64,
    /// Head start.
    pub head_start: f64,
    /// Target per phase.
    pub targets: Vec<f64>,
    /// σ per phase.
    pub sigmas: Vec<f64>,
}

/// Settings of an EWMA chart; target and σ default to estimates per phase as for
/// [`CusumOptions`].
///
/// ```
/// let o = measures_core::EwmaOptions::default();
/// assert_eq!((o.lambda, o.l), (0.2, 3.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EwmaOptions {
    /// Target μ0; `None` for the mean of the points used.
    pub target: Option<f64>,
    /// σ of one observation; `None` to estimate it from the moving ranges.
    pub sigma: Option<f64>,
    /// Weight of the newest point, 0 < λ ≤ 1.
    pub lambda: f64,
    /// Width of the limits in standard errors of z.
    pub l: f64,
}

impl Default for EwmaOptions {
    fn default() -> Self {
        EwmaOptions {
            target: None,
            sigma: None,
            lambda: 0.2,
            l: 3.0,
        }
    }
}

/// The EWMA settings as used, with the target and σ of each phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EwmaUsed {
    /// λ.
    pub lambda: f64,
    /// L.
    pub l: f64,
    /// Target per phase.
    pub targets: Vec<f64>,
    /// σ per phase.
    pub sigmas: Vec<f64>,
}

/// The chart-specific method and its settings, as used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// XmR (individuals and moving range) settings.
    Xmr(XmrOptions),
    /// Run chart: median centre line, no limits.
    Run,
    /// Subgroup chart settings.
    Subgroup(SubgroupOptions),
    /// Attribute chart settings.
    Attribute(AttributeOptions),
    /// t chart: the XmR settings used on the transformed times.
    T(XmrOptions),
    /// g chart settings (the centre line).
    G(GOptions),
    /// CUSUM settings, with the target and sigma used.
    Cusum(CusumUsed),
    /// EWMA settings, with the target and sigma used.
    Ewma(EwmaUsed),
    /// Transformed XmR: the XmR settings and the transform used.
    TransformedXmr {
        /// XmR settings on the transformed scale.
        xmr: XmrOptions,
        /// The transform (its λ fitted or given).
        transform: Transform,
    },
}

impl Method {
    /// The transform the chart's limits and rules were computed on, if any: the t
    /// chart's power, the transformed XmR's Yeo–Johnson.
    ///
    /// ```
    /// use measures_core::{t_chart, ChartOptions, Series, XmrOptions};
    /// let chart = t_chart(Series::new(&[3.0, 9.0, 4.0, 12.0])?, &ChartOptions::default(), &XmrOptions::default())?;
    /// assert!(chart.method.transform().is_some());
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn transform(&self) -> Option<Transform> {
        match self {
            Method::T(_) => Some(Transform::Power { power: T_POWER }),
            Method::TransformedXmr { transform, .. } => Some(*transform),
            _ => None,
        }
    }

    /// The XmR settings behind the limits, for charts whose limits come from moving
    /// ranges (XmR, t, transformed XmR).
    pub fn xmr_chart(&self) -> Option<&XmrOptions> {
        match self {
            Method::Xmr(x) | Method::T(x) | Method::TransformedXmr { xmr: x, .. } => Some(x),
            _ => None,
        }
    }
}
