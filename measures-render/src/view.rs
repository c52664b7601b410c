//! What a drawing needs from a chart, read from a core `Chart` or from its JSON (so
//! bindings that hold the JSON, like Python's, can draw without recomputing).

use measures_core::labels::Labels;
use measures_core::Chart;
use serde_json::Value;

/// The columns and icons a chart drawing uses.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartView {
    /// Chart type name, e.g. "xmr".
    pub chart_type: String,
    /// Point labels (usually dates).
    pub labels: Option<Labels>,
    /// Plotted values (NaN where absent).
    pub values: Vec<f64>,
    /// Centre line per point.
    pub centre: Vec<f64>,
    /// Upper limit per point (NaN without limits).
    pub upper: Vec<f64>,
    /// Lower limit per point.
    pub lower: Vec<f64>,
    /// Phase of each point.
    pub phase: Vec<usize>,
    /// Point type names (see docs/json.md).
    pub point_type: Vec<String>,
    /// The target, if any.
    pub target: Option<f64>,
    /// Improvement direction name.
    pub direction: String,
    /// Variation icon name.
    pub variation: String,
    /// Assurance icon name, if any.
    pub assurance: Option<String>,
}

impl ChartView {
    /// The view of a chart computed in Rust (read from its columns, no copy through JSON).
    pub fn from_chart(chart: &Chart) -> Self {
        ChartView {
            chart_type: chart.chart_type.name().into(),
            labels: chart.labels.clone(),
            values: chart.values.clone(),
            centre: chart.centre.to_vec(),
            upper: chart.upper.to_vec(),
            lower: chart.lower.to_vec(),
            phase: chart.phase.iter().map(|p| p as usize).collect(),
            point_type: chart
                .point_type
                .iter()
                .map(|v| v.name().to_string())
                .collect(),
            target: chart.options.target,
            direction: chart.options.direction.name().into(),
            variation: chart.variation.name().into(),
            assurance: chart.assurance.map(|a| a.name().into()),
        }
    }

    /// The view of a chart in the JSON shape of docs/json.md.
    ///
    /// ```
    /// let json = r#"{"chart_type":"xmr","options":{"target":null,"direction":"neither"},
    ///   "variation":"common_cause","assurance":null,
    ///   "points":[{"label":null,"value":1.0,"centre":1.5,"upper":3.0,"lower":0.0,"phase":0,"point_type":"common_cause"},
    ///             {"label":null,"value":2.0,"centre":1.5,"upper":3.0,"lower":0.0,"phase":0,"point_type":"common_cause"}]}"#;
    /// let view = measures_render::ChartView::from_json(json).unwrap();
    /// assert_eq!(view.values, vec![1.0, 2.0]);
    /// ```
    pub fn from_json(text: &str) -> Result<Self, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("chart JSON: {e}"))?;
        Self::from_value(&value)
    }

    fn from_value(v: &Value) -> Result<Self, String> {
        let points = v["points"]
            .as_array()
            .ok_or("chart JSON: no points array")?;
        let num = |p: &Value, k: &str| p[k].as_f64().unwrap_or(f64::NAN);
        let labels: Vec<Option<String>> = points
            .iter()
            .map(|p| p["label"].as_str().map(str::to_string))
            .collect();
        let labels = if labels.iter().all(Option::is_some) && !labels.is_empty() {
            Some(Labels::Text(labels.into_iter().flatten().collect()))
        } else {
            None
        };
        Ok(ChartView {
            chart_type: v["chart_type"].as_str().unwrap_or("chart").to_string(),
            labels,
            values: points.iter().map(|p| num(p, "value")).collect(),
            centre: points.iter().map(|p| num(p, "centre")).collect(),
            upper: points.iter().map(|p| num(p, "upper")).collect(),
            lower: points.iter().map(|p| num(p, "lower")).collect(),
            phase: points
                .iter()
                .map(|p| p["phase"].as_u64().unwrap_or(0) as usize)
                .collect(),
            point_type: points
                .iter()
                .map(|p| {
                    p["point_type"]
                        .as_str()
                        .unwrap_or("common_cause")
                        .to_string()
                })
                .collect(),
            target: v["options"]["target"].as_f64(),
            direction: v["options"]["direction"]
                .as_str()
                .unwrap_or("neither")
                .to_string(),
            variation: v["variation"]
                .as_str()
                .unwrap_or("common_cause")
                .to_string(),
            assurance: v["assurance"].as_str().map(str::to_string),
        })
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when there are no points.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}
