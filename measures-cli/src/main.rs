//! `measures`: SPC charts from a CSV file, printed as JSON or as a table.
//!
//! ```text
//! measures xmr FILE.csv --value COL [--label COL] [--direction higher|lower|neither]
//!              [--target X] [--rules nhs] [--phase-at LABEL ...] [--format json|table]
//! measures run FILE.csv --value COL [--label COL] ...
//! ```

mod error;
mod input;
mod table;

use clap::{Args, Parser, Subcommand, ValueEnum};
use error::CliError;
use input::CsvSeries;
use measures_core::{
    run_chart, xmr, Baseline, CentreLine, Chart, ChartOptions, Direction, LimitConstant,
    RuleConfig, RuleSet, Series, Spread, XmrOptions,
};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "measures",
    version,
    about = "Outcome measures for public services: SPC charts with special-cause rules and icons",
    long_about = "Outcome measures for public services.\n\nReads a CSV file with a header row and prints a chart as JSON (the shape is documented in docs/json.md) or as a table."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// XmR chart (individuals and moving range), Making Data Count style.
    Xmr {
        #[command(flatten)]
        common: CommonArgs,
        /// Centre line: the mean (Making Data Count) or the median.
        #[arg(long, value_enum, default_value_t = CentreArg::Mean)]
        centre: CentreArg,
        /// Limits from the mean moving range or the median moving range (Wheeler's 3.145).
        #[arg(long = "moving-range", value_enum, default_value_t = SpreadArg::Mean)]
        moving_range: SpreadArg,
        /// Three-sigma constant for the mean moving range: nhs = 2.66, textbook = 3/1.128.
        #[arg(long, value_enum, default_value_t = ConstantArg::Nhs)]
        constant: ConstantArg,
        /// Do not screen out moving ranges above 3.267 × their mean before computing limits.
        #[arg(long)]
        no_screen: bool,
    },
    /// Run chart around the median, with Anhøj's runs rules.
    Run {
        #[command(flatten)]
        common: CommonArgs,
    },
}

#[derive(Args)]
struct CommonArgs {
    /// CSV file with a header row, one row per point in time order.
    file: PathBuf,
    /// Column holding the values.
    #[arg(long)]
    value: String,
    /// Column holding the point labels (usually dates, YYYY-MM-DD).
    #[arg(long)]
    label: Option<String>,
    /// Improvement direction.
    #[arg(long, value_enum, default_value_t = DirectionArg::Neither)]
    direction: DirectionArg,
    /// Target, for the assurance icon (needs --direction higher or lower).
    #[arg(long, allow_negative_numbers = true)]
    target: Option<f64>,
    /// Special-cause rule set (default: nhs for control charts, anhoej for run charts).
    #[arg(long, value_enum)]
    rules: Option<RulesArg>,
    /// Points in a row on one side of the centre that make a shift (default per rule set).
    #[arg(long)]
    shift: Option<usize>,
    /// Points in a row rising or falling that make a trend (default per rule set).
    #[arg(long)]
    trend: Option<usize>,
    /// Start a new phase (recalculate limits) at this point: a label, or a row number
    /// without --label. Repeat for more phases.
    #[arg(long = "phase-at", value_name = "LABEL")]
    phase_at: Vec<String>,
    /// Compute each phase's limits from its first N points and extend them.
    #[arg(long, value_name = "N", conflicts_with = "baseline_until")]
    baseline: Option<usize>,
    /// Compute the limits of the phase holding this point from its start through it.
    #[arg(long, value_name = "LABEL")]
    baseline_until: Option<String>,
    /// Leave this point out of the limit calculation (still plotted and tested). Repeatable.
    #[arg(long, value_name = "LABEL")]
    exclude: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Table,
}

#[derive(Clone, Copy, ValueEnum)]
enum DirectionArg {
    Higher,
    Lower,
    Neither,
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesArg {
    Nhs,
    WesternElectric,
    Nelson,
    Anhoej,
    Limits,
    None,
}

#[derive(Clone, Copy, ValueEnum)]
enum CentreArg {
    Mean,
    Median,
}

#[derive(Clone, Copy, ValueEnum)]
enum SpreadArg {
    Mean,
    Median,
}

#[derive(Clone, Copy, ValueEnum)]
enum ConstantArg {
    Nhs,
    Textbook,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`measures ... | head`) is not an error.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("measures: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    let (common, chart) = match &cli.command {
        Command::Xmr {
            common,
            centre,
            moving_range,
            constant,
            no_screen,
        } => {
            let settings = XmrOptions {
                centre: match centre {
                    CentreArg::Mean => CentreLine::Mean,
                    CentreArg::Median => CentreLine::Median,
                },
                spread: match moving_range {
                    SpreadArg::Mean => Spread::MeanMovingRange,
                    SpreadArg::Median => Spread::MedianMovingRange,
                },
                constant: match constant {
                    ConstantArg::Nhs => LimitConstant::Nhs,
                    ConstantArg::Textbook => LimitConstant::ThreeOverD2,
                },
                screen_moving_ranges: !no_screen,
            };
            (
                common,
                chart_from_csv(common, RuleSet::Nhs, |s, o| xmr(s, o, &settings))?,
            )
        }
        Command::Run { common } => (common, chart_from_csv(common, RuleSet::Anhoej, run_chart)?),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match common.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &chart).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        Format::Table => table::write(&mut out, &chart)?,
    }
    Ok(())
}

/// Read the CSV, turn the common arguments into chart options, and build the chart.
fn chart_from_csv(
    args: &CommonArgs,
    default_rules: RuleSet,
    build: impl Fn(Series<'_>, &ChartOptions) -> measures_core::Result<Chart>,
) -> Result<Chart, CliError> {
    let data = CsvSeries::read(&args.file, &args.value, args.label.as_deref())?;
    let mut series = Series::new(&data.values).map_err(|e| data.measure_error(e))?;
    if let Some(labels) = &data.labels {
        series = series
            .with_labels(labels)
            .map_err(|e| data.measure_error(e))?;
    }
    let options = ChartOptions {
        direction: match args.direction {
            DirectionArg::Higher => Direction::HigherIsBetter,
            DirectionArg::Lower => Direction::LowerIsBetter,
            DirectionArg::Neither => Direction::Neither,
        },
        target: args.target,
        rules: rule_config(args, default_rules),
        phase_starts: args
            .phase_at
            .iter()
            .map(|l| data.point("--phase-at", l))
            .collect::<Result<_, _>>()?,
        baseline: match (&args.baseline, &args.baseline_until) {
            (Some(n), _) => Some(Baseline::FirstPoints(*n)),
            (None, Some(label)) => Some(Baseline::Through(data.point("--baseline-until", label)?)),
            (None, None) => None,
        },
        exclude: args
            .exclude
            .iter()
            .map(|l| data.point("--exclude", l))
            .collect::<Result<_, _>>()?,
    };
    build(series, &options).map_err(|e| data.measure_error(e))
}

/// The rule set asked for, with any run-length overrides applied to it (or to the
/// chart's default set when only --shift or --trend is given).
fn rule_config(args: &CommonArgs, default_rules: RuleSet) -> Option<RuleConfig> {
    let set = args.rules.map(|r| match r {
        RulesArg::Nhs => RuleSet::Nhs,
        RulesArg::WesternElectric => RuleSet::WesternElectric,
        RulesArg::Nelson => RuleSet::Nelson,
        RulesArg::Anhoej => RuleSet::Anhoej,
        RulesArg::Limits => RuleSet::Limits,
        RulesArg::None => RuleSet::None,
    });
    match (set, args.shift, args.trend) {
        (None, None, None) => None,
        (set, shift, trend) => Some(RuleConfig {
            set: set.unwrap_or(default_rules),
            shift,
            trend,
        }),
    }
}
