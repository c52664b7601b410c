//! The constructors from before `measures_chart` (ABI 0.4), kept so that programs
//! built against them go on working: each is `measures_chart` with its kind, its
//! settings passed as arguments, and no labels.

use crate::charts::{emit_chart, Columns};
use crate::handle::MeasuresChart;
use crate::memory::slice;
use crate::options::MeasuresOptions;
use crate::status::MeasuresStatus;
use measures_core::{
    AttributeOptions, ChartSpec, CusumOptions, EwmaOptions, GOptions, SubgroupOptions, XmrOptions,
};

/// Make a chart of one column of values (see `emit_chart`).
unsafe fn values_chart(
    values: *const f64,
    len: usize,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
    spec: impl FnOnce(XmrOptions) -> ChartSpec,
) -> MeasuresStatus {
    emit_chart(
        options,
        out,
        |xmr| Ok(spec(xmr)),
        || Columns::values(values, len),
    )
}

/// Build an XmR chart from `len` values.
///
/// `values`: caller-owned, read during the call only; NULL allowed only when `len` is 0
/// (which then fails with TOO_FEW_POINTS). `options`: may be NULL for the defaults.
/// `out`: receives a new chart handle on success (NULL on failure); the caller owns it
/// and releases it with `measures_chart_free`.
#[no_mangle]
pub unsafe extern "C" fn measures_xmr(
    values: *const f64,
    len: usize,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    values_chart(values, len, options, out, ChartSpec::Xmr)
}

/// Build a run chart (median, Anhøj rules) from `len` values. Ownership as `measures_xmr`;
/// the XmR fields of `options` are ignored.
#[no_mangle]
pub unsafe extern "C" fn measures_run(
    values: *const f64,
    len: usize,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    values_chart(values, len, options, out, |_| ChartSpec::Run)
}

/// Build a t chart (times between rare events, all above 0) from `len` values.
/// Ownership as `measures_xmr`; the XmR fields of `options` apply to the
/// transformed scale.
#[no_mangle]
pub unsafe extern "C" fn measures_t_chart(
    values: *const f64,
    len: usize,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    values_chart(values, len, options, out, ChartSpec::T)
}

/// Build a g chart (opportunities or days between rare events, 0 or more) from `len`
/// values. Ownership as `measures_xmr`; the XmR fields of `options` are ignored.
#[no_mangle]
pub unsafe extern "C" fn measures_g_chart(
    values: *const f64,
    len: usize,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    values_chart(values, len, options, out, |_| {
        ChartSpec::G(GOptions::default())
    })
}

/// Build an X-bar chart with its R chart (`with_std_dev` false) or S chart (true) as
/// companion, from `len` observations in time order cut into `groups` subgroups of
/// `sizes[k]` observations each (they must add up to `len`).
///
/// `observations` and `sizes`: caller-owned, read during the call only. `options`:
/// may be NULL; XmR fields are ignored. `out`: a new chart handle, released with
/// `measures_chart_free`; its companion is reached with `measures_chart_companion`.
#[no_mangle]
pub unsafe extern "C" fn measures_xbar_chart(
    observations: *const f64,
    len: usize,
    sizes: *const usize,
    groups: usize,
    with_std_dev: bool,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    let settings = SubgroupOptions::default();
    let spec = if with_std_dev {
        ChartSpec::XbarS(settings)
    } else {
        ChartSpec::XbarR(settings)
    };
    emit_chart(
        options,
        out,
        |_| Ok(spec),
        || {
            Ok(Columns {
                values: slice(observations, len, "observations")?,
                denominators: None,
                sizes: Some(slice(sizes, groups, "sizes")?),
                labels: None,
            })
        },
    )
}

/// Build a tabular CUSUM (the upper sum; the lower sum is the companion) from `len`
/// individual values. `target` and `sigma`: the in-control mean and sigma, or NaN to
/// estimate them (mean, mean moving range / 1.128). `k`, `h`, `head_start`: in sigma
/// (0.5, 5 and 0 are the usual choices). Ownership as `measures_xmr`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn measures_cusum(
    values: *const f64,
    len: usize,
    target: f64,
    sigma: f64,
    k: f64,
    h: f64,
    head_start: f64,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    let settings = CusumOptions {
        target: (!target.is_nan()).then_some(target),
        sigma: (!sigma.is_nan()).then_some(sigma),
        k,
        h,
        head_start,
    };
    values_chart(values, len, options, out, |_| ChartSpec::Cusum(settings))
}

/// Build an EWMA chart from `len` individual values with weight `lambda` (0 < λ ≤ 1,
/// 0.2 usual) and limit width `l` (3 usual); `target` and `sigma` as for
/// `measures_cusum`. Ownership as `measures_xmr`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn measures_ewma(
    values: *const f64,
    len: usize,
    target: f64,
    sigma: f64,
    lambda: f64,
    l: f64,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    let settings = EwmaOptions {
        target: (!target.is_nan()).then_some(target),
        sigma: (!sigma.is_nan()).then_some(sigma),
        lambda,
        l,
    };
    values_chart(values, len, options, out, |_| ChartSpec::Ewma(settings))
}

/// Which attribute chart `measures_attribute_chart` builds.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasuresAttributeChart {
    /// p chart: proportion of cases with an attribute (numerator ≤ denominator).
    P = 0,
    /// np chart: number of cases with an attribute.
    Np = 1,
    /// c chart: counts (denominators ignored; pass NULL).
    C = 2,
    /// u chart: events per unit of opportunity.
    U = 3,
    /// Laney p′ chart.
    PPrime = 4,
    /// Laney u′ chart.
    UPrime = 5,
}

/// Build a p, np, c, u, p′ or u′ chart (`kind` is a `MeasuresAttributeChart`).
///
/// `numerators` and `denominators`: caller-owned arrays of `len` values, read during
/// the call only; `denominators` may be NULL for a c chart (and must be, to avoid an
/// error). `options`: may be NULL; its XmR fields are ignored. `out`: receives a new
/// chart handle (release with `measures_chart_free`), NULL on failure.
#[no_mangle]
pub unsafe extern "C" fn measures_attribute_chart(
    kind: u32,
    numerators: *const f64,
    denominators: *const f64,
    len: usize,
    options: *const MeasuresOptions,
    out: *mut *mut MeasuresChart,
) -> MeasuresStatus {
    let settings = AttributeOptions::default();
    let spec = |_| match kind {
        x if x == MeasuresAttributeChart::P as u32 => Ok(ChartSpec::P(settings)),
        x if x == MeasuresAttributeChart::Np as u32 => Ok(ChartSpec::Np(settings)),
        x if x == MeasuresAttributeChart::C as u32 => Ok(ChartSpec::C(settings)),
        x if x == MeasuresAttributeChart::U as u32 => Ok(ChartSpec::U(settings)),
        x if x == MeasuresAttributeChart::PPrime as u32 => Ok(ChartSpec::PPrime(settings)),
        x if x == MeasuresAttributeChart::UPrime as u32 => Ok(ChartSpec::UPrime(settings)),
        other => Err((
            MeasuresStatus::InvalidInput,
            format!("kind = {other} is not a MeasuresAttributeChart value"),
        )),
    };
    emit_chart(options, out, spec, || {
        Ok(Columns {
            values: slice(numerators, len, "numerators")?,
            denominators: if denominators.is_null() {
                None
            } else {
                Some(slice(denominators, len, "denominators")?)
            },
            sizes: None,
            labels: None,
        })
    })
}
