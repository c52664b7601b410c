//! The arguments the chart commands share: the file and how its points are read,
//! and the options every chart takes (direction, target, rules, phases, baseline,
//! exclusions, output).

use clap::{Args, ValueEnum};
use measures_core::aggregate::Aggregate;
use measures_core::demand::Period;
use measures_core::{
    CentreLine, Direction, Estimator, GCentre, LimitConstant, RuleSet, Spread, XmrOptions,
};
use std::path::PathBuf;

#[derive(Args)]
pub struct CommonArgs {
    /// CSV file with a header row, one row per point (per observation for X-bar charts) in time order.
    pub file: PathBuf,
    /// Column holding the point labels (usually dates, YYYY-MM-DD).
    #[arg(long)]
    pub label: Option<String>,
    /// Improvement direction.
    #[arg(long, value_enum, default_value_t = DirectionArg::Neither)]
    pub direction: DirectionArg,
    /// Target, for the assurance icon (needs --direction higher or lower).
    #[arg(long, allow_negative_numbers = true)]
    pub target: Option<f64>,
    /// Special-cause rule set (default: nhs for control charts, anhoej for run and g
    /// charts, limits for CUSUM and EWMA).
    #[arg(long, value_enum)]
    pub rules: Option<RulesArg>,
    /// Points in a row on one side of the centre that make a shift (default per rule set).
    #[arg(long)]
    pub shift: Option<usize>,
    /// Points in a row rising or falling that make a trend (default per rule set).
    #[arg(long)]
    pub trend: Option<usize>,
    /// Start a new phase (recalculate limits) at this point: a label, or a row number
    /// without --label. Repeat for more phases.
    #[arg(long = "phase-at", value_name = "LABEL")]
    pub phase_at: Vec<String>,
    /// Compute each phase's limits from its first N points and extend them.
    #[arg(long, value_name = "N", conflicts_with = "baseline_until")]
    pub baseline: Option<usize>,
    /// Compute the limits of the phase holding this point from its start through it.
    #[arg(long, value_name = "LABEL")]
    pub baseline_until: Option<String>,
    /// Leave this point out of the limit calculation (still plotted and tested). Repeatable.
    #[arg(long, value_name = "LABEL")]
    pub exclude: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Also draw the chart, Making Data Count style, as an SVG file.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Title of the drawing [default: the chart type and file name].
    #[arg(long, requires = "svg")]
    pub title: Option<String>,
    /// One row per event: chart one point per --period of this date column (a count,
    /// or the --aggregate of --value; p and np charts the share of --class equal to
    /// --failure; u charts --numerator over --denominator). Incomplete first and last
    /// periods are plotted but kept out of the limits.
    #[arg(long, value_name = "COL")]
    pub date: Option<String>,
    /// Period of the points made with --date (weeks run Monday to Sunday).
    #[arg(long, value_enum, default_value_t = PeriodArg::Week)]
    pub period: PeriodArg,
    /// How a period's rows become its point, with --date [default: mean of --value, or
    /// a count without --value].
    #[arg(long, value_enum)]
    pub aggregate: Option<AggregateArg>,
    /// The file's field delimiter [default: found from the header: comma, semicolon, tab or |].
    #[arg(long, value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Also say where the system changed: phase starts suggested from sustained
    /// signals, each with its evidence (never applied; give them with --phase-at).
    #[arg(long)]
    pub suggest_phases: bool,
}

/// A delimiter named on the command line: one character, or `tab`.
pub fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        t if t.len() == 1 && t.is_ascii() => Ok(t.as_bytes()[0]),
        t => Err(format!("{t:?} is not one character (or tab)")),
    }
}

/// A period for points made from events.
#[derive(Clone, Copy, ValueEnum)]
pub enum PeriodArg {
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
pub enum AggregateArg {
    Count,
    Sum,
    Mean,
    Median,
}

#[derive(Args)]
pub struct ValueArg {
    /// Column holding the values (may be left out with --date, to count events).
    #[arg(long)]
    pub value: Option<String>,
}

#[derive(Args)]
pub struct RatioArgs {
    /// Column holding the counts (cases with the attribute, or events).
    #[arg(long)]
    pub numerator: Option<String>,
    /// Column holding the denominators (all cases, or units of opportunity).
    #[arg(long)]
    pub denominator: Option<String>,
    /// With --date, p and np charts: the column that says whether a row has the
    /// attribute (e.g. class).
    #[arg(long, value_name = "COL", requires = "failure")]
    pub class: Option<String>,
    /// With --class: the value that counts (e.g. failure); rows with another value
    /// are the rest of the denominator, rows with none are left out and counted.
    #[arg(long, value_name = "VALUE", requires = "class")]
    pub failure: Option<String>,
}

#[derive(Args)]
pub struct SubgroupArgs {
    /// Column holding the observations.
    #[arg(long)]
    pub value: String,
    /// Column naming each row's subgroup; a subgroup's rows must be consecutive.
    #[arg(long)]
    pub subgroup: String,
}

#[derive(Args)]
pub struct ReferenceArgs {
    /// Column holding subgroup sizes when the values are subgroup means (then --sigma is needed).
    #[arg(long)]
    pub size: Option<String>,
    /// Target mean mu0 (default: the mean of the points used).
    #[arg(long, allow_negative_numbers = true)]
    pub mean: Option<f64>,
    /// Sigma of one observation (default: mean moving range / 1.128).
    #[arg(long)]
    pub sigma: Option<f64>,
}

#[derive(Args)]
pub struct XmrArgs {
    /// Centre line: the mean (Making Data Count) or the median.
    #[arg(long, value_enum, default_value_t = CentreArg::Mean)]
    pub centre: CentreArg,
    /// Limits from the mean moving range or the median moving range (Wheeler's 3.145).
    #[arg(long = "moving-range", value_enum, default_value_t = SpreadArg::Mean)]
    pub moving_range: SpreadArg,
    /// Three-sigma constant for the mean moving range: nhs = 2.66, textbook = 3/1.128.
    #[arg(long, value_enum, default_value_t = ConstantArg::Nhs)]
    pub constant: ConstantArg,
    /// Do not screen out moving ranges above 3.267 × their mean before computing limits.
    #[arg(long)]
    pub no_screen: bool,
}

impl XmrArgs {
    pub fn options(&self) -> XmrOptions {
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
pub enum Format {
    Json,
    Table,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DirectionArg {
    Higher,
    Lower,
    Neither,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RulesArg {
    Nhs,
    WesternElectric,
    Nelson,
    Anhoej,
    Limits,
    None,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum CentreArg {
    Mean,
    Median,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SpreadArg {
    Mean,
    Median,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ConstantArg {
    Nhs,
    Textbook,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum GCentreArg {
    Median,
    Geometric,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum EstimatorArg {
    Auto,
    Mean,
    Pooled,
}

impl DirectionArg {
    /// The core's direction.
    pub fn value(self) -> Direction {
        match self {
            DirectionArg::Higher => Direction::HigherIsBetter,
            DirectionArg::Lower => Direction::LowerIsBetter,
            DirectionArg::Neither => Direction::Neither,
        }
    }
}

impl CommonArgs {
    /// The improvement direction asked for.
    pub fn direction_value(&self) -> Direction {
        self.direction.value()
    }
}

impl From<RulesArg> for RuleSet {
    fn from(rules: RulesArg) -> RuleSet {
        match rules {
            RulesArg::Nhs => RuleSet::Nhs,
            RulesArg::WesternElectric => RuleSet::WesternElectric,
            RulesArg::Nelson => RuleSet::Nelson,
            RulesArg::Anhoej => RuleSet::Anhoej,
            RulesArg::Limits => RuleSet::Limits,
            RulesArg::None => RuleSet::None,
        }
    }
}

impl From<AggregateArg> for Aggregate {
    fn from(how: AggregateArg) -> Aggregate {
        match how {
            AggregateArg::Count => Aggregate::Count,
            AggregateArg::Sum => Aggregate::Sum,
            AggregateArg::Mean => Aggregate::Mean,
            AggregateArg::Median => Aggregate::Median,
        }
    }
}

impl From<GCentreArg> for GCentre {
    fn from(centre: GCentreArg) -> GCentre {
        match centre {
            GCentreArg::Median => GCentre::Median,
            GCentreArg::Geometric => GCentre::Geometric,
        }
    }
}

impl From<EstimatorArg> for Estimator {
    fn from(estimator: EstimatorArg) -> Estimator {
        match estimator {
            EstimatorArg::Auto => Estimator::Auto,
            EstimatorArg::Mean => Estimator::MeanStdDev,
            EstimatorArg::Pooled => Estimator::PooledStdDev,
        }
    }
}
