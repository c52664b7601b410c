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
mod points;
mod table;

use clap::{Args, Parser, Subcommand, ValueEnum};
use error::CliError;
use input::{measure_error, ReadOptions, Want};
use measures_core::aggregate::Aggregate;
use measures_core::attribute::{self, AttributeOptions};
use measures_core::cusum::{cusum, CusumOptions};
use measures_core::demand::Period;
use measures_core::ewma::{ewma, EwmaOptions};
use measures_core::rare::{g_chart, t_chart};
use measures_core::subgroup::{xbar_r, xbar_s, Estimator, SubgroupOptions, Subgroups};
use measures_core::{
    run_chart, xmr, Baseline, CentreLine, Chart, ChartOptions, Direction, LimitConstant,
    RuleConfig, RuleSet, Series, Spread, XmrOptions,
};
use points::{Make, PerPeriod, PerRow, Points};
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
    /// One row per event: chart one point per --period of this date column (a count,
    /// or the --aggregate of --value; p and np charts the share of --class equal to
    /// --failure; u charts --numerator over --denominator). Incomplete first and last
    /// periods are plotted but kept out of the limits.
    #[arg(long, value_name = "COL")]
    date: Option<String>,
    /// Period of the points made with --date (weeks run Monday to Sunday).
    #[arg(long, value_enum, default_value_t = PeriodArg::Week)]
    period: PeriodArg,
    /// How a period's rows become its point, with --date [default: mean of --value, or
    /// a count without --value].
    #[arg(long, value_enum)]
    aggregate: Option<AggregateArg>,
    /// The file's field delimiter [default: found from the header: comma, semicolon, tab or |].
    #[arg(long, value_parser = parse_delimiter)]
    delimiter: Option<u8>,
}

/// A delimiter named on the command line: one character, or `tab`.
fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        t if t.len() == 1 && t.is_ascii() => Ok(t.as_bytes()[0]),
        t => Err(format!("{t:?} is not one character (or tab)")),
    }
}

/// A period for points made from events.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum PeriodArg {
    Day,
    Week,
    Month,
    Quarter,
}

impl From<PeriodArg> for Period {
    fn from(p: PeriodArg) -> Period {
        match p {
            PeriodArg::Day => Period::Day,
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
            PeriodArg::Quarter => Period::Quarter,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum AggregateArg {
    Count,
    Sum,
    Mean,
    Median,
}

#[derive(Args)]
struct ValueArg {
    /// Column holding the values (may be left out with --date, to count events).
    #[arg(long)]
    value: Option<String>,
}

#[derive(Args)]
struct RatioArgs {
    /// Column holding the counts (cases with the attribute, or events).
    #[arg(long)]
    numerator: Option<String>,
    /// Column holding the denominators (all cases, or units of opportunity).
    #[arg(long)]
    denominator: Option<String>,
    /// With --date, p and np charts: the column that says whether a row has the
    /// attribute (e.g. class).
    #[arg(long, value_name = "COL", requires = "failure")]
    class: Option<String>,
    /// With --class: the value that counts (e.g. failure); rows with another value
    /// are the rest of the denominator, rows with none are left out and counted.
    #[arg(long, value_name = "VALUE", requires = "class")]
    failure: Option<String>,
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
                single(
                    common,
                    value.value.as_deref(),
                    None,
                    RuleSet::Nhs,
                    |s, o| xmr(s, o, &settings),
                )?,
            )
        }
        Command::Run { common, value } => (
            common,
            single(
                common,
                value.value.as_deref(),
                None,
                RuleSet::Anhoej,
                run_chart,
            )?,
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
                single(
                    common,
                    value.value.as_deref(),
                    None,
                    RuleSet::Nhs,
                    |s, o| attribute::c_chart(s, o, &settings),
                )?,
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
                single(
                    common,
                    value.value.as_deref(),
                    None,
                    RuleSet::Nhs,
                    |s, o| t_chart(s, o, &settings),
                )?,
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
                single(
                    common,
                    value.value.as_deref(),
                    None,
                    RuleSet::Anhoej,
                    |s, o| g_chart(s, o, &settings),
                )?,
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
                single(
                    common,
                    value.value.as_deref(),
                    size,
                    RuleSet::Limits,
                    |s, o| cusum(s, o, &settings),
                )?,
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
                single(
                    common,
                    value.value.as_deref(),
                    size,
                    RuleSet::Limits,
                    |s, o| ewma(s, o, &settings),
                )?,
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

/// The points of a chart command: one row per point, or one point per period of
/// events with --date.
fn read_points(
    args: &CommonArgs,
    value: Option<&str>,
    denominator: Option<&str>,
    share: Option<(&str, &str)>,
) -> Result<Points, CliError> {
    let read = ReadOptions {
        delimiter: args.delimiter,
    };
    let Some(date) = args.date.as_deref() else {
        let value = value.ok_or_else(|| {
            CliError::Usage(
                "give the column of values (--value, or --numerator and --denominator), or --date to chart events per period".into(),
            )
        })?;
        if share.is_some() {
            return Err(CliError::Usage(
                "--class and --failure go with --date (one row per case)".into(),
            ));
        }
        let how = PerRow {
            value,
            denominator,
            label: args.label.as_deref(),
        };
        return Points::per_row(&args.file, &how, read);
    };
    if args.label.is_some() {
        return Err(CliError::Usage(
            "--label and --date do not go together: with --date each point is labelled by its period".into(),
        ));
    }
    let make = match (share, denominator) {
        (Some((column, value)), _) => Make::Share { column, value },
        (None, Some(denominator)) => Make::Rate {
            numerator: value,
            denominator,
        },
        (None, None) => {
            let how = match args.aggregate {
                Some(AggregateArg::Count) => Aggregate::Count,
                Some(AggregateArg::Sum) => Aggregate::Sum,
                Some(AggregateArg::Mean) => Aggregate::Mean,
                Some(AggregateArg::Median) => Aggregate::Median,
                None if value.is_some() => Aggregate::Mean,
                None => Aggregate::Count,
            };
            if how != Aggregate::Count && value.is_none() {
                return Err(CliError::Usage(
                    "--aggregate sum, mean or median needs --value".into(),
                ));
            }
            Make::Aggregate(how, if how == Aggregate::Count { None } else { value })
        }
    };
    let how = PerPeriod {
        date,
        period: args.period.into(),
        make,
    };
    Points::per_period(&args.file, &how, read)
}

/// A chart of one value column, with an optional denominator column.
fn single(
    args: &CommonArgs,
    value: Option<&str>,
    denominator: Option<&str>,
    default_rules: RuleSet,
    build: impl Fn(Series<'_>, &ChartOptions) -> measures_core::Result<Chart>,
) -> Result<Chart, CliError> {
    let points = read_points(args, value, denominator, None)?;
    chart_of(args, points, default_rules, build)
}

/// Build a chart from its points, with the file's notes.
fn chart_of(
    args: &CommonArgs,
    points: Points,
    default_rules: RuleSet,
    build: impl Fn(Series<'_>, &ChartOptions) -> measures_core::Result<Chart>,
) -> Result<Chart, CliError> {
    let fail = |e| {
        measure_error(
            &points.path,
            &points.lines,
            points.label_column.as_deref(),
            e,
        )
    };
    let mut series = Series::new(&points.values).map_err(fail)?;
    if let Some(d) = &points.denominators {
        series = series.with_denominators(d).map_err(fail)?;
    }
    if let Some(labels) = &points.labels {
        series = series.with_labels(labels).map_err(fail)?;
    }
    let options = chart_options(args, &points, default_rules)?;
    let mut chart = build(series, &options).map_err(fail)?;
    chart.notes.extend(points.notes);
    Ok(chart)
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
    let share = ratio.class.as_deref().zip(ratio.failure.as_deref());
    if args.date.is_none() && (ratio.numerator.is_none() || ratio.denominator.is_none()) {
        return Err(CliError::Usage(
            "give --numerator and --denominator, or --date with --class and --failure (p, np) or --denominator (u)".into(),
        ));
    }
    let points = read_points(
        args,
        ratio.numerator.as_deref(),
        ratio.denominator.as_deref(),
        share,
    )?;
    chart_of(args, points, RuleSet::Nhs, |s, o| build(s, o, &settings))
}

/// An X-bar chart: rows are observations, grouped by the subgroup column.
fn subgroups(
    args: &CommonArgs,
    groups: &SubgroupArgs,
    settings: SubgroupOptions,
    build: fn(Subgroups<'_>, &ChartOptions, &SubgroupOptions) -> measures_core::Result<Chart>,
) -> Result<Chart, CliError> {
    if args.label.is_some() || args.date.is_some() {
        return Err(CliError::Usage(
            "X-bar charts are labelled by their --subgroup column; leave out --label and --date"
                .into(),
        ));
    }
    let read = ReadOptions {
        delimiter: args.delimiter,
    };
    let wanted = [
        Want::required(&groups.value),
        Want::required(&groups.subgroup),
    ];
    let (path, table) = input::read(&args.file, &wanted, read)?;
    let observations = table.numbers(0).map_err(input::in_file(&path))?;
    let labels = table.column(1).unwrap_or(&[]);
    // Consecutive rows sharing a name form a subgroup; a name seen before, after
    // another subgroup, is an error (a hash set keeps this linear).
    let mut names: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let (mut sizes, mut lines) = (Vec::new(), Vec::new());
    for (row, label) in labels.iter().enumerate() {
        if names.last() == Some(label) {
            *sizes.last_mut().expect("a size per name") += 1;
            continue;
        }
        if !seen.insert(label.as_str()) {
            return Err(CliError::Subgroup {
                path: path.clone(),
                line: table.lines[row],
                label: label.clone(),
            });
        }
        names.push(label.clone());
        sizes.push(1usize);
        lines.push(table.lines[row]);
    }
    let fail = |e| {
        // Observations are named by their row; subgroups by their first row.
        let lines = match &e {
            measures_core::MeasuresError::Missing { .. } => &table.lines,
            _ => &lines,
        };
        measure_error(&path, lines, Some(table.header(1)), e)
    };
    let parts = Subgroups::new(&observations, &sizes)
        .and_then(|g| g.with_labels(&names))
        .map_err(fail)?;
    let points = Points {
        path: path.clone(),
        values: Vec::new(),
        denominators: None,
        labels: Some(names.clone()),
        dates: None,
        label_column: Some(table.header(1).to_string()),
        lines: lines.clone(),
        periods: None,
        exclude: Vec::new(),
        notes: table.notes(),
    };
    let options = chart_options(args, &points, RuleSet::Nhs)?;
    let mut chart = build(parts, &options, &settings).map_err(fail)?;
    chart.notes.extend(points.notes);
    Ok(chart)
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

/// Turn the common arguments into chart options, naming points by date, label or row.
fn chart_options(
    args: &CommonArgs,
    points: &Points,
    default_rules: RuleSet,
) -> Result<ChartOptions, CliError> {
    if let Some(t) = args.target.filter(|t| !t.is_finite()) {
        return Err(CliError::Usage(format!(
            "--target {t}: give a finite number"
        )));
    }
    let mut exclude: Vec<usize> = args
        .exclude
        .iter()
        .map(|l| points.point("--exclude", l))
        .collect::<Result<_, _>>()?;
    exclude.extend(&points.exclude);
    Ok(ChartOptions {
        direction: args.direction_value(),
        target: args.target,
        rules: rule_config(args, default_rules),
        phase_starts: args
            .phase_at
            .iter()
            .map(|l| points.point("--phase-at", l))
            .collect::<Result<_, _>>()?,
        baseline: match (&args.baseline, &args.baseline_until) {
            (Some(n), _) => Some(Baseline::FirstPoints(*n)),
            (None, Some(label)) => {
                Some(Baseline::Through(points.point("--baseline-until", label)?))
            }
            (None, None) => None,
        },
        exclude,
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
