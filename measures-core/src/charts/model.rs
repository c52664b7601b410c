//! The chart result every chart type returns, and the shared finishing step that
//! runs the rules and sets the icons.
//!
//! # JSON shape
//!
//! A [`Chart`] serialises (with serde) to one object; `docs/json.md` documents it
//! field by field. In short:
//!
//! ```text
//! { "chart_type": "xmr", "method": {...}, "options": {...},
//!   "variation": "common_cause", "assurance": "hit_and_miss" | null,
//!   "phases":  [ { "index", "first", "last", "points_used", "centre", "upper", "lower",
//!                  "sigma", "moving_range", "moving_ranges_screened", "runs": {...} } ],
//!   "signals": [ { "rule", "side", "phase", "points": [..] } ],
//!   "points":  [ { "index", "label", "value", "centre", "upper", "lower", "sigma",
//!                  "phase", "excluded", "used", "point_type", "signals": [..] } ],
//!   "notes": [..], "companion": { ...a chart... } | null }
//! ```
//!
//! Numbers that do not exist (a run chart's limits, the first moving range of a
//! phase) are NaN in Rust and `null` in JSON.

use super::kind::ChartType;
use super::spec::Method;
use crate::column::Column;
use crate::icons::{Assurance, Variation};
use crate::labels::Labels;
use crate::options::ChartOptions;
use crate::rules::{points_of, RuleInput, RuleSet, RunsAnalysis, Side, Signal};
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};

/// What one phase's limits were computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseSummary {
    /// Zero-based phase index.
    pub index: usize,
    /// First point of the phase.
    pub first: usize,
    /// Last point of the phase (inclusive).
    pub last: usize,
    /// Points used for the centre and limits (after baseline and exclusions).
    pub points_used: usize,
    /// Centre line.
    pub centre: f64,
    /// Upper limit, when constant over the phase (NaN/`null` otherwise or for run charts).
    pub upper: f64,
    /// Lower limit, when constant over the phase.
    pub lower: f64,
    /// One sigma, when constant over the phase.
    pub sigma: f64,
    /// The mean (or median) moving range the limits come from, for XmR charts.
    pub moving_range: f64,
    /// Moving ranges left out by screening.
    pub moving_ranges_screened: usize,
    /// Attribute charts: σ_z, the spread of the points' z-scores (Laney 2002). Near 1
    /// the binomial (or Poisson) model fits; well above 1 the points vary more than it
    /// allows (over-dispersion) and the p′ (u′) chart's limits account for it.
    pub dispersion: f64,
    /// Anhøj's runs analysis against the centre line, for every chart.
    pub runs: RunsAnalysis,
}

/// A chart: per point the value, centre, limits, sigma, phase, whether it fed the
/// limits, its point type and its signals; per chart the type, method, options,
/// phases, signals and the variation and assurance icons.
///
/// Per-point data are stored as columns so large series stay compact and bindings
/// can hand them out as arrays. Values and point types are stored per point; lines
/// and flags are [`Column`]s, stored once per phase where they are constant (an XmR
/// chart's limits), so a ten-million-point chart does not hold ten million copies
/// of one limit.
///
/// ```
/// use measures_core::{xmr_chart, ChartOptions, Series, Variation, XmrOptions};
/// let v = [5.0, 6.0, 5.5, 6.5, 5.0, 6.0];
/// let chart = xmr_chart(Series::new(&v)?, &ChartOptions::default(), &XmrOptions::default())?;
/// assert_eq!(chart.len(), 6);
/// assert_eq!(chart.variation, Variation::CommonCause);
/// let json = serde_json::to_value(&chart).unwrap();
/// assert_eq!(json["points"][0]["value"], 5.0);
/// # Ok::<(), measures_core::MeasuresError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The kind of chart.
    pub chart_type: ChartType,
    /// Chart-specific settings used.
    pub method: Method,
    /// Shared options used, with the rule set resolved.
    pub options: ChartOptions,
    /// Point labels, if the series had them.
    pub labels: Option<Labels>,
    /// Plotted values.
    pub values: Vec<f64>,
    /// Centre line per point.
    pub centre: Column<f64>,
    /// Upper limit per point (NaN where the chart has none).
    pub upper: Column<f64>,
    /// Lower limit per point.
    pub lower: Column<f64>,
    /// One sigma per point (NaN where the chart has none).
    pub sigma: Column<f64>,
    /// Per point: the upper limit was capped (a proportion's limit at 1).
    pub upper_clamped: Column<bool>,
    /// Per point: the lower limit was floored (a count's or proportion's limit at 0).
    pub lower_clamped: Column<bool>,
    /// Phase index per point.
    pub phase: Column<u32>,
    /// Per point: excluded by the caller from the limit calculation.
    pub excluded: Column<bool>,
    /// Per point: used to compute the limits (false after a baseline or when excluded).
    pub used: Column<bool>,
    /// Per point: the kind of variation it shows.
    pub point_type: Vec<Variation>,
    /// Special-cause signals, ordered by first point.
    pub signals: Vec<Signal>,
    /// One summary per phase.
    pub phases: Vec<PhaseSummary>,
    /// The variation icon: the point type of the latest point.
    pub variation: Variation,
    /// The assurance icon, when there is a target, a direction and limits.
    pub assurance: Option<Assurance>,
    /// Caveats a reader should know (short phases, options that had no effect).
    pub notes: Vec<String>,
    /// The companion chart (the moving-range chart of an XmR chart).
    pub companion: Option<Box<Chart>>,
}

impl Chart {
    /// Number of points.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Never true: charts are built from non-empty series.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// For each point, the indices (into [`Chart::signals`]) of the signals it takes part in.
    ///
    /// ```
    /// use measures_core::{xmr_chart, ChartOptions, Rule, Series, XmrOptions};
    /// let v = [1.0, 1.2, 0.9, 1.1, 1.0, 9.0];
    /// let chart = xmr_chart(Series::new(&v)?, &ChartOptions::default(), &XmrOptions::default())?;
    /// let last = &chart.signals_by_point()[5];
    /// assert_eq!(chart.signals[last[0]].rule, Rule::OutsideLimits);
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn signals_by_point(&self) -> Vec<Vec<usize>> {
        let mut by_point = vec![Vec::new(); self.len()];
        self.with_rule_input(|input, set| {
            for (s, signal) in self.signals.iter().enumerate() {
                for i in points_of(signal, input, set) {
                    by_point[i].push(s);
                }
            }
        });
        by_point
    }

    /// For each point, the rules of the signals it takes part in as a set of bits:
    /// bit `k` for [`Rule::ALL`]`[k]`. One small number per point, for bindings that
    /// hand out the per-point view as a column (a categorical in pandas).
    ///
    /// ```
    /// use measures_core::{xmr_chart, ChartOptions, Rule, Series, XmrOptions};
    /// let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
    /// let chart = xmr_chart(Series::new(&v)?, &ChartOptions::default(), &XmrOptions::default())?;
    /// let trend = 1 << Rule::ALL.iter().position(|&r| r == Rule::Trend).unwrap();
    /// assert!(chart.rules_by_point().iter().all(|&bits| bits & trend != 0));
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn rules_by_point(&self) -> Vec<u16> {
        let mut by_point = vec![0u16; self.len()];
        self.with_rule_input(|input, set| {
            for signal in &self.signals {
                let bit = 1u16 << signal.rule as u16;
                for i in points_of(signal, input, set) {
                    by_point[i] |= bit;
                }
            }
        });
        by_point
    }

    /// The points `signal` (one of this chart's) takes part in, ascending: every
    /// point of its span with a value, except for the window rules (those beyond the
    /// zone) and the longest run (those off the centre).
    ///
    /// ```
    /// use measures_core::{xmr_chart, ChartOptions, Rule, Series, XmrOptions};
    /// let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
    /// let chart = xmr_chart(Series::new(&v)?, &ChartOptions::default(), &XmrOptions::default())?;
    /// let trend = chart.signals.iter().find(|s| s.rule == Rule::Trend).unwrap();
    /// assert_eq!((trend.first, trend.last), (0, 7));
    /// assert_eq!(chart.signal_points(trend), (0..8).collect::<Vec<_>>());
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn signal_points(&self, signal: &Signal) -> Vec<usize> {
        self.with_rule_input(|input, set| points_of(signal, input, set).collect())
    }

    /// The chart read as the rule engine reads it, and the rule set it ran.
    fn with_rule_input<T>(&self, f: impl FnOnce(&RuleInput<'_>, RuleSet) -> T) -> T {
        let set = self
            .options
            .rules
            .map_or(self.chart_type.default_rules(), |r| r.set);
        let input = RuleInput {
            values: &self.values,
            centre: &self.centre,
            upper: &self.upper,
            lower: &self.lower,
            sigma: &self.sigma,
            phases: &[],
            chart: self.chart_type.name(),
        };
        f(&input, set)
    }

    /// The name of point `i` for people: its label, or "point N" counting from 1.
    ///
    /// ```
    /// use measures_core::{xmr_chart, ChartOptions, Series, XmrOptions};
    /// let chart = xmr_chart(Series::new(&[1.0, 2.0, 3.0])?, &ChartOptions::default(), &XmrOptions::default())?;
    /// assert_eq!(chart.point_name(0), "point 1");
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn point_name(&self, i: usize) -> String {
        match &self.labels {
            Some(labels) if i < labels.len() => labels.get(i).unwrap_or_default().into_owned(),
            _ => format!("point {}", i + 1),
        }
    }

    /// A signal in words, naming its rule, side and the points it covers, e.g.
    /// "outside limits (high): 1 point, 2024-06" or
    /// "shift (low): 7 points from 2024-01 to 2024-07".
    ///
    /// ```
    /// use measures_core::{xmr_chart, ChartOptions, Series, XmrOptions};
    /// let v = [1.0, 1.2, 0.9, 1.1, 1.0, 9.0];
    /// let chart = xmr_chart(Series::new(&v)?, &ChartOptions::default(), &XmrOptions::default())?;
    /// let last = chart.signals.iter().find(|s| s.first == 5).unwrap();
    /// assert_eq!(chart.describe_signal(last), "outside limits (high): 1 point, point 6");
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn describe_signal(&self, signal: &Signal) -> String {
        let side = match signal.side {
            Some(Side::High) => " (high)",
            Some(Side::Low) => " (low)",
            None => "",
        };
        let rule = signal.rule.name().replace('_', " ");
        let (first, last) = (signal.first, signal.last);
        if first == last {
            return format!("{rule}{side}: 1 point, {}", self.point_name(first));
        }
        format!(
            "{rule}{side}: {} points from {} to {}",
            self.signal_points(signal).len(),
            self.point_name(first),
            self.point_name(last)
        )
    }
}

/// A chart without its points: what it is, its phases (centre and limits), its
/// icons, how many points and signals it has, and its notes. For results whose
/// charts run to hundreds of thousands of points (a demand report's end-to-end
/// times), where the per-point detail goes elsewhere. See [`Chart::brief`].
#[derive(Debug, Clone, Copy)]
pub struct ChartBrief<'a>(&'a Chart);

impl Chart {
    /// The chart without its points, for JSON that stays small at any length.
    ///
    /// ```
    /// use measures_core::{xmr_chart, ChartOptions, Series, XmrOptions};
    /// let chart = xmr_chart(Series::new(&[1.0, 2.0, 1.5, 9.0])?, &ChartOptions::default(), &XmrOptions::default())?;
    /// let brief = serde_json::to_value(chart.brief()).unwrap();
    /// assert_eq!(brief["points"], 4);
    /// assert!(brief["phases"][0]["upper"].is_number());
    /// # Ok::<(), measures_core::MeasuresError>(())
    /// ```
    pub fn brief(&self) -> ChartBrief<'_> {
        ChartBrief(self)
    }
}

impl Serialize for ChartBrief<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut s = serializer.serialize_struct("ChartBrief", 8)?;
        s.serialize_field("chart_type", &c.chart_type)?;
        s.serialize_field("method", &c.method)?;
        s.serialize_field("variation", &c.variation)?;
        s.serialize_field("assurance", &c.assurance)?;
        s.serialize_field("phases", &c.phases)?;
        s.serialize_field("points", &c.len())?;
        s.serialize_field("signals", &c.signals.len())?;
        s.serialize_field("notes", &c.notes)?;
        s.end()
    }
}

impl Serialize for Chart {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Chart", 11)?;
        s.serialize_field("chart_type", &self.chart_type)?;
        s.serialize_field("method", &self.method)?;
        s.serialize_field("options", &self.options)?;
        s.serialize_field("variation", &self.variation)?;
        s.serialize_field("assurance", &self.assurance)?;
        s.serialize_field("phases", &self.phases)?;
        s.serialize_field("signals", &self.signals)?;
        s.serialize_field("points", &Points(self))?;
        s.serialize_field("notes", &self.notes)?;
        s.serialize_field("companion", &self.companion)?;
        s.end()
    }
}

/// Serialises the columns of a chart as one object per point.
struct Points<'a>(&'a Chart);

impl Serialize for Points<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let by_point = c.signals_by_point();
        let mut seq = serializer.serialize_seq(Some(c.len()))?;
        for (i, signals) in by_point.iter().enumerate() {
            seq.serialize_element(&Point {
                chart: c,
                i,
                signals,
            })?;
        }
        seq.end()
    }
}

struct Point<'a> {
    chart: &'a Chart,
    i: usize,
    signals: &'a [usize],
}

impl Serialize for Point<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (c, i) = (self.chart, self.i);
        let mut m = serializer.serialize_map(Some(14))?;
        m.serialize_entry("index", &i)?;
        m.serialize_entry("label", &c.labels.as_ref().and_then(|l| l.get(i)))?;
        m.serialize_entry("value", &c.values[i])?;
        m.serialize_entry("centre", &c.centre[i])?;
        m.serialize_entry("upper", &c.upper[i])?;
        m.serialize_entry("lower", &c.lower[i])?;
        m.serialize_entry("sigma", &c.sigma[i])?;
        m.serialize_entry("upper_clamped", &c.upper_clamped[i])?;
        m.serialize_entry("lower_clamped", &c.lower_clamped[i])?;
        m.serialize_entry("phase", &c.phase[i])?;
        m.serialize_entry("excluded", &c.excluded[i])?;
        m.serialize_entry("used", &c.used[i])?;
        m.serialize_entry("point_type", &c.point_type[i])?;
        m.serialize_entry("signals", self.signals)?;
        m.end()
    }
}
