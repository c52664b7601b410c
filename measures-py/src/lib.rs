//! Python bindings: convert Python values to core types, call the core, map errors.
//! No statistics are computed here.

use measures_core::{run_chart, xmr, Chart, ChartOptions, MeasuresError, Series, XmrOptions};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PySequence;

create_exception!(
    _native,
    PyMeasuresError,
    PyValueError,
    "Base class of every error raised by measures."
);
create_exception!(
    _native,
    InvalidInput,
    PyMeasuresError,
    "The input cannot be used: a non-finite value, mismatched lengths, an unknown label, a bad option."
);
create_exception!(
    _native,
    TooFewPoints,
    PyMeasuresError,
    "The series (or a phase of it) has fewer points than the method needs."
);

/// Map a core error to the Python exception of its kind, keeping the core's message.
fn to_py(err: MeasuresError) -> PyErr {
    match err {
        MeasuresError::Empty | MeasuresError::TooFewPoints { .. } => {
            TooFewPoints::new_err(err.to_string())
        }
        other => InvalidInput::new_err(other.to_string()),
    }
}

/// Read a sequence of numbers, naming the first item that is not one.
fn floats(name: &str, seq: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
    let seq = seq.cast::<PySequence>().map_err(|_| {
        InvalidInput::new_err(format!(
            "{name} must be a sequence of numbers, not {}",
            type_name(seq)
        ))
    })?;
    let len = seq.len()?;
    let mut out = Vec::with_capacity(len);
    for i in 0..len {
        let item = seq.get_item(i)?;
        let x = item.extract::<f64>().map_err(|_| {
            InvalidInput::new_err(format!(
                "{name}[{i}] is not a number: {}",
                item.repr()
                    .map(|r| r.to_string())
                    .unwrap_or_else(|_| "?".into())
            ))
        })?;
        out.push(x);
    }
    Ok(out)
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

fn labels(seq: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<String>>> {
    let Some(seq) = seq else { return Ok(None) };
    let seq = seq.cast::<PySequence>().map_err(|_| {
        InvalidInput::new_err(format!("labels must be a sequence, not {}", type_name(seq)))
    })?;
    let mut out = Vec::with_capacity(seq.len()?);
    for i in 0..seq.len()? {
        out.push(seq.get_item(i)?.str()?.to_string());
    }
    Ok(Some(out))
}

fn options<T: serde::de::DeserializeOwned + Default>(
    name: &str,
    json: Option<&str>,
) -> PyResult<T> {
    match json {
        None => Ok(T::default()),
        Some(text) => {
            serde_json::from_str(text).map_err(|e| InvalidInput::new_err(format!("{name}: {e}")))
        }
    }
}

/// Build a chart with `build` and return it as JSON in the documented shape.
fn chart_json(
    py: Python<'_>,
    values: &Bound<'_, PyAny>,
    label_seq: Option<&Bound<'_, PyAny>>,
    options_json: Option<&str>,
    build: impl Fn(Series<'_>, &ChartOptions) -> measures_core::Result<Chart> + Send + Sync,
) -> PyResult<String> {
    let values = floats("values", values)?;
    let labels = labels(label_seq)?;
    let options: ChartOptions = options("options", options_json)?;
    py.detach(|| {
        let mut series = Series::new(&values)?;
        if let Some(l) = &labels {
            series = series.with_labels(l)?;
        }
        let chart = build(series, &options)?;
        Ok(serde_json::to_string(&chart).expect("a chart always serialises"))
    })
    .map_err(to_py)
}

/// XmR chart as JSON. `options` and `xmr_options` are JSON objects of the core's
/// `ChartOptions` and `XmrOptions`.
#[pyfunction]
#[pyo3(signature = (values, labels=None, options=None, xmr_options=None))]
fn xmr_json(
    py: Python<'_>,
    values: &Bound<'_, PyAny>,
    labels: Option<&Bound<'_, PyAny>>,
    options: Option<&str>,
    xmr_options: Option<&str>,
) -> PyResult<String> {
    let settings: XmrOptions = self::options("xmr_options", xmr_options)?;
    chart_json(py, values, labels, options, move |s, o| {
        xmr(s, o, &settings)
    })
}

/// Run chart as JSON.
#[pyfunction]
#[pyo3(signature = (values, labels=None, options=None))]
fn run_json(
    py: Python<'_>,
    values: &Bound<'_, PyAny>,
    labels: Option<&Bound<'_, PyAny>>,
    options: Option<&str>,
) -> PyResult<String> {
    chart_json(py, values, labels, options, run_chart)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("MeasuresError", py.get_type::<PyMeasuresError>())?;
    m.add("InvalidInput", py.get_type::<InvalidInput>())?;
    m.add("TooFewPoints", py.get_type::<TooFewPoints>())?;
    m.add_function(wrap_pyfunction!(xmr_json, m)?)?;
    m.add_function(wrap_pyfunction!(run_json, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
