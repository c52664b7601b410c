//! `measures capability`: the capability statement from an XmR chart of the values,
//! and, against specification limits, the indices, a normality check and the
//! non-normal alternatives.

use super::charts::{self, Columns};
use crate::args::{CommonArgs, Format, ValueArg, XmrArgs};
use crate::error::CliError;
use crate::input::measure_error;
use clap::{Args, ValueEnum};
use measures_core::capability::{
    capability_report, CapabilityReport, Estimate, IndexMethod, ReportOptions, Specification,
    StatementOptions,
};
use measures_core::{Chart, ChartSpec};
use serde::Serialize;
use std::io::{self, Write};

/// The `capability` command: an XmR chart of the values, and what it says.
#[derive(Args)]
pub struct CapabilityCommand {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub value: ValueArg,
    #[command(flatten)]
    pub xmr: XmrArgs,
    #[command(flatten)]
    pub capability: CapabilityArgs,
}

/// The capability settings: specification limits, method, and the statement's words.
#[derive(Args)]
pub struct CapabilityArgs {
    /// Lower specification limit.
    #[arg(long, allow_negative_numbers = true)]
    lsl: Option<f64>,
    /// Upper specification limit.
    #[arg(long, allow_negative_numbers = true)]
    usl: Option<f64>,
    /// Confidence level of the intervals.
    #[arg(long, default_value_t = 0.95)]
    level: f64,
    /// How the indices treat the data's shape: normal theory, ISO 22514-2 percentiles,
    /// or normal theory after a Box-Cox transform.
    #[arg(long, value_enum, default_value_t = MethodArg::Normal)]
    method: MethodArg,
    /// Box-Cox power to use instead of estimating it (with --method box-cox).
    #[arg(long, allow_negative_numbers = true)]
    lambda: Option<f64>,
    /// Report the share of values that met this threshold (at or below it with
    /// --direction lower or an upper limit only; at or above with --direction higher).
    #[arg(long, allow_negative_numbers = true)]
    threshold: Option<f64>,
    /// The least value possible (0 for times): a lower process limit below it is quoted as it.
    #[arg(long, allow_negative_numbers = true)]
    floor: Option<f64>,
    /// Unit for the statement, e.g. "days".
    #[arg(long, default_value = "")]
    unit: String,
    /// Phase to describe (1 is the first, as statements count them); the latest by default.
    #[arg(long)]
    phase: Option<usize>,
}

#[derive(Clone, Copy, ValueEnum)]
enum MethodArg {
    Normal,
    Percentile,
    BoxCox,
}

/// The core's report with the chart it came from; documented in docs/json.md.
#[derive(Serialize)]
struct Report {
    #[serde(flatten)]
    report: CapabilityReport,
    chart: Chart,
}

/// Run `measures capability`.
pub fn run(command: &CapabilityCommand) -> Result<(), CliError> {
    let (common, args) = (&command.common, &command.capability);
    let columns = Columns::Values {
        value: command.value.value.as_deref(),
        denominator: None,
    };
    let chart = charts::compute(common, columns, &ChartSpec::Xmr(command.xmr.options()))?;
    let path = common.file.display().to_string();
    let fail = |e| measure_error(&path, &[], None, e);
    let specification = if args.lsl.is_some() || args.usl.is_some() {
        Some(Specification::new(args.lsl, args.usl, common.target).map_err(fail)?)
    } else {
        None
    };
    let options = ReportOptions {
        statement: StatementOptions {
            phase: match args.phase {
                Some(0) => {
                    return Err(CliError::Usage(
                        "--phase counts from 1 (the first phase), as statements do".into(),
                    ))
                }
                other => other.map(|p| p - 1),
            },
            floor: args.floor,
            unit: args.unit.clone(),
            ..StatementOptions::default()
        },
        specification,
        level: args.level,
        method: match args.method {
            MethodArg::Normal if args.lambda.is_some() => {
                return Err(CliError::Usage(
                    "--lambda goes with --method box-cox".into(),
                ))
            }
            MethodArg::Normal => IndexMethod::Normal,
            MethodArg::Percentile => IndexMethod::Percentile,
            MethodArg::BoxCox => IndexMethod::BoxCox {
                lambda: args.lambda,
            },
        },
        threshold: args.threshold,
        direction: common.direction_value(),
    };
    let report = Report {
        report: capability_report(&chart, &options).map_err(fail)?,
        chart,
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match common.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &report).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Table => write_table(&mut crate::table::Printable::new(&mut out), &report.report)?,
    }
    Ok(())
}

fn write_table(out: &mut impl Write, r: &CapabilityReport) -> io::Result<()> {
    writeln!(out, "{}", r.statement.text)?;
    if let Some(n) = &r.normality {
        writeln!(
            out,
            "\nnormality (Anderson-Darling): A² = {:.4}, p = {:.4}{}",
            n.statistic,
            n.p_value,
            if n.p_value < 0.05 {
                "; the data are not normal: prefer --method percentile or box-cox"
            } else {
                ""
            }
        )?;
    }
    let indices = r
        .indices
        .as_ref()
        .or(r.box_cox.as_ref().map(|b| &b.indices));
    if let Some(b) = &r.box_cox {
        writeln!(out, "\nBox-Cox lambda {:.3}", b.transform.lambda)?;
    }
    if let Some(c) = indices {
        writeln!(
            out,
            "\nn {}  mean {:.4}  sigma within {:.4} ({})  sigma overall {:.4}",
            c.n,
            c.mean,
            c.sigma_within,
            c.within.name().replace('_', " "),
            c.sigma_overall
        )?;
        let level = format!("{:.0}% interval", c.level * 100.0);
        writeln!(out, "{:<6} {:>9}  {level}", "index", "value")?;
        let rows: [(&str, Option<Estimate>); 10] = [
            ("Cp", c.cp),
            ("Cpl", c.cpl),
            ("Cpu", c.cpu),
            ("Cpk", c.cpk),
            ("Cpm", c.cpm),
            ("Pp", c.pp),
            ("Ppl", c.ppl),
            ("Ppu", c.ppu),
            ("Ppk", c.ppk),
            ("Ppm", c.ppm),
        ];
        for (name, e) in rows {
            if let Some(e) = e {
                writeln!(
                    out,
                    "{name:<6} {:>9.4}  {:.4} to {:.4}",
                    e.value, e.lower, e.upper
                )?;
            }
        }
        writeln!(
            out,
            "out of specification: expected {:.1} ppm (within), {:.1} ppm (overall); observed {:.1} ppm",
            c.expected_within.total_ppm, c.expected_overall.total_ppm, c.observed.total_ppm
        )?;
        for note in &c.notes {
            writeln!(out, "note: {note}")?;
        }
    }
    if let Some(p) = &r.percentile {
        writeln!(
            out,
            "\npercentiles: 0.135% {:.4}, median {:.4}, 99.865% {:.4}",
            p.p00135, p.median, p.p99865
        )?;
        for (name, v) in [("Pp", p.pp), ("Ppl", p.ppl), ("Ppu", p.ppu), ("Ppk", p.ppk)] {
            if let Some(v) = v {
                writeln!(out, "{name:<6} {v:>9.4}")?;
            }
        }
        for note in &p.notes {
            writeln!(out, "note: {note}")?;
        }
    }
    if let Some(w) = &r.within_threshold {
        writeln!(
            out,
            "\n{} of {} met the threshold {} ({:.1}%, {:.0}% interval {:.1}% to {:.1}%)",
            w.met,
            w.total,
            w.threshold,
            w.share.value * 100.0,
            w.level * 100.0,
            w.share.lower * 100.0,
            w.share.upper * 100.0
        )?;
    }
    Ok(())
}
