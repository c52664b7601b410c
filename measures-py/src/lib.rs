//! Python bindings: convert Python values to core types, call the core, map errors.
//! No statistics are computed here.

/// Large blocks on huge pages (see measures-alloc): half the time of a long chart.
#[global_allocator]
static ALLOCATOR: measures_alloc::HugePages = measures_alloc::HugePages;

use measures_core::aggregate::Aggregate;
use measures_core::capability::{capability_report, ReportOptions};
use measures_core::change::{suggest_phases, SuggestOptions};
use measures_core::demand::time::Timestamp;
use measures_core::demand::Period;
use measures_core::demand::{
    demand_report, CaseColumns, CaseLog, CaseLogReader, DemandOptions, ReadFailure,
};
use measures_core::labels::Labels;
use measures_core::table::{ReadOptions, Table, Want};
use measures_core::text::TextColumn;
use measures_core::{
    xmr_by_group, xmr_by_group_each, xmr_chart, Chart, ChartData, ChartOptions, ChartSpec,
    ChartType, Column, MeasuresError, Rule, Series, Side, Signal, Variation, XmrOptions,
};
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PySequence};

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
    let message = err.to_string();
    with_message(err, message)
}

/// The Python exception of a core error's kind with `message`, carrying the core's
/// name for the kind of problem as `kind` (as the C message and the CLI name it).
fn with_message(err: MeasuresError, message: String) -> PyErr {
    let error = match err {
        MeasuresError::Empty | MeasuresError::TooFewPoints { .. } => TooFewPoints::new_err(message),
        _ => InvalidInput::new_err(message),
    };
    Python::attach(|py| {
        // Setting an attribute on a new exception instance cannot fail in practice;
        // if it did, the class's default kind would still be there.
        let _ = error.value(py).setattr("kind", err.kind());
    });
    error
}

/// Borrow a one-dimensional, contiguous float64 numpy array without copying. The
/// Python layer converts lists, pandas and polars Series to such arrays first (a
/// no-op for contiguous float64 input), and names bad items there.
fn floats<'a>(name: &str, array: &'a PyReadonlyArray1<'_, f64>) -> PyResult<&'a [f64]> {
    array.as_slice().map_err(|_| {
        InvalidInput::new_err(format!(
            "{name} must be a contiguous one-dimensional float64 array"
        ))
    })
}

/// The values of a numpy array, copied while the interpreter is held. The core
/// then works on memory no other Python thread can reach: reading the caller's
/// buffer with the interpreter released would race with a thread writing to it
/// (undefined behaviour in Rust's model, and a chart whose centre is not the mean
/// of its own values). One copy, made here, is all the input is read before the
/// computation.
fn owned_floats(name: &str, array: &PyReadonlyArray1<'_, f64>) -> PyResult<Vec<f64>> {
    floats(name, array).map(<[f64]>::to_vec)
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// A chart's column as Python reads it: its one value when constant over a long
/// chart (the Python layer broadcasts it, read-only, without materialising a
/// column), else a new array of one value per point. A short column is cheaper to
/// copy out than to broadcast.
fn constant_or_array<'py, T>(py: Python<'py>, column: &Column<T>) -> PyResult<Bound<'py, PyAny>>
where
    T: numpy::Element + Copy + PartialEq + IntoPyObject<'py>,
{
    const BROADCAST_FROM: usize = 4096;
    Ok(match column.constant_over(0..column.len()) {
        Some(level) if column.len() >= BROADCAST_FROM => {
            pyo3::IntoPyObjectExt::into_bound_py_any(level, py)?
        }
        _ => PyArray1::from_vec(py, column.to_vec()).into_any(),
    })
}

/// The labels a chart takes: a list of text (read in one extraction), any other
/// sequence (each item's `str`), or dates in bulk as `(unit, int64 array)`, numpy's
/// `datetime64` stamps in their unit (`"D"`, `"s"`, `"ms"`, `"us"`, `"ns"`), which the
/// core keeps as numbers, so that a column of 10⁵ dates never becomes 10⁵ strings.
fn labels(seq: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Labels>> {
    let Some(seq) = seq else { return Ok(None) };
    if let Ok((unit, stamps)) = seq.extract::<(String, PyReadonlyArray1<'_, i64>)>() {
        let stamps = stamps
            .as_slice()
            .map_err(|_| InvalidInput::new_err("date labels must be a contiguous int64 array"))?;
        // Kept as numbers: the core writes a date only where a label is read.
        return measures_core::labels::Labels::from_stamps(stamps, &unit)
            .map(Some)
            .map_err(to_py);
    }
    if let Ok(list) = seq.cast::<PyList>() {
        if let Ok(text) = list.extract::<Vec<String>>() {
            return Ok(Some(Labels::Text(text)));
        }
    }
    let seq = seq.cast::<PySequence>().map_err(|_| {
        InvalidInput::new_err(format!("labels must be a sequence, not {}", type_name(seq)))
    })?;
    let mut out = Vec::with_capacity(seq.len()?);
    for i in 0..seq.len()? {
        out.push(seq.get_item(i)?.str()?.to_string());
    }
    Ok(Some(Labels::Text(out)))
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

/// Build any chart; the result is a `NativeChart` holding the core's chart, whose
/// columns are handed out as numpy arrays and whose JSON is made only when asked for.
///
/// `kind` names the chart (`xmr`, `run`, `p`, `np`, `c`, `u`, `p_prime`, `u_prime`,
/// `t`, `g`, `cusum`, `ewma`, `xbar_r`, `xbar_s`). `options` is a JSON object of the
/// core's `ChartOptions`; `settings` one of the chart's own settings type. For X-bar
/// charts `values` are the observations and `sizes` the subgroup sizes; for the
/// others `denominators` are the denominators or subgroup sizes.
#[pyfunction]
#[pyo3(signature = (kind, values, denominators=None, labels=None, options=None, settings=None, sizes=None, notes=None))]
#[allow(clippy::too_many_arguments)]
fn chart(
    py: Python<'_>,
    kind: &str,
    values: PyReadonlyArray1<'_, f64>,
    denominators: Option<PyReadonlyArray1<'_, f64>>,
    labels: Option<&Bound<'_, PyAny>>,
    options: Option<&str>,
    settings: Option<&str>,
    sizes: Option<Vec<usize>>,
    notes: Option<Vec<String>>,
) -> PyResult<NativeChart> {
    let values = owned_floats("values", &values)?;
    let denominators = denominators
        .as_ref()
        .map(|d| owned_floats("denominators", d))
        .transpose()?;
    let labels = self::labels(labels)?;
    let chart_options: ChartOptions = self::options("options", options)?;
    let kind: ChartType = kind.parse().map_err(to_py)?;
    let spec = match settings {
        None => ChartSpec::of(kind),
        Some(text) => {
            let settings: serde_json::Value = serde_json::from_str(text)
                .map_err(|e| InvalidInput::new_err(format!("settings: {e}")))?;
            ChartSpec::with_settings(kind, settings)
        }
    }
    .map_err(to_py)?;
    let chart = py.detach(move || {
        let data = ChartData::from_labelled_columns(
            &spec,
            &values,
            denominators.as_deref(),
            sizes.as_deref(),
            labels.as_ref().map(Labels::as_slice),
        )?;
        let chart = measures_core::chart(&spec, data, &chart_options)?;
        // What the chart was made from, kept for suggesting phases; the values only
        // when the chart plots something else (its own column serves otherwise).
        let plotted_are_inputs = matches!(
            kind,
            ChartType::Xmr | ChartType::Run | ChartType::C | ChartType::Np
        );
        let source = Source {
            spec,
            values: (!plotted_are_inputs).then_some(values),
            denominators,
            sizes,
            options: chart_options,
        };
        Ok::<_, MeasuresError>((chart, source))
    });
    match chart {
        Err(e) => Err(to_py(e)),
        Ok((mut chart, source)) => {
            // How the input was read (periods made from events, rows skipped).
            chart.notes.extend(notes.unwrap_or_default());
            Ok(NativeChart {
                chart,
                source: Some(source),
            })
        }
    }
}

/// What a chart was computed from: its specification, inputs and options (its
/// labels are the chart's own).
struct Source {
    spec: ChartSpec,
    /// The values given; `None` when the chart's own values are them.
    values: Option<Vec<f64>>,
    denominators: Option<Vec<f64>>,
    sizes: Option<Vec<usize>>,
    options: ChartOptions,
}

/// A chart computed by the core, held in Rust: columns come out as numpy arrays,
/// the JSON shape and the SVG drawing are made on request.
#[pyclass(module = "measures._native", frozen)]
struct NativeChart {
    chart: Chart,
    /// What it was made from (`None` for a companion chart).
    source: Option<Source>,
}

#[pymethods]
impl NativeChart {
    /// The chart in the JSON shape of docs/json.md.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.chart).expect("a chart always serialises")
    }

    /// The chart type's name.
    #[getter]
    fn chart_type(&self) -> &'static str {
        self.chart.chart_type.name()
    }

    /// A float column: values, centre, upper, lower or sigma (a new array).
    fn column<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let c = &self.chart;
        let line = match name {
            "values" => return Ok(PyArray1::from_slice(py, &c.values)),
            "centre" => &c.centre,
            "upper" => &c.upper,
            "lower" => &c.lower,
            "sigma" => &c.sigma,
            other => return Err(InvalidInput::new_err(format!("no column {other:?}"))),
        };
        Ok(PyArray1::from_vec(py, line.to_vec()))
    }

    /// A line (centre, upper, lower or sigma) as the chart holds it: its one value
    /// when constant over a long chart (the Python layer broadcasts it, read-only,
    /// without materialising a column), else a new array of one value per point.
    fn line<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let c = &self.chart;
        let line = match name {
            "centre" => &c.centre,
            "upper" => &c.upper,
            "lower" => &c.lower,
            "sigma" => &c.sigma,
            other => return Err(InvalidInput::new_err(format!("no line {other:?}"))),
        };
        constant_or_array(py, line)
    }

    /// Phase of each point: its one value when constant over a long chart (see
    /// `line`), else an array.
    fn phase<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        constant_or_array(py, &self.chart.phase.map(i64::from))
    }

    /// Whether each point was excluded by the caller: one value when the same for
    /// every point of a long chart (see `line`), else an array.
    fn excluded<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        constant_or_array(py, &self.chart.excluded)
    }

    /// For each point, the names of the rules of the signals it takes part in.
    fn point_signals(&self) -> Vec<Vec<&'static str>> {
        let signals = &self.chart.signals;
        self.chart
            .signals_by_point()
            .into_iter()
            .map(|on| on.into_iter().map(|s| signals[s].rule.name()).collect())
            .collect()
    }

    /// The signals as spans, in columns: the rule of each (an index into the names
    /// returned first), its side (1 high, -1 low, 0 none), phase, first and last point.
    #[allow(clippy::type_complexity)]
    fn signal_spans<'py>(
        &self,
        py: Python<'py>,
    ) -> (
        Vec<&'static str>,
        Bound<'py, PyArray1<u8>>,
        Bound<'py, PyArray1<i8>>,
        Bound<'py, PyArray1<i64>>,
        Bound<'py, PyArray1<i64>>,
        Bound<'py, PyArray1<i64>>,
    ) {
        let signals = &self.chart.signals;
        let mut names: Vec<Rule> = signals.iter().map(|s| s.rule).collect();
        names.sort_unstable();
        names.dedup();
        let code = |r: Rule| names.binary_search(&r).unwrap_or(0) as u8;
        let side = |s: Option<Side>| match s {
            Some(Side::High) => 1i8,
            Some(Side::Low) => -1,
            None => 0,
        };
        let column = |f: &dyn Fn(&Signal) -> i64| PyArray1::from_iter(py, signals.iter().map(f));
        (
            names.iter().map(|r| r.name()).collect(),
            PyArray1::from_iter(py, signals.iter().map(|s| code(s.rule))),
            PyArray1::from_iter(py, signals.iter().map(|s| side(s.side))),
            column(&|s| s.phase as i64),
            column(&|s| s.first as i64),
            column(&|s| s.last as i64),
        )
    }

    /// Point types as codes into the names returned first (every variation, in a
    /// fixed order), for a categorical column.
    fn point_type_codes<'py>(
        &self,
        py: Python<'py>,
    ) -> (Vec<&'static str>, Bound<'py, PyArray1<u8>>) {
        let code = |v: &Variation| Variation::ALL.iter().position(|a| a == v).unwrap_or(0) as u8;
        (
            Variation::ALL.iter().map(|v| v.name()).collect(),
            PyArray1::from_iter(py, self.chart.point_type.iter().map(code)),
        )
    }

    /// Each point's rules as a code into the categories returned first (the rules'
    /// names joined by commas in priority order; "" for none, always code 0).
    fn point_rule_codes<'py>(&self, py: Python<'py>) -> (Vec<String>, Bound<'py, PyArray1<u16>>) {
        let bits = self.chart.rules_by_point();
        let mut sets: Vec<u16> = vec![0];
        let mut codes = Vec::with_capacity(bits.len());
        for b in bits {
            let code = match sets.iter().position(|&s| s == b) {
                Some(c) => c,
                None => {
                    sets.push(b);
                    sets.len() - 1
                }
            };
            codes.push(code as u16);
        }
        let names = sets
            .iter()
            .map(|&b| {
                Rule::ALL
                    .iter()
                    .filter(|&&r| b & (1 << r as u16) != 0)
                    .map(|r| r.name())
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .collect();
        (names, PyArray1::from_vec(py, codes))
    }

    /// Labels, if given.
    #[getter]
    fn labels(&self) -> Option<Vec<String>> {
        self.chart.labels.as_ref().map(Labels::to_strings)
    }

    /// Variation icon name.
    #[getter]
    fn variation(&self) -> &'static str {
        self.chart.variation.name()
    }

    /// Assurance icon name, or None.
    #[getter]
    fn assurance(&self) -> Option<&'static str> {
        self.chart.assurance.map(|a| a.name())
    }

    /// Number of points.
    fn __len__(&self) -> usize {
        self.chart.len()
    }

    /// Phase starts suggested from the chart's sustained signals, with their
    /// evidence, as JSON (docs/json.md, "Suggested phases"); never applied.
    #[pyo3(signature = (options=None))]
    fn suggested_phases(&self, py: Python<'_>, options: Option<&str>) -> PyResult<String> {
        let suggest: SuggestOptions = self::options("options", options)?;
        let source = self.source.as_ref().ok_or_else(|| {
            InvalidInput::new_err("a companion chart has no phases of its own to suggest")
        })?;
        let values = source.values.as_deref().unwrap_or(&self.chart.values);
        let found = py.detach(|| {
            let data = ChartData::from_labelled_columns(
                &source.spec,
                values,
                source.denominators.as_deref(),
                source.sizes.as_deref(),
                self.chart.labels.as_ref().map(Labels::as_slice),
            )?;
            suggest_phases(&source.spec, data, &source.options, &suggest)
        });
        let found = found.map_err(to_py)?;
        Ok(serde_json::to_string(&found).expect("suggestions always serialise"))
    }

    /// The companion chart (moving range, R, S, lower CUSUM), or None.
    fn companion(&self) -> Option<NativeChart> {
        self.chart.companion.as_deref().map(|c| NativeChart {
            chart: c.clone(),
            source: None,
        })
    }

    /// The chart drawn as SVG by the Rust renderer.
    #[pyo3(signature = (title=None, y_label=None, width=800.0, height=380.0))]
    fn svg(
        &self,
        title: Option<String>,
        y_label: Option<String>,
        width: f64,
        height: f64,
    ) -> PyResult<String> {
        svg_options(width, height, title, y_label).map(|o| {
            measures_render::chart_svg(&measures_render::ChartView::from_chart(&self.chart), &o)
        })
    }
}

fn svg_options(
    width: f64,
    height: f64,
    title: Option<String>,
    y_label: Option<String>,
) -> PyResult<measures_render::SvgOptions> {
    if !(width.is_finite() && height.is_finite() && width >= 300.0 && height >= 200.0) {
        return Err(InvalidInput::new_err(format!(
            "the drawing needs a width of at least 300 and a height of at least 200, not {width} × {height}"
        )));
    }
    Ok(measures_render::SvgOptions {
        width,
        height,
        title,
        y_label,
    })
}

/// Capability of a series: an XmR chart of the values, then the core's capability
/// report of its latest phase (or the phase `report` names). Returns the report as
/// Python objects (built from the core's report, no JSON text) and the chart.
#[pyfunction]
#[pyo3(signature = (values, labels=None, options=None, settings=None, report=None))]
fn capability<'py>(
    py: Python<'py>,
    values: PyReadonlyArray1<'_, f64>,
    labels: Option<&Bound<'_, PyAny>>,
    options: Option<&str>,
    settings: Option<&str>,
    report: Option<&str>,
) -> PyResult<(Bound<'py, PyAny>, NativeChart)> {
    let values = owned_floats("values", &values)?;
    let labels = self::labels(labels)?;
    let chart_options: ChartOptions = self::options("options", options)?;
    let xmr_options: XmrOptions = self::options("settings", settings)?;
    let report_options: ReportOptions = self::options("report", report)?;
    let result = py.detach(move || {
        let mut series = Series::new(&values)?;
        if let Some(l) = &labels {
            series = series.with_label_slice(l.as_slice())?;
        }
        let chart = xmr_chart(series, &chart_options, &xmr_options)?;
        let report = capability_report(&chart, &report_options)?;
        let source = Source {
            spec: ChartSpec::Xmr(xmr_options),
            values: None,
            denominators: None,
            sizes: None,
            options: chart_options,
        };
        Ok::<_, MeasuresError>((report, chart, source))
    });
    let (report, chart, source) = result.map_err(to_py)?;
    Ok((
        to_python(py, &report)?,
        NativeChart {
            chart,
            source: Some(source),
        },
    ))
}

/// Read a case log from text columns and compute its demand report (no GIL held).
/// With `source` (the file and each row's CSV line), an error about a row names the
/// file and line, as the command's do.
fn demand_of<C: measures_core::text::Cells + ?Sized>(
    py: Python<'_>,
    columns: std::collections::HashMap<String, &C>,
    options: Option<&str>,
    as_of: Option<&str>,
    source: Option<(String, Vec<u64>)>,
) -> PyResult<measures_core::demand::DemandReport> {
    let demand_options = demand_options(options, as_of)?;
    let (Some(&id), Some(&received), Some(&closed)) = (
        columns.get("id"),
        columns.get("received"),
        columns.get("closed"),
    ) else {
        let missing = ["id", "received", "closed"]
            .into_iter()
            .find(|name| !columns.contains_key(*name))
            .unwrap_or("id");
        return Err(InvalidInput::new_err(format!(
            "the case log has no {missing:?} column"
        )));
    };
    let result = py.detach(move || {
        let col = |name: &str| columns.get(name).copied();
        let log = CaseLog::from_columns(&CaseColumns {
            demand_type: col("type"),
            class: col("class"),
            channel: col("channel"),
            handoffs: col("handoffs"),
            linked_to: col("linked_to"),
            unit: col("unit"),
            ..CaseColumns::new(id, received, closed)
        })?;
        demand_report(&log, &demand_options)
    });
    result.map_err(|e| match &source {
        Some((path, lines)) => {
            let line = match &e {
                MeasuresError::InvalidCase { index, .. }
                | MeasuresError::InvalidCell { index, .. } => lines.get(*index).copied(),
                _ => None,
            };
            match line {
                Some(line) => {
                    let message = format!("{path}: line {line}: {e}");
                    with_message(e, message)
                }
                None => in_file(path, e),
            }
        }
        None => to_py(e),
    })
}

/// The core's demand options from their JSON and an "as of" time.
fn demand_options(options: Option<&str>, as_of: Option<&str>) -> PyResult<DemandOptions> {
    let mut demand_options: DemandOptions = self::options("options", options)?;
    if let Some(t) = as_of {
        demand_options.as_of =
            Some(Timestamp::parse(t).map_err(|e| InvalidInput::new_err(format!("as_of: {e}")))?);
    }
    Ok(demand_options)
}

/// The demand report of a case log given as text columns, as Python objects (dicts,
/// lists, numbers, strings, None: built from the core's report, no JSON text).
/// `columns` maps the fields `id`, `received`, `closed` (required) and `type`,
/// `class`, `channel`, `handoffs`, `linked_to`, `unit` (optional) to lists of
/// strings; `options` is the core's `DemandOptions` as JSON; `detail` keeps every
/// chart point by point (else the report's brief form).
#[pyfunction]
#[pyo3(signature = (columns, options=None, as_of=None, detail=false))]
fn demand<'py>(
    py: Python<'py>,
    columns: std::collections::HashMap<String, Bound<'py, PyAny>>,
    options: Option<&str>,
    as_of: Option<&str>,
    detail: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let columns = text_columns(columns)?;
    let columns = columns.iter().map(|(k, v)| (k.clone(), v)).collect();
    let report = demand_of(py, columns, options, as_of, None)?;
    report_to_python(py, &report, detail)
}

/// As `demand`, reading the case log from a CSV file with the core's reader (as
/// the command reads it): `wanted` lists `(field, column name, required)`. Errors
/// about a row name the file and its line.
#[pyfunction]
#[pyo3(signature = (path, wanted, options=None, as_of=None, detail=false))]
fn demand_file<'py>(
    py: Python<'py>,
    path: std::path::PathBuf,
    wanted: Vec<(String, String, bool)>,
    options: Option<&str>,
    as_of: Option<&str>,
    detail: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let demand_options = demand_options(options, as_of)?;
    let shown = path.display().to_string();
    let wanted: Vec<(&str, Want<'_>)> = wanted
        .iter()
        .map(|(field, name, required)| {
            let want = Want {
                name,
                required: *required,
            };
            (field.as_str(), want)
        })
        .collect();
    let mut reader = CaseLogReader::new(&wanted, ReadOptions::default(), None).map_err(to_py)?;
    // The file a block at a time, as the command reads it: its text is never held
    // whole. Reading fails (outer) apart from the measures (inner).
    let result = py.detach(|| {
        let file = std::fs::File::open(&path).map_err(ReadFailure::Source)?;
        reader.set_size(file.metadata().map_or(0, |m| m.len()));
        let log = reader.read_from(file)?;
        Ok(demand_report(&log, &demand_options))
    });
    let report = match result {
        Ok(report) => report.map_err(|e| in_file(&shown, e))?,
        Err(ReadFailure::Source(io)) => {
            return Err(InvalidInput::new_err(format!(
                "{shown}: cannot read the file: {io}"
            )))
        }
        // A case wrong as a whole is named by its row: its line in the file.
        Err(ReadFailure::Log(e)) => {
            let line = match &e {
                MeasuresError::InvalidCase { index, .. } => reader.line_of(*index),
                _ => None,
            };
            return Err(match line {
                Some(line) => {
                    let message = format!("{shown}: line {line}: {e}");
                    with_message(e, message)
                }
                None => in_file(&shown, e),
            });
        }
    };
    report_to_python(py, &report, detail)
}

/// Columns of text as Python hands them over: a list of strings, Arrow's layout
/// `("offsets", int64 offsets, uint8 bytes)` (a pandas, polars or pyarrow column of
/// text, no Python string made per cell), or numpy's fixed-width bytes
/// `("fixed", uint8 bytes, width)` (dates written by `datetime_as_string`).
fn text_columns(
    columns: std::collections::HashMap<String, Bound<'_, PyAny>>,
) -> PyResult<std::collections::HashMap<String, TextColumn>> {
    columns
        .into_iter()
        .map(|(name, column)| {
            let read = |e: MeasuresError| InvalidInput::new_err(format!("{name}: {e}"));
            let cells = if let Ok((kind, a, b)) =
                column.extract::<(String, Bound<'_, PyAny>, Bound<'_, PyAny>)>()
            {
                match kind.as_str() {
                    "offsets" => {
                        let offsets: PyReadonlyArray1<'_, i64> = a.extract()?;
                        let bytes: PyReadonlyArray1<'_, u8> = b.extract()?;
                        TextColumn::from_offsets(bytes.as_slice()?, offsets.as_slice()?)
                            .map_err(read)?
                    }
                    "fixed" => {
                        let bytes: PyReadonlyArray1<'_, u8> = a.extract()?;
                        let width: usize = b.extract()?;
                        TextColumn::from_fixed_width(bytes.as_slice()?, width).map_err(read)?
                    }
                    other => {
                        return Err(InvalidInput::new_err(format!(
                            "{name}: a column comes as a list, offsets or fixed, not {other:?}"
                        )))
                    }
                }
            } else {
                let list = column.cast::<PyList>().map_err(|_| {
                    InvalidInput::new_err(format!("{name}: a column of text must be a list"))
                })?;
                let mut cells = TextColumn::with_capacity(list.len(), 0);
                for item in list.iter() {
                    cells
                        .try_push(&item.extract::<std::borrow::Cow<'_, str>>()?)
                        .map_err(read)?;
                }
                cells
            };
            Ok((name, cells))
        })
        .collect()
}

/// A demand report as Python objects: in full with `detail`, else its brief form.
fn report_to_python<'py>(
    py: Python<'py>,
    report: &measures_core::demand::DemandReport,
    detail: bool,
) -> PyResult<Bound<'py, PyAny>> {
    if detail {
        to_python(py, report)
    } else {
        to_python(py, &report.brief())
    }
}

/// A result of the core as Python objects, as `json.loads` of its JSON would give
/// them, without the text in between.
fn to_python<'py>(py: Python<'py>, result: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(result)
        .map_err(|e| InvalidInput::new_err(format!("the report could not be written: {e}")))?;
    value_to_python(py, &value)
}

/// Python objects from the core's serialised form, as `json.loads` would give them
/// (a number not finite is None, as it is `null` in the JSON), without the text in
/// between.
fn value_to_python<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use pyo3::IntoPyObjectExt;
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_bound_py_any(py)?,
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_bound_py_any(py)?,
            (None, Some(u)) => u.into_bound_py_any(py)?,
            _ => n.as_f64().into_bound_py_any(py)?,
        },
        Value::String(text) => text.into_bound_py_any(py)?,
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, value_to_python(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// The demand report of a case log as the HTML document `measures report` writes
/// (the same renderer), titled `title`, naming `source` as where the log came from.
#[pyfunction]
#[pyo3(signature = (columns, title, source, options=None, as_of=None, lines=None))]
#[allow(clippy::too_many_arguments)]
fn demand_html(
    py: Python<'_>,
    columns: std::collections::HashMap<String, Bound<'_, PyAny>>,
    title: &str,
    source: &str,
    options: Option<&str>,
    as_of: Option<&str>,
    lines: Option<Vec<u64>>,
) -> PyResult<String> {
    let file = lines.map(|l| (source.to_string(), l));
    let columns = text_columns(columns)?;
    let columns = columns.iter().map(|(k, v)| (k.clone(), v)).collect();
    let report = demand_of(py, columns, options, as_of, file)?;
    Ok(py.detach(|| measures_render::report::demand_html(&report, title, source)))
}

/// A column asked of a CSV file: its name and whether the file must have it.
type Wanted = (String, bool);

/// Read the `wanted` `(name, required)` columns of the CSV file at `path` with the
/// core's reader (every column when None), without the interpreter held while it
/// parses: the file's name as errors give it, the columns asked for, the table.
fn read_table(
    py: Python<'_>,
    path: &std::path::Path,
    wanted: Option<Vec<Wanted>>,
    delimiter: Option<u8>,
) -> PyResult<(String, Vec<Wanted>, Table)> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| InvalidInput::new_err(format!("{shown}: cannot read the file: {e}")))?;
    let wanted = match wanted {
        Some(w) => w,
        None => measures_core::table::headers(&bytes, ReadOptions { delimiter })
            .map_err(|e| in_file(&shown, e))?
            .into_iter()
            .map(|h| (h, true))
            .collect(),
    };
    let table = py
        .detach(|| {
            let want: Vec<Want<'_>> = wanted
                .iter()
                .map(|(name, required)| Want {
                    name,
                    required: *required,
                })
                .collect();
            Table::parse(&bytes, &want, ReadOptions { delimiter })
        })
        .map_err(|e| in_file(&shown, e))?;
    Ok((shown, wanted, table))
}

/// What `read_csv` returns: the columns, the headers they matched, notes, lines.
type CsvColumns = (
    Vec<(String, Vec<String>)>,
    std::collections::HashMap<String, String>,
    Vec<String>,
    Vec<u64>,
);

/// Read columns of a CSV file with the core's one reader (delimiter found, headers
/// matched loosely, blank rows skipped and counted). `wanted` is a list of
/// `(name, required)`, every column when None. Returns `(columns, headers_matched,
/// notes, lines)`: `(name asked for, cells)` in the order asked (absent optional
/// columns left out), and each row's CSV line.
#[pyfunction]
#[pyo3(signature = (path, wanted=None, delimiter=None))]
fn read_csv(
    py: Python<'_>,
    path: std::path::PathBuf,
    wanted: Option<Vec<(String, bool)>>,
    delimiter: Option<&str>,
) -> PyResult<CsvColumns> {
    let delimiter = match delimiter {
        None => None,
        Some("tab") | Some("\t") => Some(b'\t'),
        Some(d) if d.len() == 1 && d.is_ascii() => Some(d.as_bytes()[0]),
        Some(d) => {
            return Err(InvalidInput::new_err(format!(
                "delimiter: {d:?} is not one character (or 'tab')"
            )))
        }
    };
    let (_, wanted, table) = read_table(py, &path, wanted, delimiter)?;
    let (mut columns, mut matched) = (Vec::new(), std::collections::HashMap::new());
    for (k, (name, _)) in wanted.iter().enumerate() {
        if let Some(cells) = table.column(k) {
            columns.push((name.clone(), cells.to_strings()));
            matched.insert(name.clone(), table.header(k).to_string());
        }
    }
    Ok((columns, matched, table.notes(), table.lines.clone()))
}

/// The position of each name among `headers`, matched as the CSV reader matches
/// (exactly, else ignoring case, spaces, underscores, hyphens and dots); `None` for
/// a name not there. Several equal matches are an error listing them.
#[pyfunction]
fn match_columns(headers: Vec<String>, names: Vec<String>) -> PyResult<Vec<Option<usize>>> {
    names
        .iter()
        .map(|n| measures_core::table::find_column(&headers, n).map_err(to_py))
        .collect()
}

/// A number from a cell's text as the CSV reader reads it (thousands separators;
/// None for NA, N/A, -, null, empty…); an error says why it is not one.
#[pyfunction]
fn cell_number(text: &str) -> PyResult<Option<f64>> {
    measures_core::cells::number(text).map_err(InvalidInput::new_err)
}

/// Whether a cell's text means "no value" to the readers (empty, NA, N/A, -, null…).
#[pyfunction]
fn cell_missing(text: &str) -> bool {
    measures_core::cells::is_missing(text)
}

/// The ISO date of a cell written as a date in any form the readers accept, or None.
#[pyfunction]
fn cell_date(text: &str) -> Option<String> {
    measures_core::cells::date(text).map(|d| d.to_string())
}

/// One point per period from one row per event: `dates` as text (any accepted form,
/// or spreadsheet serials), `values` (NaN for missing; None for a count), `period`
/// and `how` as the core names them. Returns `(labels, values, rows, complete,
/// notes)`; with `flags` instead (True, False or None per row), the share per
/// period: values the numerators and rows the denominators.
#[pyfunction]
#[pyo3(signature = (dates, period, how, values=None, flags=None))]
#[allow(clippy::type_complexity)]
fn per_period(
    dates: Vec<String>,
    period: &str,
    how: &str,
    values: Option<Vec<f64>>,
    flags: Option<Vec<Option<bool>>>,
) -> PyResult<(Vec<String>, Vec<f64>, Vec<f64>, Vec<bool>, Vec<String>)> {
    let period: Period = parse_name("period", period)?;
    let how: Aggregate = parse_name("aggregate", how)?;
    let serial = measures_core::cells::holds_serial_dates(&dates);
    let days = dates
        .iter()
        .enumerate()
        .map(|(i, text)| {
            measures_core::cells::timestamp(text, serial)
                .map(|t| t.local_date)
                .map_err(|e| InvalidInput::new_err(format!("dates[{i}]: {e}")))
        })
        .collect::<PyResult<Vec<_>>>()?;
    let series = match flags {
        Some(flags) => measures_core::aggregate::shares_per_period(&days, &flags, period),
        None => measures_core::aggregate::per_period(&days, values.as_deref(), period, how),
    }
    .map_err(to_py)?;
    Ok((
        series.labels(),
        series.values,
        series.rows,
        series.complete,
        series.notes,
    ))
}

/// A name from the core's vocabulary (`week`, `median`, …), with the option named in the error.
fn parse_name<T: serde::de::DeserializeOwned>(option: &str, name: &str) -> PyResult<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).map_err(|_| {
        InvalidInput::new_err(format!(
            "{option}: {name:?} is not one of the names it takes"
        ))
    })
}

/// A core error about a file, named by the file.
fn in_file(path: &str, e: MeasuresError) -> PyErr {
    let message = format!("{path}: {e}");
    with_message(e, message)
}

/// The address of the first value as the extension sees it, so tests can show that
/// numpy input is read in place rather than copied.
#[pyfunction]
fn buffer_address(values: PyReadonlyArray1<'_, f64>) -> PyResult<usize> {
    Ok(floats("values", &values)?.as_ptr() as usize)
}

/// One XmR chart per group of a long column: group g is
/// `values[offsets[g]:offsets[g+1]]`. Returns a dict of per-point numpy columns
/// (`centre`, `upper`, `lower`, `phase`, `point_type` codes, `special_cause`) and
/// per-group lists (`variation`, `assurance`, `error`), plus the `point_types` names
/// the codes index.
#[pyfunction]
#[pyo3(signature = (values, offsets, labels=None, options=None, settings=None, per_group=None))]
fn xmr_groups<'py>(
    py: Python<'py>,
    values: PyReadonlyArray1<'py, f64>,
    offsets: Vec<usize>,
    labels: Option<&Bound<'py, PyAny>>,
    options: Option<&str>,
    settings: Option<&str>,
    per_group: Option<GroupOptions>,
) -> PyResult<Bound<'py, PyDict>> {
    let values = owned_floats("values", &values)?;
    let values = &values[..];
    // Grouped charts take their labels as text.
    let labels = self::labels(labels)?.map(|l| l.to_strings());
    let chart_options: ChartOptions = self::options("options", options)?;
    let xmr_options: XmrOptions = self::options("settings", settings)?;
    let n = values.len();
    let each = per_group
        .map(|p| p.options(&chart_options, offsets.len().saturating_sub(1)))
        .transpose()?;
    let charts = py
        .detach(|| match &each {
            Some(each) => {
                xmr_by_group_each(values, &offsets, labels.as_deref(), each, &xmr_options)
            }
            None => xmr_by_group(
                values,
                &offsets,
                labels.as_deref(),
                &chart_options,
                &xmr_options,
            ),
        })
        .map_err(to_py)?;
    let (mut centre, mut upper, mut lower) =
        (vec![f64::NAN; n], vec![f64::NAN; n], vec![f64::NAN; n]);
    let mut phase = vec![-1i64; n];
    let mut point_type = vec![-1i8; n];
    let mut special = vec![false; n];
    let (mut variation, mut assurance, mut error) = (Vec::new(), Vec::new(), Vec::new());
    for (g, chart) in charts.iter().enumerate() {
        let start = offsets[g];
        match chart {
            Ok(c) => {
                let group = start..start + c.len();
                c.centre.copy_to_slice(&mut centre[group.clone()]);
                c.upper.copy_to_slice(&mut upper[group.clone()]);
                c.lower.copy_to_slice(&mut lower[group.clone()]);
                for (i, p) in c.phase.iter().enumerate() {
                    phase[start + i] = i64::from(p);
                }
                for (i, t) in c.point_type.iter().enumerate() {
                    point_type[start + i] = Variation::ALL
                        .iter()
                        .position(|v| v == t)
                        .map_or(-1, |k| k as i8);
                }
                // A point takes part in a signal exactly when its type is a special cause.
                for (i, t) in c.point_type.iter().enumerate() {
                    special[start + i] = t.is_special_cause();
                }
                variation.push(Some(c.variation.name()));
                assurance.push(c.assurance.map(|a| a.name()));
                error.push(None);
            }
            Err(e) => {
                variation.push(None);
                assurance.push(None);
                error.push(Some(e.to_string()));
            }
        }
    }
    let out = PyDict::new(py);
    out.set_item("centre", PyArray1::from_vec(py, centre))?;
    out.set_item("upper", PyArray1::from_vec(py, upper))?;
    out.set_item("lower", PyArray1::from_vec(py, lower))?;
    out.set_item("phase", PyArray1::from_vec(py, phase))?;
    out.set_item("point_type", PyArray1::from_vec(py, point_type))?;
    out.set_item("special_cause", PyArray1::from_vec(py, special))?;
    out.set_item(
        "point_types",
        Variation::ALL.iter().map(|v| v.name()).collect::<Vec<_>>(),
    )?;
    out.set_item("variation", variation)?;
    out.set_item("assurance", assurance)?;
    out.set_item("error", error)?;
    Ok(out)
}

/// A pilot against the rest (docs/json.md, "Comparison"): rows of `units`, `dates`
/// (ISO text, or any form a case log's cells take), and `values` or `numerators`
/// with `denominators`; the core's `CompareOptions` as a JSON object.
#[pyfunction]
#[pyo3(signature = (units, dates, values=None, numerators=None, denominators=None, options=None))]
fn compare(
    py: Python<'_>,
    units: Vec<String>,
    dates: Vec<String>,
    values: Option<PyReadonlyArray1<'_, f64>>,
    numerators: Option<PyReadonlyArray1<'_, f64>>,
    denominators: Option<PyReadonlyArray1<'_, f64>>,
    options: Option<&str>,
) -> PyResult<NativeComparison> {
    let options: measures_core::change::CompareOptions = self::options("options", options)?;
    let values = values
        .as_ref()
        .map(|v| owned_floats("values", v))
        .transpose()?;
    let numerators = numerators
        .as_ref()
        .map(|v| owned_floats("numerators", v))
        .transpose()?;
    let denominators = denominators
        .as_ref()
        .map(|v| owned_floats("denominators", v))
        .transpose()?;
    let dates = measures_core::cells::dates(&dates, "dates").map_err(to_py)?;
    let result = py.detach(|| {
        measures_core::change::compare(
            &measures_core::change::CompareData {
                units: &units,
                dates: &dates,
                values: values.as_deref(),
                ratio: numerators.as_deref().zip(denominators.as_deref()),
            },
            &options,
        )
    });
    Ok(NativeComparison {
        comparison: result.map_err(to_py)?,
    })
}

/// A comparison computed by the core: its JSON and its drawing on request.
#[pyclass(module = "measures._native", frozen)]
struct NativeComparison {
    comparison: measures_core::change::Comparison,
}

#[pymethods]
impl NativeComparison {
    /// The comparison in the JSON shape of docs/json.md ("Comparison").
    fn to_json(&self) -> String {
        serde_json::to_string(&self.comparison).expect("a comparison always serialises")
    }

    /// The pilot's (`"pilot"`) or the rest's (`"rest"`) chart.
    fn chart(&self, group: &str) -> PyResult<NativeChart> {
        let g = match group {
            "pilot" => &self.comparison.pilot,
            "rest" => &self.comparison.rest,
            other => {
                return Err(InvalidInput::new_err(format!(
                    "no group {other:?}: pilot or rest"
                )))
            }
        };
        Ok(NativeChart {
            chart: g.chart.clone(),
            source: None,
        })
    }

    /// Both groups' charts drawn as one SVG by the Rust renderer.
    #[pyo3(signature = (title=None, y_label=None, width=800.0, height=380.0))]
    fn svg(
        &self,
        title: Option<String>,
        y_label: Option<String>,
        width: f64,
        height: f64,
    ) -> PyResult<String> {
        svg_options(width, height, title, y_label)
            .map(|o| measures_render::compare_svg(&self.comparison, &o))
    }
}

/// A funnel plot of units (docs/json.md, "Funnel"), as JSON: `units` named, their
/// numerators and denominators (for means: the means and the numbers of values,
/// with `sd`), and the core's `FunnelOptions` as a JSON object.
#[pyfunction]
#[pyo3(signature = (units, numerators, denominators, sd=None, options=None))]
fn funnel_json(
    py: Python<'_>,
    units: Vec<String>,
    numerators: PyReadonlyArray1<'_, f64>,
    denominators: PyReadonlyArray1<'_, f64>,
    sd: Option<PyReadonlyArray1<'_, f64>>,
    options: Option<&str>,
) -> PyResult<String> {
    let numerators = owned_floats("numerators", &numerators)?;
    let denominators = owned_floats("denominators", &denominators)?;
    let sd = sd.as_ref().map(|s| owned_floats("sd", s)).transpose()?;
    let options: measures_core::funnel::FunnelOptions = self::options("options", options)?;
    let result = py.detach(|| {
        measures_core::funnel::funnel(
            &measures_core::funnel::FunnelData {
                units: &units,
                numerators: &numerators,
                denominators: &denominators,
                sd: sd.as_deref(),
            },
            &options,
        )
    });
    let result = result.map_err(to_py)?;
    serde_json::to_string(&result)
        .map_err(|e| InvalidInput::new_err(format!("the funnel could not be written: {e}")))
}

/// A funnel (the JSON `funnel_json` returned) drawn as SVG by the shared renderer.
#[pyfunction]
#[pyo3(signature = (funnel, title=None, y_label=None, width=800.0, height=420.0))]
fn funnel_svg(
    funnel: &str,
    title: Option<String>,
    y_label: Option<String>,
    width: f64,
    height: f64,
) -> PyResult<String> {
    let funnel: measures_core::funnel::Funnel =
        serde_json::from_str(funnel).map_err(|e| InvalidInput::new_err(format!("funnel: {e}")))?;
    svg_options(width, height, title, y_label).map(|o| measures_render::funnel_svg(&funnel, &o))
}

/// Each group's own options, as the Python layer works them out from labels and
/// dates: phase starts and exclusions as positions within their group, grouped by
/// `*_ptr` (group `g`'s are `positions[ptr[g]..ptr[g + 1]]`), a target per group
/// (NaN: none) and a baseline point per group (-1: none).
#[derive(FromPyObject)]
struct GroupOptions {
    #[pyo3(item)]
    phase_ptr: Vec<usize>,
    #[pyo3(item)]
    phase_starts: Vec<usize>,
    #[pyo3(item)]
    exclude_ptr: Vec<usize>,
    #[pyo3(item)]
    exclude: Vec<usize>,
    #[pyo3(item)]
    targets: Option<Vec<f64>>,
    #[pyo3(item)]
    through: Option<Vec<i64>>,
}

impl GroupOptions {
    /// One `ChartOptions` per group: `shared` with this group's own points and target.
    fn options(&self, shared: &ChartOptions, groups: usize) -> PyResult<Vec<ChartOptions>> {
        let sized = |name: &str, len: usize, want: usize| {
            if len == want {
                Ok(())
            } else {
                Err(InvalidInput::new_err(format!(
                    "{name}: {len} entries for {groups} groups"
                )))
            }
        };
        sized("phase_ptr", self.phase_ptr.len(), groups + 1)?;
        sized("exclude_ptr", self.exclude_ptr.len(), groups + 1)?;
        if let Some(t) = &self.targets {
            sized("targets", t.len(), groups)?;
        }
        if let Some(t) = &self.through {
            sized("through", t.len(), groups)?;
        }
        let slice = |ptr: &[usize], all: &[usize], g: usize| -> PyResult<Vec<usize>> {
            all.get(ptr[g]..ptr[g + 1])
                .map(<[usize]>::to_vec)
                .ok_or_else(|| InvalidInput::new_err("group option pointers out of range"))
        };
        (0..groups)
            .map(|g| {
                let mut o = shared.clone();
                o.phase_starts = slice(&self.phase_ptr, &self.phase_starts, g)?;
                o.exclude = slice(&self.exclude_ptr, &self.exclude, g)?;
                if let Some(t) = self.targets.as_ref().map(|t| t[g]) {
                    o.target = t.is_finite().then_some(t).or(shared.target);
                }
                if let Some(&p) = self.through.as_ref().and_then(|t| t.get(g)) {
                    if p >= 0 {
                        o.baseline = Some(measures_core::Baseline::Through(p as usize));
                    }
                }
                Ok(o)
            })
            .collect()
    }
}

/// In a forked child, work on one core: the child inherits the parent's rayon pool
/// as threads that no longer exist, and a parallel call would wait for ever
/// (rayon-rs/rayon#708). Registered once, when the module loads, for every fork the
/// process makes (Python's multiprocessing forks by default on Linux before 3.14).
#[cfg(unix)]
fn survive_fork() {
    extern "C" fn in_child() {
        measures_core::parallel::set_enabled(false);
    }
    extern "C" {
        fn pthread_atfork(
            prepare: Option<extern "C" fn()>,
            parent: Option<extern "C" fn()>,
            child: Option<extern "C" fn()>,
        ) -> std::ffi::c_int;
    }
    static REGISTER: std::sync::Once = std::sync::Once::new();
    REGISTER.call_once(|| {
        // SAFETY: pthread_atfork only stores the handler; `in_child` does one atomic
        // store, which is async-signal-safe as a child handler must be.
        unsafe {
            pthread_atfork(None, None, Some(in_child));
        }
    });
}

/// Whether the core spreads work over every core in this process (false in a forked child).
#[pyfunction]
fn parallel_enabled() -> bool {
    measures_core::parallel::enabled()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    measures_alloc::hold_freed_memory();
    #[cfg(unix)]
    survive_fork();
    let py = m.py();
    m.add("MeasuresError", py.get_type::<PyMeasuresError>())?;
    m.add("InvalidInput", py.get_type::<InvalidInput>())?;
    m.add("TooFewPoints", py.get_type::<TooFewPoints>())?;
    m.add_function(wrap_pyfunction!(chart, m)?)?;
    m.add_class::<NativeChart>()?;
    m.add_function(wrap_pyfunction!(capability, m)?)?;
    m.add_function(wrap_pyfunction!(demand, m)?)?;
    m.add_function(wrap_pyfunction!(demand_file, m)?)?;
    m.add_function(wrap_pyfunction!(funnel_json, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_class::<NativeComparison>()?;
    m.add_function(wrap_pyfunction!(funnel_svg, m)?)?;
    m.add_function(wrap_pyfunction!(demand_html, m)?)?;
    m.add_function(wrap_pyfunction!(xmr_groups, m)?)?;
    m.add_function(wrap_pyfunction!(buffer_address, m)?)?;
    m.add_function(wrap_pyfunction!(parallel_enabled, m)?)?;
    m.add_function(wrap_pyfunction!(read_csv, m)?)?;
    m.add_function(wrap_pyfunction!(match_columns, m)?)?;
    m.add_function(wrap_pyfunction!(cell_date, m)?)?;
    m.add_function(wrap_pyfunction!(cell_number, m)?)?;
    m.add_function(wrap_pyfunction!(cell_missing, m)?)?;
    m.add_function(wrap_pyfunction!(per_period, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
