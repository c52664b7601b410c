//! The options every chart takes, as a C struct, and their reading into the core's.

use crate::memory::slice;
use crate::status::{Failure, MeasuresStatus};
use measures_core::{
    Baseline, CentreLine, ChartOptions, ChartType, Direction, LimitConstant, RuleConfig, RuleSet,
    Spread, XmrOptions,
};

/// Improvement direction.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasuresDirection {
    /// No direction.
    Neither = 0,
    /// Higher is better.
    Higher = 1,
    /// Lower is better.
    Lower = 2,
}

/// Special-cause rule set.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasuresRuleSet {
    /// The chart's default: NHS for XmR charts, Anhøj for run charts.
    Default = 0,
    /// NHS Making Data Count.
    Nhs = 1,
    /// Western Electric.
    WesternElectric = 2,
    /// Nelson.
    Nelson = 3,
    /// Anhøj runs rules.
    Anhoej = 4,
    /// Only points outside the limits.
    Limits = 5,
    /// No rules.
    None = 6,
}

/// Chart options. Initialise with `measures_options_default` and change what you need.
/// Arrays are borrowed for the duration of the call that receives the options.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct MeasuresOptions {
    /// Improvement direction: a `MeasuresDirection` value (an integer so that a bad
    /// value is refused with INVALID_INPUT instead of being undefined behaviour).
    pub direction: u32,
    /// Target for the assurance icon; NaN for none.
    pub target: f64,
    /// Rule set: a `MeasuresRuleSet` value.
    pub rules: u32,
    /// Shift length; 0 for the rule set's default.
    pub shift: usize,
    /// Trend length; 0 for the rule set's default.
    pub trend: usize,
    /// Zero-based indices where new phases start (may be NULL when the count is 0).
    pub phase_starts: *const usize,
    /// Number of phase starts.
    pub phase_starts_len: usize,
    /// Zero-based indices of points left out of the limit calculation (NULL when 0).
    pub exclude: *const usize,
    /// Number of excluded points.
    pub exclude_len: usize,
    /// Compute each phase's limits from its first N points; 0 for all points.
    pub baseline_points: usize,
    /// XmR: median centre line instead of the mean (0 or 1; a byte, not a `bool`, so
    /// that any other value is refused with INVALID_INPUT rather than being undefined
    /// behaviour, and so that C# and other callers lay it out without a marshalling rule).
    pub median_centre: u8,
    /// XmR: limits from the median moving range (3.145) instead of the mean (2.66) (0 or 1).
    pub median_moving_range: u8,
    /// XmR: use 3/1.128 instead of Making Data Count's 2.66 (0 or 1).
    pub textbook_constant: u8,
    /// XmR: screen moving ranges above 3.267 × their mean (0 or 1; default 1).
    pub screen_moving_ranges: u8,
}

/// The shared chart options, with the rule set a chart of `kind` runs when only
/// run lengths are given.
pub(crate) unsafe fn chart_options(
    o: &MeasuresOptions,
    kind: ChartType,
) -> Result<ChartOptions, Failure> {
    let set = match o.rules {
        x if x == MeasuresRuleSet::Default as u32 => None,
        x if x == MeasuresRuleSet::Nhs as u32 => Some(RuleSet::Nhs),
        x if x == MeasuresRuleSet::WesternElectric as u32 => Some(RuleSet::WesternElectric),
        x if x == MeasuresRuleSet::Nelson as u32 => Some(RuleSet::Nelson),
        x if x == MeasuresRuleSet::Anhoej as u32 => Some(RuleSet::Anhoej),
        x if x == MeasuresRuleSet::Limits as u32 => Some(RuleSet::Limits),
        x if x == MeasuresRuleSet::None as u32 => Some(RuleSet::None),
        other => {
            return Err((
                MeasuresStatus::InvalidInput,
                format!("options.rules = {other} is not a MeasuresRuleSet value"),
            ))
        }
    };
    let direction = match o.direction {
        x if x == MeasuresDirection::Neither as u32 => Direction::Neither,
        x if x == MeasuresDirection::Higher as u32 => Direction::HigherIsBetter,
        x if x == MeasuresDirection::Lower as u32 => Direction::LowerIsBetter,
        other => {
            return Err((
                MeasuresStatus::InvalidInput,
                format!("options.direction = {other} is not a MeasuresDirection value"),
            ))
        }
    };
    let nonzero = |x: usize| (x > 0).then_some(x);
    let rules = match (set, nonzero(o.shift), nonzero(o.trend)) {
        (None, None, None) => None,
        (set, shift, trend) => Some(RuleConfig {
            set: set.unwrap_or(kind.default_rules()),
            shift,
            trend,
        }),
    };
    if o.target.is_infinite() {
        return Err((
            MeasuresStatus::NonFinite,
            "target is infinite; use NaN for no target".into(),
        ));
    }
    Ok(ChartOptions {
        direction,
        target: (!o.target.is_nan()).then_some(o.target),
        rules,
        phase_starts: slice(o.phase_starts, o.phase_starts_len, "phase_starts")?.to_vec(),
        baseline: nonzero(o.baseline_points).map(Baseline::FirstPoints),
        exclude: slice(o.exclude, o.exclude_len, "exclude")?.to_vec(),
    })
}

/// The XmR settings the options carry (XmR, t and capability charts read them).
pub(crate) fn xmr_settings(o: &MeasuresOptions) -> Result<XmrOptions, Failure> {
    let flag = |name: &str, v: u8| match v {
        0 => Ok(false),
        1 => Ok(true),
        other => Err((
            MeasuresStatus::InvalidInput,
            format!("options.{name} = {other}: use 0 or 1"),
        )),
    };
    Ok(XmrOptions {
        centre: if flag("median_centre", o.median_centre)? {
            CentreLine::Median
        } else {
            CentreLine::Mean
        },
        spread: if flag("median_moving_range", o.median_moving_range)? {
            Spread::MedianMovingRange
        } else {
            Spread::MeanMovingRange
        },
        constant: if flag("textbook_constant", o.textbook_constant)? {
            LimitConstant::ThreeOverD2
        } else {
            LimitConstant::Nhs
        },
        screen_moving_ranges: flag("screen_moving_ranges", o.screen_moving_ranges)?,
    })
}

/// The default options: no direction, no target, the chart's default rules, one
/// phase, no baseline, no exclusions, Making Data Count's XmR settings.
#[no_mangle]
pub extern "C" fn measures_options_default() -> MeasuresOptions {
    MeasuresOptions {
        direction: MeasuresDirection::Neither as u32,
        target: f64::NAN,
        rules: MeasuresRuleSet::Default as u32,
        shift: 0,
        trend: 0,
        phase_starts: std::ptr::null(),
        phase_starts_len: 0,
        exclude: std::ptr::null(),
        exclude_len: 0,
        baseline_points: 0,
        median_centre: 0,
        median_moving_range: 0,
        textbook_constant: 0,
        screen_moving_ranges: 1,
    }
}
