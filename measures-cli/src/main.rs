//! `measures`: SPC charts from a CSV file, printed as JSON or as a table.
//!
//! ```text
//! measures xmr FILE.csv --value COL [--label COL] [--direction higher|lower|neither]
//!              [--target X] [--rules nhs] [--phase-at LABEL ...] [--format json|table]
//! measures p FILE.csv --numerator COL --denominator COL [--label COL] ...
//! measures xbar-r FILE.csv --value COL --subgroup COL ...
//! ```
//! Every sub-command prints the same JSON shape (docs/json.md).

mod capability;
mod demand;
mod error;
mod input;
mod table;

use clap::{Args, Parser, Subcommand, ValueEnum};
use error::CliError;
use input::{measure_error, CsvData};
use measures_core::attribute::{self, AttributeOptions};
use measures_core::cusum::{cusum, CusumOptions};
use measures_core::ewma::{ewma, EwmaOptions};
use measures_core::rare::{g_chart, t_chart};
use measures_core::subgroup::{xbar_r, xbar_s, Estimator, SubgroupOptions, Subgroups};
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
        #[command(flatten)]
        value: ValueArg,
        #[command(flatten)]
        xmr: XmrArgs,
    },
    /// Run chart around the median, with Anhøj's runs rules.
    Run {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        value: ValueArg,
    },
    /// X-bar chart with an R chart, from individual observations grouped into subgroups.
    XbarR {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        groups: SubgroupArgs,
    },
    /// X-bar chart with an S chart, from individual observations grouped into subgroups.
    XbarS {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        groups: SubgroupArgs,
        /// How s̄ is formed: auto (average with equal sizes, pooled otherwise), mean, pooled.
        #[arg(long, value_enum, default_value_t = EstimatorArg::Auto)]
        estimator: EstimatorArg,
    },
    /// p chart: proportion of cases with an attribute (binomial).
    P {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        ratio: RatioArgs,
    },
    /// np chart: number of cases with an attribute (binomial).
    Np {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        ratio: RatioArgs,
    },
    /// c chart: counts of events in equal areas of opportunity (Poisson).
    C {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        value: ValueArg,
    },
    /// u chart: events per unit of opportunity (Poisson).
    U {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        ratio: RatioArgs,
    },
    /// Laney p′ chart: proportions with large denominators (over-dispersion).
    PPrime {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        ratio: RatioArgs,
        /// Screen the z-scores' moving ranges before estimating sigma_z.
        #[arg(long)]
        screen: bool,
    },
    /// Laney u′ chart: rates with large denominators (over-dispersion).
    UPrime {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        ratio: RatioArgs,
        /// Screen the z-scores' moving ranges before estimating sigma_z.
        #[arg(long)]
        screen: bool,
    },
    /// t chart: time between rare events (power-transformed XmR).
    T {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        value: ValueArg,
        #[command(flatten)]
        xmr: XmrArgs,
    },
    /// g chart: opportunities or days between rare events.
    G {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        value: ValueArg,
        /// Centre line: the median of the points (qicharts2) or the geometric
        /// median 0.693 × mean (Provost & Murray).
        #[arg(long, value_enum, default_value_t = GCentreArg::Median)]
        centre: GCentreArg,
    },
    /// Capability: what the process predictably delivers (from an XmR chart of the
    /// values, latest phase), and Cp/Cpk/Pp/Ppk against --lsl/--usl.
    Capability {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        value: ValueArg,
        #[command(flatten)]
        xmr: XmrArgs,
        #[command(flatten)]
        capability: capability::CapabilityArgs,
    },
    /// Demand analysis of a case log: volume, failure demand, Pareto, flow, and
    /// end-to-end capability overall and per demand type, with open cases.
    Demand(demand::DemandArgs),
    /// The demand report as one self-contained HTML file (charts, statements, Pareto,
    /// open cases, summary table). Without a file it uses the bundled example log.
    Report(demand::ReportArgs),
    /// Tabular CUSUM (upper sum, with the lower sum as companion).
    Cusum {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        value: ValueArg,
        #[command(flatten)]
        reference: ReferenceArgs,
        /// Reference value k, in sigma.
        #[arg(long, default_value_t = 0.5)]
        k: f64,
        /// Decision interval h, in sigma.
        #[arg(long, default_value_t = 5.0)]
        h: f64,
        /// Head start (fast initial response), in sigma.
        #[arg(long, default_value_t = 0.0)]
        head_start: f64,
    },
    /// EWMA chart.
    Ewma {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        value: ValueArg,
        #[command(flatten)]
        reference: ReferenceArgs,
        /// Weight of the newest point, 0 < lambda ≤ 1.
        #[arg(long, default_value_t = 0.2)]
        lambda: f64,
        /// Width of the limits in standard errors.
        #[arg(long, default_value_t = 3.0)]
        l: f64,
    },
}

#[derive(Args)]
struct CommonArgs {
    /// CSV file with a header row, one row per point (per observation for X-bar charts) in time order.
    file: PathBuf,
    /// Column holding the point labels (usually dates, YYYY-MM-DD).
    #[arg(long)]
    label: Option<String>,
    /// Improvement direction.
    #[arg(long, value_enum, default_value_t = DirectionArg::Neither)]
    direction: DirectionArg,
    /// Target, for the assurance icon (needs --direction higher or lower).
    #[arg(long, allow_negative_numbers = true)]
    target: Option<f64>,
    /// Special-cause rule set (default: nhs for control charts, anhoej for run and g
    /// charts, limits for CUSUM and EWMA).
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
    /// Also draw the chart, Making Data Count style, as an SVG file.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Title of the drawing [default: the chart type and file name].
    #[arg(long, requires = "svg")]
    title: Option<String>,
}

#[derive(Args)]
struct ValueArg {
    /// Column holding the values.
    #[arg(long)]
    value: String,
}

#[derive(Args)]
struct RatioArgs {
    /// Column holding the counts (cases with the attribute, or events).
    #[arg(long)]
    numerator: String,
    /// Column holding the denominators (all cases, or units of opportunity).
    #[arg(long)]
    denominator: String,
}

#[derive(Args)]
struct SubgroupArgs {
    /// Column holding the observations.
    #[arg(long)]
    value: String,
    /// Column naming each row's subgroup; a subgroup's rows must be consecutive.
    #[arg(long)]
    subgroup: String,
}

#[derive(Args)]
struct ReferenceArgs {
    /// Column holding subgroup sizes when the values are subgroup means (then --sigma is needed).
    #[arg(long)]
    size: Option<String>,
    /// Target mean mu0 (default: the mean of the points used).
    #[arg(long, allow_negative_numbers = true)]
    mean: Option<f64>,
    /// Sigma of one observation (default: mean moving range / 1.128).
    #[arg(long)]
    sigma: Option<f64>,
}

#[derive(Args)]
struct XmrArgs {
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
}

impl XmrArgs {
    fn options(&self) -> XmrOptions {
        XmrOptions {
            centre: match self.centre {
                CentreArg::Mean => CentreLine::Mean,
                CentreArg::Median => CentreLine::Median,
            },
            spread: match self.moving_range {
                SpreadArg::Mean => Spread::MeanMovingRange,
                SpreadArg::Median => Spread::MedianMovingRange,
            },
            constant: match self.constant {
                ConstantArg::Nhs => LimitConstant::Nhs,
                ConstantArg::Textbook => LimitConstant::ThreeOverD2,
            },
            screen_moving_ranges: !self.no_screen,
        }
    }
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

#[derive(Clone, Copy, ValueEnum)]
enum GCentreArg {
    Median,
    Geometric,
}

#[derive(Clone, Copy, ValueEnum)]
enum EstimatorArg {
    Auto,
    Mean,
    Pooled,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`measures ... | head`) is not an error.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "measures: {}",
                table::Printable::<std::io::Stderr>::clean(&e.to_string())
            );
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    let (common, chart) = match &cli.command {
        Command::Capability {
            common,
            value,
            xmr: x,
            capability: c,
        } => return capability::run(common, value, x, c),
        Command::Demand(args) => return demand::run(args),
        Command::Report(args) => return demand::report(args),
        Command::Xmr {
            common,
            value,
            xmr: x,
        } => {
            let settings = x.options();
            (
                common,
                single(common, &value.value, None, RuleSet::Nhs, |s, o| {
                    xmr(s, o, &settings)
                })?,
            )
        }
        Command::Run { common, value } => (
            common,
            single(common, &value.value, None, RuleSet::Anhoej, run_chart)?,
        ),
        Command::XbarR { common, groups } => (
            common,
            subgroups(common, groups, SubgroupOptions::default(), xbar_r)?,
        ),
        Command::XbarS {
            common,
            groups,
            estimator,
        } => {
            let settings = SubgroupOptions {
                estimator: match estimator {
                    EstimatorArg::Auto => Estimator::Auto,
                    EstimatorArg::Mean => Estimator::MeanStdDev,
                    EstimatorArg::Pooled => Estimator::PooledStdDev,
                },
            };
            (common, subgroups(common, groups, settings, xbar_s)?)
        }
        Command::P { common, ratio } => (
            common,
            ratio_chart(common, ratio, false, attribute::p_chart)?,
        ),
        Command::Np { common, ratio } => (
            common,
            ratio_chart(common, ratio, false, attribute::np_chart)?,
        ),
        Command::U { common, ratio } => (
            common,
            ratio_chart(common, ratio, false, attribute::u_chart)?,
        ),
        Command::PPrime {
            common,
            ratio,
            screen,
        } => (
            common,
            ratio_chart(common, ratio, *screen, attribute::p_prime_chart)?,
        ),
        Command::UPrime {
            common,
            ratio,
            screen,
        } => (
            common,
            ratio_chart(common, ratio, *screen, attribute::u_prime_chart)?,
        ),
        Command::C { common, value } => {
            let settings = AttributeOptions::default();
            (
                common,
                single(common, &value.value, None, RuleSet::Nhs, |s, o| {
                    attribute::c_chart(s, o, &settings)
                })?,
            )
        }
        Command::T {
            common,
            value,
            xmr: x,
        } => {
            let settings = x.options();
            (
                common,
                single(common, &value.value, None, RuleSet::Nhs, |s, o| {
                    t_chart(s, o, &settings)
                })?,
            )
        }
        Command::G {
            common,
            value,
            centre,
        } => {
            let settings = measures_core::rare::GOptions {
                centre: match centre {
                    GCentreArg::Median => measures_core::rare::GCentre::Median,
                    GCentreArg::Geometric => measures_core::rare::GCentre::Geometric,
                },
            };
            (
                common,
                single(common, &value.value, None, RuleSet::Anhoej, |s, o| {
                    g_chart(s, o, &settings)
                })?,
            )
        }
        Command::Cusum {
            common,
            value,
            reference,
            k,
            h,
            head_start,
        } => {
            let settings = CusumOptions {
                target: reference.mean,
                sigma: reference.sigma,
                k: *k,
                h: *h,
                head_start: *head_start,
            };
            let size = reference.size.as_deref();
            (
                common,
                single(common, &value.value, size, RuleSet::Limits, |s, o| {
                    cusum(s, o, &settings)
                })?,
            )
        }
        Command::Ewma {
            common,
            value,
            reference,
            lambda,
            l,
        } => {
            let settings = EwmaOptions {
                target: reference.mean,
                sigma: reference.sigma,
                lambda: *lambda,
                l: *l,
            };
            let size = reference.size.as_deref();
            (
                common,
                single(common, &value.value, size, RuleSet::Limits, |s, o| {
                    ewma(s, o, &settings)
                })?,
            )
        }
    };
    if let Some(path) = &common.svg {
        let title = common.title.clone().or_else(|| {
            common
                .file
                .file_stem()
                .map(|s| format!("{} chart: {}", chart.chart_type.name(), s.to_string_lossy()))
        });
        let svg = measures_render::chart_svg(
            &measures_render::ChartView::from_chart(&chart),
            &measures_render::SvgOptions {
                title,
                ..Default::default()
            },
        );
        write_file(path, &svg)?;
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match common.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &chart).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        Format::Table => table::write(&mut table::Printable::new(&mut out), &chart)?,
    }
    Ok(())
}

/// Write a file the command was asked to make, naming it if that fails.
fn write_file(path: &std::path::Path, text: &str) -> Result<(), CliError> {
    std::fs::write(path, text).map_err(|source| CliError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// A chart of one value column, with an optional denominator column.
fn single(
    args: &CommonArgs,
    value: &str,
    denominator: Option<&str>,
    default_rules: RuleSet,
    build: impl Fn(Series<'_>, &ChartOptions) -> measures_core::Result<Chart>,
) -> Result<Chart, CliError> {
    let mut columns = vec![value];
    columns.extend(denominator);
    let data = CsvData::read(&args.file, &columns, args.label.as_deref())?;
    let fail = |e| measure_error(&data.path, &data.lines, data.label_column.as_deref(), e);
    let mut series = Series::new(data.column(value)).map_err(fail)?;
    if let Some(d) = denominator {
        series = series.with_denominators(data.column(d)).map_err(fail)?;
    }
    if let Some(labels) = &data.labels {
        series = series.with_labels(labels).map_err(fail)?;
    }
    let options = chart_options(
        args,
        &data,
        data.labels.as_deref(),
        data.lines.len(),
        default_rules,
    )?;
    build(series, &options).map_err(fail)
}

/// A chart of counts over denominators (p, np, u, p′, u′).
fn ratio_chart(
    args: &CommonArgs,
    ratio: &RatioArgs,
    screen: bool,
    build: fn(Series<'_>, &ChartOptions, &AttributeOptions) -> measures_core::Result<Chart>,
) -> Result<Chart, CliError> {
    let settings = AttributeOptions {
        screen_moving_ranges: screen,
    };
    single(
        args,
        &ratio.numerator,
        Some(&ratio.denominator),
        RuleSet::Nhs,
        |s, o| build(s, o, &settings),
    )
}

/// An X-bar chart: rows are observations, grouped by the subgroup column.
fn subgroups(
    args: &CommonArgs,
    groups: &SubgroupArgs,
    settings: SubgroupOptions,
    build: fn(Subgroups<'_>, &ChartOptions, &SubgroupOptions) -> measures_core::Result<Chart>,
) -> Result<Chart, CliError> {
    if args.label.is_some() {
        return Err(CliError::Usage(
            "X-bar charts are labelled by their --subgroup column; leave out --label".into(),
        ));
    }
    let data = CsvData::read(&args.file, &[&groups.value], Some(&groups.subgroup))?;
    let input::SubgroupLayout {
        names,
        sizes,
        lines,
    } = data.subgroups()?;
    let fail = |e| measure_error(&data.path, &lines, Some(&groups.subgroup), e);
    let parts = Subgroups::new(data.column(&groups.value), &sizes)
        .and_then(|g| g.with_labels(&names))
        .map_err(fail)?;
    let options = chart_options(args, &data, Some(&names), names.len(), RuleSet::Nhs)?;
    build(parts, &options, &settings).map_err(fail)
}

impl CommonArgs {
    /// The improvement direction asked for.
    fn direction_value(&self) -> Direction {
        match self.direction {
            DirectionArg::Higher => Direction::HigherIsBetter,
            DirectionArg::Lower => Direction::LowerIsBetter,
            DirectionArg::Neither => Direction::Neither,
        }
    }
}

/// Turn the common arguments into chart options, naming points by label or row.
fn chart_options(
    args: &CommonArgs,
    data: &CsvData,
    labels: Option<&[String]>,
    count: usize,
    default_rules: RuleSet,
) -> Result<ChartOptions, CliError> {
    let point = |option, name: &String| data.point(option, name, labels, count);
    Ok(ChartOptions {
        direction: args.direction_value(),
        target: args.target,
        rules: rule_config(args, default_rules),
        phase_starts: args
            .phase_at
            .iter()
            .map(|l| point("--phase-at", l))
            .collect::<Result<_, _>>()?,
        baseline: match (&args.baseline, &args.baseline_until) {
            (Some(n), _) => Some(Baseline::FirstPoints(*n)),
            (None, Some(label)) => Some(Baseline::Through(point("--baseline-until", label)?)),
            (None, None) => None,
        },
        exclude: args
            .exclude
            .iter()
            .map(|l| point("--exclude", l))
            .collect::<Result<_, _>>()?,
    })
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
