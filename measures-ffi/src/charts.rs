//! The chart constructors: each reads the caller's arrays and options into the
//! core's one `chart` entry.

use crate::handle::MeasuresChart;
use crate::memory::{slice, utf8_strings};
use crate::options::{chart_options, measures_options_default, xmr_settings, MeasuresOptions};
use crate::status::{failed, guard, Failure, MeasuresStatus};
use measures_core::{
    AttributeOptions, ChartData, ChartSpec, CusumOptions, Estimator, EwmaOptions, GCentre,
    GOptions, SubgroupOptions, TransformedOptions, XmrOptions,
};
use std::ffi::c_char;

/// The caller's arrays a chart is made from, borrowed for the call (the labels
/// read into Rust strings).
pub(crate) struct Columns<'a> {
    pub values: &'a [f64],
    pub denominators: Option<&'a [f64]>,
    pub sizes: Option<&'a [usize]>,
    pub labels: Option<Vec<String>>,
}

impl<'a> Columns<'a> {
    /// One value per point, without labels.
    pub unsafe fn values(values: *const f64, len: usize) -> Result<Columns<'a>, Failure> {
        Ok(Columns {
            values: slice(values, len, "values")?,
            denominators: None,
            sizes: None,
            labels: None,
        })
    }
}

/// Make a chart handle: check `out`, read the options (NULL for the defaults), make
/// the chart's specification (`spec` is given the XmR settings, which the options
/// carry), read the data, and call the core's one `chart` entry. Every constructor
/// goes through here.
pub(crate) unsafe fn emit_chart<'a>(
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
    spec: impl FnOnce(XmrOptions) -> Result<ChartSpec, Failure>,
    data: impl FnOnce() -> Result<Columns<'a>, Failure>,
) -> MeasuresStatus {
    guard(|| {
        if out.is_null() {
            return Err((MeasuresStatus::NullPointer, "out is NULL".into()));
        }
        // SAFETY: out is non-null and, by contract, writable.
        *out = std::ptr::null_mut();
        let defaults = measures_options_default();
        // SAFETY: a non-null options pointer points to a valid struct (contract).
        let o = if options.is_null() {
            &defaults
        } else {
            &*options
        };
        let xmr = xmr_settings(o)?;
        let spec = spec(xmr)?;
        let chart_options = chart_options(o, spec.kind())?;
        let columns = data()?;
        let data = ChartData::from_columns(
            &spec,
            columns.values,
            columns.denominators,
            columns.sizes,
            columns.labels.as_deref(),
        )
        .map_err(failed)?;
        let chart = measures_core::chart(&spec, data, &chart_options).map_err(failed)?;
        *out = Box::into_raw(Box::new(MeasuresChart(chart)));
        Ok(())
    })
}

/// The kind of chart `measures_chart` makes, named as the core, Python and the JSON
/// `chart_type` name it.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasuresKind {
    /// XmR chart (individuals; the moving-range chart is the companion).
    Xmr = 0,
    /// Run chart: median, Anhøj rules, no limits.
    Run = 1,
    /// X-bar chart with its R chart (observations cut by `sizes`).
    XbarR = 2,
    /// X-bar chart with its S chart (observations cut by `sizes`).
    XbarS = 3,
    /// p chart: proportion with the attribute (`denominators` needed).
    P = 4,
    /// np chart: number with the attribute (`denominators` needed).
    Np = 5,
    /// c chart: counts (no denominators).
    C = 6,
    /// u chart: events per unit (`denominators` needed).
    U = 7,
    /// Laney p′ chart.
    PPrime = 8,
    /// Laney u′ chart.
    UPrime = 9,
    /// t chart: times between rare events.
    T = 10,
    /// g chart: opportunities or days between rare events.
    G = 11,
    /// Tabular CUSUM (the lower sum is the companion).
    Cusum = 12,
    /// EWMA chart.
    Ewma = 13,
    /// XmR chart computed on the Yeo–Johnson scale, drawn on the measure's own.
    TransformedXmr = 14,
}

/// How an X-bar/S chart forms s̄ (`MeasuresSettings.estimator`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasuresEstimator {
    /// The average of the sᵢ with equal sizes, pooled otherwise.
    Auto = 0,
    /// The average of the sᵢ.
    MeanStdDev = 1,
    /// Pooled √(Σ(nᵢ−1)sᵢ²/Σ(nᵢ−1)).
    PooledStdDev = 2,
}

/// Where a g chart's centre line lies (`MeasuresSettings.g_centre`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasuresGCentre {
    /// The median of the points (qicharts2).
    Median = 0,
    /// The geometric median, 0.693 × the mean (Provost & Murray).
    Geometric = 1,
}

/// What a chart is made from. Every array is the caller's, read during the call
/// only; a NULL array must have length 0 (or is "none" where that is allowed).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct MeasuresData {
    /// The values (for X-bar charts, the observations in time order); NaN is a
    /// missing value, kept as a gap.
    pub values: *const f64,
    /// Number of values.
    pub len: usize,
    /// NULL, or `len` denominators: the p, np, u, p′ and u′ charts' denominators, or
    /// the subgroup sizes behind CUSUM and EWMA values that are subgroup means.
    pub denominators: *const f64,
    /// X-bar charts: the subgroup sizes (they add up to `len`); NULL otherwise.
    pub sizes: *const usize,
    /// Number of subgroup sizes.
    pub sizes_len: usize,
    /// NULL, or one NUL-terminated UTF-8 label per point (per subgroup for X-bar
    /// charts), usually dates (YYYY-MM-DD): they name the points in the SVG's axis,
    /// the JSON and the capability statement. Copied during the call.
    pub labels: *const *const c_char,
}

/// The settings of each kind beyond the shared options (the XmR settings are in
/// `MeasuresOptions`). Initialise with `measures_settings_default`; each kind reads
/// only its own fields.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct MeasuresSettings {
    /// X-bar/S: how s̄ is formed, a `MeasuresEstimator` value.
    pub estimator: u32,
    /// Laney p′ and u′: screen the z-scores' moving ranges first (0 or 1; Laney does not).
    pub screen_z: u8,
    /// g chart: the centre line, a `MeasuresGCentre` value.
    pub g_centre: u32,
    /// CUSUM and EWMA: the target mean; NaN to estimate it from each phase.
    pub target: f64,
    /// CUSUM and EWMA: sigma of one observation; NaN to estimate it (mean moving
    /// range / 1.128).
    pub sigma: f64,
    /// CUSUM: reference value k, in sigma (0.5).
    pub k: f64,
    /// CUSUM: decision interval h, in sigma (5).
    pub h: f64,
    /// CUSUM: head start (fast initial response), in sigma (0).
    pub head_start: f64,
    /// EWMA: weight of the newest point, 0 < λ ≤ 1 (0.2).
    pub lambda: f64,
    /// EWMA: width of the limits in standard errors (3).
    pub l: f64,
    /// Transformed XmR: the Yeo–Johnson λ in [−2, 2]; NaN to fit it to the data.
    pub yeo_johnson_lambda: f64,
}

/// The default settings: X-bar/S auto, no z screening, the g chart's median centre,
/// target and sigma estimated, k = 0.5, h = 5, no head start, λ = 0.2, L = 3, the
/// Yeo–Johnson λ fitted.
#[no_mangle]
pub extern "C" fn measures_settings_default() -> MeasuresSettings {
    MeasuresSettings {
        estimator: 0,
        screen_z: 0,
        g_centre: 0,
        target: f64::NAN,
        sigma: f64::NAN,
        k: 0.5,
        h: 5.0,
        head_start: 0.0,
        lambda: 0.2,
        l: 3.0,
        yeo_johnson_lambda: f64::NAN,
    }
}

/// The core's specification of a chart of `kind` with these settings.
fn spec_of(kind: u32, s: &MeasuresSettings, xmr: XmrOptions) -> Result<ChartSpec, Failure> {
    let bad = |what: &str, value: String| -> Failure {
        (
            MeasuresStatus::InvalidInput,
            format!("{what} = {value} is not one of its values"),
        )
    };
    let given = |x: f64| (!x.is_nan()).then_some(x);
    let attribute = || -> Result<AttributeOptions, Failure> {
        match s.screen_z {
            0 | 1 => Ok(AttributeOptions {
                screen_moving_ranges: s.screen_z == 1,
            }),
            other => Err(bad("settings.screen_z", other.to_string())),
        }
    };
    let subgroup = || -> Result<SubgroupOptions, Failure> {
        let estimator = match s.estimator {
            x if x == MeasuresEstimator::Auto as u32 => Estimator::Auto,
            x if x == MeasuresEstimator::MeanStdDev as u32 => Estimator::MeanStdDev,
            x if x == MeasuresEstimator::PooledStdDev as u32 => Estimator::PooledStdDev,
            other => return Err(bad("settings.estimator", other.to_string())),
        };
        Ok(SubgroupOptions { estimator })
    };
    Ok(match kind {
        x if x == MeasuresKind::Xmr as u32 => ChartSpec::Xmr(xmr),
        x if x == MeasuresKind::Run as u32 => ChartSpec::Run,
        x if x == MeasuresKind::XbarR as u32 => ChartSpec::XbarR(SubgroupOptions::default()),
        x if x == MeasuresKind::XbarS as u32 => ChartSpec::XbarS(subgroup()?),
        x if x == MeasuresKind::P as u32 => ChartSpec::P(attribute()?),
        x if x == MeasuresKind::Np as u32 => ChartSpec::Np(attribute()?),
        x if x == MeasuresKind::C as u32 => ChartSpec::C(attribute()?),
        x if x == MeasuresKind::U as u32 => ChartSpec::U(attribute()?),
        x if x == MeasuresKind::PPrime as u32 => ChartSpec::PPrime(attribute()?),
        x if x == MeasuresKind::UPrime as u32 => ChartSpec::UPrime(attribute()?),
        x if x == MeasuresKind::T as u32 => ChartSpec::T(xmr),
        x if x == MeasuresKind::G as u32 => ChartSpec::G(GOptions {
            centre: match s.g_centre {
                x if x == MeasuresGCentre::Median as u32 => GCentre::Median,
                x if x == MeasuresGCentre::Geometric as u32 => GCentre::Geometric,
                other => return Err(bad("settings.g_centre", other.to_string())),
            },
        }),
        x if x == MeasuresKind::Cusum as u32 => ChartSpec::Cusum(CusumOptions {
            target: given(s.target),
            sigma: given(s.sigma),
            k: s.k,
            h: s.h,
            head_start: s.head_start,
        }),
        x if x == MeasuresKind::Ewma as u32 => ChartSpec::Ewma(EwmaOptions {
            target: given(s.target),
            sigma: given(s.sigma),
            lambda: s.lambda,
            l: s.l,
        }),
        x if x == MeasuresKind::TransformedXmr as u32 => {
            ChartSpec::TransformedXmr(TransformedOptions {
                xmr,
                lambda: given(s.yeo_johnson_lambda),
            })
        }
        other => return Err(bad("kind", format!("{other} (a MeasuresKind)"))),
    })
}

/// Make a chart of any kind (a `MeasuresKind` value) from `data`, with the shared
/// `options` (NULL for the defaults; its XmR fields apply to the XmR, t and
/// transformed XmR charts) and the kind's `settings` (NULL for the defaults).
///
/// `data` and everything it points to are the caller's, read during the call only.
/// `out` receives a new chart handle on success (NULL on failure); the caller owns
/// it and releases it with `measures_chart_free`. A label that is not UTF-8 is
/// refused with INVALID_INPUT naming its index.
#[no_mangle]
pub unsafe extern "C" fn measures_chart(
    kind: u32,
    data: *const MeasuresData,
    options: *const MeasuresOptions,
    settings: *const MeasuresSettings,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    let defaults = measures_settings_default();
    // SAFETY: a non-null settings pointer points to a valid struct (contract).
    let settings = if settings.is_null() {
        &defaults
    } else {
        &*settings
    };
    emit_chart(
        options,
        out,
        |xmr| spec_of(kind, settings, xmr),
        || {
            // SAFETY: a non-null data pointer points to a valid struct (contract).
            let d = data
                .as_ref()
                .ok_or((MeasuresStatus::NullPointer, "data is NULL".to_string()))?;
            let sizes = if d.sizes.is_null() && d.sizes_len == 0 {
                None
            } else {
                Some(slice(d.sizes, d.sizes_len, "data.sizes")?)
            };
            let labels_len = sizes.map_or(d.len, <[usize]>::len);
            Ok(Columns {
                values: slice(d.values, d.len, "data.values")?,
                denominators: if d.denominators.is_null() {
                    None
                } else {
                    Some(slice(d.denominators, d.len, "data.denominators")?)
                },
                sizes,
                labels: if d.labels.is_null() {
                    None
                } else {
                    Some(utf8_strings(d.labels, labels_len, "data.labels")?)
                },
            })
        },
    )
}
