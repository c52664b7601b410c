//! `measures demand`: every demand measure of a case log exported as CSV.

use crate::args::Format;
use crate::error::CliError;
use crate::input::{measure_error, measure_error_at, ReadOptions, Want};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use measures_core::demand::calendar::Nation;
use measures_core::demand::time::Timestamp;
use measures_core::demand::{
    demand_report, CaseLog, CaseLogReader, DemandOptions, DemandReport, FailureChart, ReadFailure,
    TimeUnit, CASE_FIELDS,
};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct DemandArgs {
    /// Case log: a CSV file with a header row, one row per case.
    pub file: PathBuf,
    #[command(flatten)]
    log: LogArgs,
    /// Output format. The JSON holds every measure, with the end-to-end charts
    /// summarised (phases, limits, counts); its size does not grow with the log.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// With --format json: the full report, every end-to-end chart point by point
    /// and every open case (hundreds of MB for a few hundred thousand cases).
    #[arg(long)]
    pub detail: bool,
    /// Write one row per case to this CSV file: its dates, type, class, channel,
    /// end-to-end time, and the point type it has on the all-demand chart and on
    /// its demand type's chart.
    #[arg(long, value_name = "FILE")]
    pub cases: Option<PathBuf>,
}

/// The bundled example: a synthetic housing-repairs case log (examples/repairs-cases.csv).
const EXAMPLE: &str = include_str!("../../../examples/repairs-cases.csv");
/// The example service's redesign, which `measures report` without a file marks.
const EXAMPLE_CHANGE: &str = "2025-01-06";
/// The example's column naming the area team of each case.
const EXAMPLE_UNIT: &str = "patch";

#[derive(Args)]
pub struct ReportArgs {
    /// Case log CSV; without it, the bundled example (a council repairs service,
    /// redesigned on 2025-01-06, timed in working days in England).
    pub file: Option<PathBuf>,
    #[command(flatten)]
    log: LogArgs,
    /// Where to write the HTML report.
    #[arg(short, long, default_value = "report.html")]
    output: PathBuf,
    /// Title of the report [default: from the file name].
    #[arg(long)]
    title: Option<String>,
    /// No progress messages on standard error.
    #[arg(long)]
    quiet: bool,
}

/// How to read a case log and what to compute from it (shared by `demand` and `report`).
#[derive(Args)]
pub struct LogArgs {
    /// Column with the case reference.
    #[arg(long, default_value = "id")]
    id: String,
    /// Column with the time the demand was received (2024-03-31, 31/03/2024,
    /// 2024-03-31 09:15 in UK time, or ISO 8601 with an offset).
    #[arg(long, default_value = "received")]
    received: String,
    /// Column with the time the need was met; an empty cell is an open case.
    #[arg(long, default_value = "closed")]
    closed: String,
    /// Column with the demand type [default: type, when the file has it].
    #[arg(long = "type")]
    demand_type: Option<String>,
    /// Column with the class, value or failure [default: class, when the file has it].
    #[arg(long)]
    class: Option<String>,
    /// Column with the channel [default: channel, when the file has it].
    #[arg(long)]
    channel: Option<String>,
    /// Column with the number of handoffs [default: handoffs, when the file has it].
    #[arg(long)]
    handoffs: Option<String>,
    /// Column with the reference of an earlier case this one repeats [default: linked_to].
    #[arg(long)]
    linked: Option<String>,
    /// Period for demand volume and failure demand.
    #[arg(long, value_enum, default_value_t = PeriodArg::Week)]
    period: PeriodArg,
    /// The file's field delimiter [default: found from the header: comma, semicolon, tab or |].
    #[arg(long, value_parser = crate::args::parse_delimiter)]
    delimiter: Option<u8>,
    /// The years a case's times must fall in, FIRST:LAST [default: 1900:2100]; a date
    /// outside them is an error naming its row (usually a mistyped year).
    #[arg(long, value_name = "FIRST:LAST", value_parser = parse_years)]
    years: Option<(i32, i32)>,
    /// Measure end-to-end time in working days, closing this nation's bank holidays.
    #[arg(long, value_enum, value_name = "NATION")]
    working_days: Option<NationArg>,
    /// Unit of end-to-end times (working-days without --working-days closes weekends only).
    #[arg(long, value_enum)]
    time_unit: Option<UnitArg>,
    /// Column naming the team, area or office that handled each case: the report then
    /// compares the units on funnel plots (failure demand, share within the
    /// threshold). (calendar-days, hours or working-days here mean --time-unit, as
    /// this flag once did.)
    #[arg(long, value_name = "COL")]
    unit: Option<String>,
    /// An extra day the service was closed (2024-12-24 or 24/12/2024). Repeatable.
    #[arg(long, value_name = "DATE")]
    closure: Vec<String>,
    /// A change to the system on this date (2025-01-06 or 06/01/2025): limits are
    /// recalculated from it. It must fall within the log. Repeatable.
    #[arg(long, value_name = "DATE")]
    change: Vec<String>,
    /// Age open cases to this time [default: the latest time in the log].
    #[arg(long, value_name = "TIME")]
    as_of: Option<String>,
    /// Chart for the failure-demand rate: auto switches from p to Laney's p′ when the volumes call for it.
    #[arg(long, value_enum, default_value_t = FailureChartArg::Auto)]
    failure_chart: FailureChartArg,
    /// End-to-end threshold: report the share of cases within it.
    #[arg(long)]
    threshold: Option<f64>,
    /// The unit or units (of --unit's column) that piloted a change, comma-separated:
    /// the report compares them with the rest on failure demand and end-to-end time.
    #[arg(long, value_delimiter = ',', requires = "unit")]
    pilot: Vec<String>,
    /// The day the pilot's change began [default: the first --change].
    #[arg(long, value_name = "DATE", requires = "pilot")]
    pilot_change: Option<String>,
    /// Confidence level of the intervals.
    #[arg(long, default_value_t = 0.95)]
    level: f64,
}

use crate::args::PeriodArg;

/// `FIRST:LAST` years.
fn parse_years(text: &str) -> Result<(i32, i32), String> {
    let (a, b) = text
        .split_once(':')
        .ok_or_else(|| format!("{text:?}: give FIRST:LAST, e.g. 1900:2100"))?;
    let year = |y: &str| {
        y.trim()
            .parse::<i32>()
            .map_err(|_| format!("{y:?} is not a year"))
    };
    let (first, last) = (year(a)?, year(b)?);
    if first > last || !(0..=9999).contains(&first) || !(0..=9999).contains(&last) {
        return Err(format!(
            "{text:?}: give two years from 0 to 9999, the first no later than the last"
        ));
    }
    Ok((first, last))
}

#[derive(Clone, Copy, ValueEnum)]
enum NationArg {
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

#[derive(Clone, Copy, ValueEnum)]
enum UnitArg {
    CalendarDays,
    Hours,
    WorkingDays,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailureChartArg {
    Auto,
    P,
    PPrime,
}

/// A date option, in any form a case log's cells may use (2025-01-06, 06/01/2025).
fn date_option(option: &str, text: &str) -> Result<NaiveDate, CliError> {
    Timestamp::parse(text)
        .map(|t| t.local_date)
        .map_err(|e| CliError::Usage(format!("{option}: {e}")))
}

/// Read the log, checking every cell, naming the line and column of the first bad
/// one; with the notes on how the file was read (rows skipped).
fn read_log(args: &LogArgs, file: Option<&Path>) -> Result<(CaseLog, Vec<String>), CliError> {
    // The bundled example names each case's area team in `patch`.
    let unit_col = unit_column(args).or(file.is_none().then_some(EXAMPLE_UNIT));
    let optional = |given: &Option<String>, default: &'static str| {
        given
            .clone()
            .map_or((default.to_string(), false), |g| (g, true))
    };
    let names = [
        (args.id.clone(), true),
        (args.received.clone(), true),
        (args.closed.clone(), true),
        optional(&args.demand_type, "type"),
        optional(&args.class, "class"),
        optional(&args.channel, "channel"),
        optional(&args.handoffs, "handoffs"),
        optional(&args.linked, "linked_to"),
        (unit_col.unwrap_or_default().to_string(), true),
    ];
    let names = &names[..if unit_col.is_some() { 9 } else { 8 }];
    let wanted: Vec<(&str, Want<'_>)> = CASE_FIELDS
        .iter()
        .zip(names)
        .map(|(field, (n, r))| {
            let want = if *r {
                Want::required(n)
            } else {
                Want::optional(n)
            };
            (*field, want)
        })
        .collect();
    let read = ReadOptions {
        delimiter: args.delimiter,
    };
    let path = file.map_or("(bundled example)".to_string(), |p| p.display().to_string());
    // The log is built a block of the file at a time, each block's text let go once
    // its cases are read: a ten-million-case file is never held whole.
    let mut reader = CaseLogReader::new(&wanted, read, args.years)
        .map_err(|e| measure_error(&path, &[], None, e))?;
    let io = |source| CliError::Io {
        path: path.clone(),
        source,
    };
    let read = match file {
        Some(file) => {
            let file = std::fs::File::open(file).map_err(io)?;
            reader.set_size(file.metadata().map_or(0, |m| m.len()));
            reader.read_from(file)
        }
        None => reader.read_from(EXAMPLE.as_bytes()),
    };
    let log = read.map_err(|e| match e {
        ReadFailure::Source(source) => io(source),
        ReadFailure::Log(e) => measure_error_at(&path, |row| reader.line_of(row), None, e),
    })?;
    let notes = reader.notes();
    drop(reader);
    // The blocks' text is not asked for again: back to the system before the
    // measures' own peak.
    measures_alloc::release_freed_memory();
    Ok((log, notes))
}

/// `--unit`'s values that name a unit of time, as the flag once took: read as
/// `--time-unit`.
fn legacy_time_unit(args: &LogArgs) -> Option<UnitArg> {
    let given = args.unit.as_deref()?;
    UnitArg::from_str(&given.replace('_', "-"), true).ok()
}

/// The column naming each case's unit, if one was given.
fn unit_column(args: &LogArgs) -> Option<&str> {
    args.unit
        .as_deref()
        .filter(|_| legacy_time_unit(args).is_none())
}

fn options(args: &LogArgs) -> Result<DemandOptions, CliError> {
    let unit = match (args.time_unit.or(legacy_time_unit(args)), args.working_days) {
        (Some(UnitArg::CalendarDays), _) => TimeUnit::CalendarDays,
        (Some(UnitArg::Hours), _) => TimeUnit::Hours,
        (Some(UnitArg::WorkingDays), _) | (None, Some(_)) => TimeUnit::WorkingDays,
        (None, None) => TimeUnit::CalendarDays,
    };
    Ok(DemandOptions {
        period: args.period.into(),
        unit,
        nation: args.working_days.map(|n| match n {
            NationArg::EnglandAndWales => Nation::EnglandAndWales,
            NationArg::Scotland => Nation::Scotland,
            NationArg::NorthernIreland => Nation::NorthernIreland,
        }),
        closures: args
            .closure
            .iter()
            .map(|c| date_option("--closure", c))
            .collect::<Result<_, _>>()?,
        as_of: args
            .as_of
            .as_deref()
            .map(|t| Timestamp::parse(t).map_err(|e| CliError::Usage(format!("--as-of: {e}"))))
            .transpose()?,
        failure_chart: match args.failure_chart {
            FailureChartArg::Auto => FailureChart::Auto,
            FailureChartArg::P => FailureChart::P,
            FailureChartArg::PPrime => FailureChart::PPrime,
        },
        changes: args
            .change
            .iter()
            .map(|c| date_option("--change", c))
            .collect::<Result<_, _>>()?,
        rules: None,
        threshold: args.threshold,
        level: args.level,
        pilot: args.pilot.iter().map(|p| p.trim().to_string()).collect(),
        pilot_change: args
            .pilot_change
            .as_deref()
            .map(|d| date_option("--pilot-change", d))
            .transpose()?,
    })
}

pub fn run(args: &DemandArgs) -> Result<(), CliError> {
    let (log, notes) = read_log(&args.log, Some(&args.file))?;
    let options = options(&args.log)?;
    let path = args.file.display().to_string();
    let mut report =
        demand_report(&log, &options).map_err(|e| measure_error(&path, &[], None, e))?;
    report.notes.extend(notes);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if let Some(file) = &args.cases {
        write_cases(file, &log, &report)?;
    }
    match args.format {
        Format::Json if args.detail => {
            serde_json::to_writer(&mut out, &report).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Json => {
            serde_json::to_writer(&mut out, &report.brief()).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Table => write_summary(&mut crate::table::Printable::new(&mut out), &report)?,
    }
    out.flush()?;
    Ok(())
}

/// One row per case: what the log says of it and where it falls on the end-to-end
/// charts (empty for an open case, or one left off a chart).
fn write_cases(file: &Path, log: &CaseLog, report: &DemandReport) -> Result<(), CliError> {
    // Where each charted case is: its time and point type, by reference.
    let mut on_chart: HashMap<&str, (f64, &'static str)> = HashMap::new();
    let mut on_type_chart: HashMap<&str, &'static str> = HashMap::new();
    if let Some(chart) = &report.end_to_end.chart {
        for (k, id) in report.end_to_end.ids.iter().enumerate() {
            on_chart.insert(id, (chart.values[k], chart.point_type[k].name()));
        }
    }
    for group in &report.end_to_end_by_type {
        if let Some(chart) = &group.chart {
            for (k, id) in group.ids.iter().enumerate() {
                on_type_chart.insert(id, chart.point_type[k].name());
            }
        }
    }
    let failed =
        |e: csv::Error| CliError::Output(io::Error::other(format!("{}: {e}", file.display())));
    let mut w = csv::Writer::from_path(file).map_err(failed)?;
    w.write_record([
        "id",
        "received",
        "closed",
        "type",
        "class",
        "channel",
        "end_to_end",
        "point_type",
        "point_type_in_type",
    ])
    .map_err(failed)?;
    for case in log.iter() {
        let (time, point_type) = on_chart
            .get(case.id)
            .map_or((String::new(), ""), |&(t, p)| (t.to_string(), p));
        w.write_record([
            case.id,
            &case.received.local_date.to_string(),
            &case
                .closed
                .map_or(String::new(), |t| t.local_date.to_string()),
            case.demand_type.unwrap_or(""),
            case.class.name(),
            case.channel.unwrap_or(""),
            &time,
            point_type,
            on_type_chart.get(case.id).copied().unwrap_or(""),
        ])
        .map_err(failed)?;
    }
    w.flush()?;
    Ok(())
}

/// `measures report`: the HTML demand report, with progress on standard error for
/// large logs.
pub fn report(args: &ReportArgs) -> Result<(), CliError> {
    let started = std::time::Instant::now();
    let progress = |what: &str| {
        if !args.quiet {
            eprintln!(
                "measures report: {what} ({:.1} s)",
                started.elapsed().as_secs_f64()
            );
        }
    };
    let shown = args
        .file
        .as_ref()
        .map_or("examples/repairs-cases.csv (bundled)".to_string(), |f| {
            f.display().to_string()
        });
    progress(&format!("reading {shown}"));
    let (log, notes) = read_log(&args.log, args.file.as_deref())?;
    let mut options = options(&args.log)?;
    if args.file.is_none() {
        // The bundled example's own settings, unless asked otherwise.
        if options.changes.is_empty() {
            options
                .changes
                .push(date_option("--change", EXAMPLE_CHANGE)?);
        }
        if options.nation.is_none()
            && args.log.time_unit.is_none()
            && legacy_time_unit(&args.log).is_none()
        {
            options.nation = Some(Nation::EnglandAndWales);
            options.unit = TimeUnit::WorkingDays;
        }
    }
    progress(&format!("{} cases read; computing the measures", log.len()));
    let mut report =
        demand_report(&log, &options).map_err(|e| measure_error(&shown, &[], None, e))?;
    report.notes.extend(notes);
    // The drawing reads the report alone: the log's columns go first.
    drop(log);
    measures_alloc::release_freed_memory();
    progress("drawing the charts");
    let title = args.title.clone().unwrap_or_else(|| match &args.file {
        None => "Housing repairs (example): demand and end-to-end time".into(),
        Some(f) => format!(
            "{}: demand and end-to-end time",
            f.file_stem()
                .map_or("Case log".into(), |s| s.to_string_lossy().into_owned())
        ),
    });
    let html = measures_render::report::demand_html(&report, &title, &shown);
    crate::output::write_file(&args.output, &html)?;
    progress(&format!("wrote {}", args.output.display()));
    Ok(())
}

/// The report in words and small tables.
pub fn write_summary(out: &mut impl Write, r: &DemandReport) -> io::Result<()> {
    writeln!(
        out,
        "{} cases received {} to {}; {} still open (median age {:.1} {})",
        r.cases,
        r.from.local_date,
        r.as_of.local_date,
        r.open.count,
        r.open.median_age,
        r.options.unit.words()
    )?;
    for sentence in &r.narrative {
        writeln!(out, "  {sentence}")?;
    }
    writeln!(
        out,
        "\nend to end (all demand, {} closed cases)",
        r.end_to_end.closed
    )?;
    match (&r.end_to_end.capability, &r.end_to_end.error) {
        (Some(c), _) => writeln!(out, "  {}", c.statement.text)?,
        (None, Some(e)) => writeln!(out, "  no chart: {e}")?,
        _ => {}
    }
    for g in &r.end_to_end_by_type {
        if let Some(c) = &g.capability {
            writeln!(out, "  {}: {}", g.group, c.statement.text)?;
        }
    }
    if let Some(f) = &r.failure_demand {
        writeln!(
            out,
            "\nfailure demand: {} of {} classified cases ({:.1}%), {} chart, latest point: {}",
            f.failure,
            f.failure + f.value,
            f.rate * 100.0,
            f.chart.chart_type.name(),
            f.chart.variation.name().replace('_', " ")
        )?;
    }
    if let Some(chart) = &r.volume.chart {
        let phase = chart.phases.last();
        writeln!(
            out,
            "\ndemand per {} (latest phase): on average {:.1}, between {:.1} and {:.1}; signals: {}",
            r.options.period.name(),
            phase.map_or(f64::NAN, |p| p.centre),
            phase.map_or(f64::NAN, |p| p.lower.max(0.0)),
            phase.map_or(f64::NAN, |p| p.upper),
            chart.signals.len()
        )?;
    }
    for (title, p) in [
        ("value demand", &r.pareto_value),
        ("failure demand", &r.pareto_failure),
    ] {
        writeln!(out, "\n{title} by type ({} cases)", p.total)?;
        for row in p.rows.iter().take(8) {
            writeln!(
                out,
                "  {:<32} {:>7}  {:>5.1}%  {:>5.1}% cumulative",
                row.demand_type,
                row.count,
                row.share * 100.0,
                row.cumulative_share * 100.0
            )?;
        }
    }
    for (name, found) in [
        ("demand per period", r.volume.suggested_phases.as_ref()),
        (
            "failure demand",
            r.failure_demand
                .as_ref()
                .and_then(|f| f.suggested_phases.as_ref()),
        ),
    ] {
        for s in found.map_or(&[][..], |f| &f.suggestions[..]) {
            writeln!(
                out,
                "\nsuggested change in {name} (not applied): {}",
                s.text
            )?;
        }
    }
    if let Some(c) = &r.units {
        for (title, f) in [
            ("failure demand".to_string(), &c.failure_demand),
            (
                format!(
                    "completed within {} {}",
                    c.threshold_words(),
                    r.options.unit.words()
                ),
                &c.within_threshold,
            ),
        ] {
            let Some(f) = f else { continue };
            writeln!(out, "\n{title} by unit, ranked by z: {}", f.summary)?;
            for u in f.units.iter().rev() {
                writeln!(
                    out,
                    "  {:<24} {:>5.1}% of {:>7}  z {:>6.2}  {}",
                    u.unit,
                    u.value * 100.0,
                    u.denominator,
                    u.z,
                    f.variation(u).name().replace('_', " ")
                )?;
            }
        }
    }
    if let Some(p) = &r.pilot {
        writeln!(
            out,
            "\npilot ({}) against the rest, from {}:",
            p.pilot.join(", "),
            p.change
        )?;
        for (measure, c) in [
            ("failure demand", &p.failure_demand),
            ("end-to-end time", &p.end_to_end),
        ] {
            if let Some(c) = c {
                writeln!(out, "  {measure}: {}", c.text)?;
            }
        }
        for n in &p.notes {
            writeln!(out, "  note: {n}")?;
        }
    }
    if let Some(f) = &r.flow.first_contact_resolution {
        writeln!(out, "\nresolved at first contact: {:.1}%", f.value * 100.0)?;
    }
    writeln!(
        out,
        "repeat demand: {} cases ({:.1}%)",
        r.flow.repeat_cases,
        r.flow.repeat_share.value * 100.0
    )?;
    for n in &r.notes {
        writeln!(out, "note: {n}")?;
    }
    Ok(())
}
