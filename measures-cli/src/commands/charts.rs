//! The chart sub-commands: each names its columns and its settings, and every one
//! is read, computed (through the core's one `chart` entry) and printed the same way.

use crate::args::{
    CommonArgs, EstimatorArg, Format, GCentreArg, RatioArgs, ReferenceArgs, SubgroupArgs, ValueArg,
    XmrArgs,
};
use crate::error::CliError;
use crate::input::{self, measure_error, ReadOptions, Want};
use crate::output::write_file;
use crate::points::{Make, PerPeriod, PerRow, Points};
use crate::table;
use clap::Args;
use measures_core::aggregate::Aggregate;
use measures_core::change::{suggest_phases, PhaseSuggestions, SuggestOptions};
use measures_core::{
    AttributeOptions, Baseline, Chart, ChartData, ChartOptions, ChartSpec, ChartType, CusumOptions,
    EwmaOptions, GOptions, RuleConfig, SubgroupOptions,
};
use std::io::Write;

/// Where a chart's points come from.
pub enum Columns<'a> {
    /// A value column (or events counted per period), with an optional column of
    /// denominators or subgroup sizes.
    Values {
        value: Option<&'a str>,
        denominator: Option<&'a str>,
    },
    /// Counts over denominators, or shares of a class per period.
    Ratio(&'a RatioArgs),
    /// Observations named by their subgroup.
    Subgroups(&'a SubgroupArgs),
}

/// A chart sub-command's arguments: the shared ones, and where its points are.
pub trait ChartArgs {
    /// The arguments every chart takes.
    fn common(&self) -> &CommonArgs;
    /// The columns its points come from.
    fn columns(&self) -> Columns<'_>;
}

/// `xmr`, `t` and `run`-like charts of one value column with the XmR settings.
#[derive(Args)]
pub struct XmrChart {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub value: ValueArg,
    #[command(flatten)]
    pub xmr: XmrArgs,
}

/// Charts of one value column with no settings of their own (run, c).
#[derive(Args)]
pub struct ValueChart {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub value: ValueArg,
}

/// The X-bar/R chart.
#[derive(Args)]
pub struct XbarRChart {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub groups: SubgroupArgs,
}

/// The X-bar/S chart.
#[derive(Args)]
pub struct XbarSChart {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub groups: SubgroupArgs,
    /// How s̄ is formed: auto (average with equal sizes, pooled otherwise), mean, pooled.
    #[arg(long, value_enum, default_value_t = EstimatorArg::Auto)]
    pub estimator: EstimatorArg,
}

/// Charts of counts over denominators (p, np, u).
#[derive(Args)]
pub struct RatioChart {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub ratio: RatioArgs,
}

/// Laney's p′ and u′ charts.
#[derive(Args)]
pub struct LaneyChart {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub ratio: RatioArgs,
    /// Screen the z-scores' moving ranges before estimating sigma_z.
    #[arg(long)]
    pub screen: bool,
}

/// The g chart.
#[derive(Args)]
pub struct GChart {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub value: ValueArg,
    /// Centre line: the median of the points (qicharts2) or the geometric
    /// median 0.693 × mean (Provost & Murray).
    #[arg(long, value_enum, default_value_t = GCentreArg::Median)]
    pub centre: GCentreArg,
}

/// The tabular CUSUM.
#[derive(Args)]
pub struct CusumChart {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub value: ValueArg,
    #[command(flatten)]
    pub reference: ReferenceArgs,
    /// Reference value k, in sigma.
    #[arg(long, default_value_t = 0.5)]
    pub k: f64,
    /// Decision interval h, in sigma.
    #[arg(long, default_value_t = 5.0)]
    pub h: f64,
    /// Head start (fast initial response), in sigma.
    #[arg(long, default_value_t = 0.0)]
    pub head_start: f64,
}

/// The EWMA chart.
#[derive(Args)]
pub struct EwmaChart {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub value: ValueArg,
    #[command(flatten)]
    pub reference: ReferenceArgs,
    /// Weight of the newest point, 0 < lambda ≤ 1.
    #[arg(long, default_value_t = 0.2)]
    pub lambda: f64,
    /// Width of the limits in standard errors.
    #[arg(long, default_value_t = 3.0)]
    pub l: f64,
}

impl XbarSChart {
    /// The X-bar/S settings asked for.
    pub fn settings(&self) -> SubgroupOptions {
        SubgroupOptions {
            estimator: self.estimator.into(),
        }
    }
}

impl LaneyChart {
    /// The Laney settings asked for.
    pub fn settings(&self) -> AttributeOptions {
        AttributeOptions {
            screen_moving_ranges: self.screen,
        }
    }
}

impl GChart {
    /// The g chart settings asked for.
    pub fn settings(&self) -> GOptions {
        GOptions {
            centre: self.centre.into(),
        }
    }
}

impl CusumChart {
    /// The CUSUM settings asked for.
    pub fn settings(&self) -> CusumOptions {
        CusumOptions {
            target: self.reference.mean,
            sigma: self.reference.sigma,
            k: self.k,
            h: self.h,
            head_start: self.head_start,
        }
    }
}

impl EwmaChart {
    /// The EWMA settings asked for.
    pub fn settings(&self) -> EwmaOptions {
        EwmaOptions {
            target: self.reference.mean,
            sigma: self.reference.sigma,
            lambda: self.lambda,
            l: self.l,
        }
    }
}

/// The columns of a chart of one value column.
fn values(value: &ValueArg) -> Columns<'_> {
    Columns::Values {
        value: value.value.as_deref(),
        denominator: None,
    }
}

impl ChartArgs for XmrChart {
    fn common(&self) -> &CommonArgs {
        &self.common
    }
    fn columns(&self) -> Columns<'_> {
        values(&self.value)
    }
}

impl ChartArgs for ValueChart {
    fn common(&self) -> &CommonArgs {
        &self.common
    }
    fn columns(&self) -> Columns<'_> {
        values(&self.value)
    }
}

impl ChartArgs for GChart {
    fn common(&self) -> &CommonArgs {
        &self.common
    }
    fn columns(&self) -> Columns<'_> {
        values(&self.value)
    }
}

impl ChartArgs for XbarRChart {
    fn common(&self) -> &CommonArgs {
        &self.common
    }
    fn columns(&self) -> Columns<'_> {
        Columns::Subgroups(&self.groups)
    }
}

impl ChartArgs for XbarSChart {
    fn common(&self) -> &CommonArgs {
        &self.common
    }
    fn columns(&self) -> Columns<'_> {
        Columns::Subgroups(&self.groups)
    }
}

impl ChartArgs for RatioChart {
    fn common(&self) -> &CommonArgs {
        &self.common
    }
    fn columns(&self) -> Columns<'_> {
        Columns::Ratio(&self.ratio)
    }
}

impl ChartArgs for LaneyChart {
    fn common(&self) -> &CommonArgs {
        &self.common
    }
    fn columns(&self) -> Columns<'_> {
        Columns::Ratio(&self.ratio)
    }
}

impl ChartArgs for CusumChart {
    fn common(&self) -> &CommonArgs {
        &self.common
    }
    fn columns(&self) -> Columns<'_> {
        Columns::Values {
            value: self.value.value.as_deref(),
            denominator: self.reference.size.as_deref(),
        }
    }
}

impl ChartArgs for EwmaChart {
    fn common(&self) -> &CommonArgs {
        &self.common
    }
    fn columns(&self) -> Columns<'_> {
        Columns::Values {
            value: self.value.value.as_deref(),
            denominator: self.reference.size.as_deref(),
        }
    }
}

/// Run a chart sub-command: read its points, compute the chart `spec` asks for,
/// and print it (and draw it, with --svg).
pub fn run(args: &impl ChartArgs, spec: ChartSpec) -> Result<(), CliError> {
    let (chart, suggested) = computed(args.common(), args.columns(), &spec)?;
    print(args.common(), &chart, suggested.as_ref())
}

/// The chart `spec` asks for, from the columns of the file.
pub fn compute(
    args: &CommonArgs,
    columns: Columns<'_>,
    spec: &ChartSpec,
) -> Result<Chart, CliError> {
    computed(args, columns, spec).map(|(chart, _)| chart)
}

/// The chart, and with --suggest-phases the phase starts suggested for it.
type Computed = (Chart, Option<PhaseSuggestions>);

fn computed(
    args: &CommonArgs,
    columns: Columns<'_>,
    spec: &ChartSpec,
) -> Result<Computed, CliError> {
    match columns {
        Columns::Subgroups(groups) => subgroup_chart(args, groups, spec),
        Columns::Values { value, denominator } => {
            let points = read_points(args, value, denominator, None)?;
            chart_of(args, points, spec)
        }
        Columns::Ratio(ratio) => {
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
            chart_of(args, points, spec)
        }
    }
}

/// Print a chart as JSON or a table (with the suggested phases, when asked for),
/// and draw it with --svg.
fn print(
    common: &CommonArgs,
    chart: &Chart,
    suggested: Option<&PhaseSuggestions>,
) -> Result<(), CliError> {
    if let Some(path) = &common.svg {
        let title = common.title.clone().or_else(|| {
            common
                .file
                .file_stem()
                .map(|s| format!("{} chart: {}", chart.chart_type.name(), s.to_string_lossy()))
        });
        let svg = measures_render::chart_svg(
            &measures_render::ChartView::from_chart(chart),
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
            match suggested {
                // The chart's own shape, with the suggestions beside its fields.
                Some(found) => {
                    let mut value = serde_json::to_value(chart).map_err(std::io::Error::from)?;
                    if let Some(fields) = value.as_object_mut() {
                        fields.insert(
                            "suggested_phases".into(),
                            serde_json::to_value(found).map_err(std::io::Error::from)?,
                        );
                    }
                    serde_json::to_writer_pretty(&mut out, &value)
                }
                None => serde_json::to_writer_pretty(&mut out, &chart),
            }
            .map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        Format::Table => {
            let mut printable = table::Printable::new(&mut out);
            table::write(&mut printable, chart)?;
            if let Some(found) = suggested {
                table::write_suggestions(&mut printable, found)?;
            }
        }
    }
    Ok(())
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
                Some(how) => how.into(),
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

/// Compute the chart from its points, with the file's notes.
fn chart_of(args: &CommonArgs, points: Points, spec: &ChartSpec) -> Result<Computed, CliError> {
    let fail = |e| {
        measure_error(
            &points.path,
            &points.lines,
            points.label_column.as_deref(),
            e,
        )
    };
    let data = ChartData::from_columns(
        spec,
        &points.values,
        points.denominators.as_deref(),
        None,
        points.labels.as_deref(),
    )
    .map_err(fail)?;
    let options = chart_options(args, &points, spec.kind())?;
    let mut chart = measures_core::chart(spec, data, &options).map_err(fail)?;
    let suggested = suggestions(args, spec, data, &options).map_err(fail)?;
    chart.notes.extend(points.notes);
    Ok((chart, suggested))
}

/// With --suggest-phases, the phase starts suggested for the chart (never applied).
fn suggestions(
    args: &CommonArgs,
    spec: &ChartSpec,
    data: ChartData<'_>,
    options: &ChartOptions,
) -> Result<Option<PhaseSuggestions>, measures_core::MeasuresError> {
    if !args.suggest_phases {
        return Ok(None);
    }
    suggest_phases(spec, data, options, &SuggestOptions::default()).map(Some)
}

/// An X-bar chart: rows are observations, grouped by the subgroup column.
fn subgroup_chart(
    args: &CommonArgs,
    groups: &SubgroupArgs,
    spec: &ChartSpec,
) -> Result<Computed, CliError> {
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
    let labels = table.cells(1);
    // Consecutive rows sharing a name form a subgroup; a name seen before, after
    // another subgroup, is an error (a hash set keeps this linear).
    let mut names: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let (mut sizes, mut lines) = (Vec::new(), Vec::new());
    for (row, label) in labels.iter().enumerate() {
        if names.last().map(String::as_str) == Some(label) {
            *sizes.last_mut().expect("a size per name") += 1;
            continue;
        }
        if !seen.insert(label) {
            return Err(CliError::Subgroup {
                path: path.clone(),
                line: table.lines[row],
                label: label.to_string(),
            });
        }
        names.push(label.to_string());
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
    let data = ChartData::from_columns(spec, &observations, None, Some(&sizes), Some(&names))
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
    let options = chart_options(args, &points, spec.kind())?;
    let mut chart = measures_core::chart(spec, data, &options).map_err(fail)?;
    let suggested = suggestions(args, spec, data, &options).map_err(fail)?;
    chart.notes.extend(points.notes);
    Ok((chart, suggested))
}

/// Turn the common arguments into chart options, naming points by date, label or row.
pub fn chart_options(
    args: &CommonArgs,
    points: &Points,
    kind: ChartType,
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
        rules: rule_config(args, kind),
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
fn rule_config(args: &CommonArgs, kind: ChartType) -> Option<RuleConfig> {
    match (args.rules, args.shift, args.trend) {
        (None, None, None) => None,
        (set, shift, trend) => Some(RuleConfig {
            set: set.map_or(kind.default_rules(), Into::into),
            shift,
            trend,
        }),
    }
}
