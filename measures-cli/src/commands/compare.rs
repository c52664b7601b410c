//! `measures compare`: did the pilot make a difference? The pilot's units against
//! the rest, each on a chart with limits frozen before the change.

use crate::args::{parse_delimiter, AggregateArg, DirectionArg, Format, PeriodArg};
use crate::error::CliError;
use crate::input::{in_file, ReadOptions, Want};
use crate::output::write_file;
use clap::Args;
use measures_core::aggregate::Aggregate;
use measures_core::change::{compare, CompareData, CompareGroup, CompareOptions, Comparison};
use measures_core::demand::time::Timestamp;
use measures_core::MeasuresError;
use std::io::{self, Write};
use std::path::PathBuf;

/// The `compare` command's arguments.
#[derive(Args)]
pub struct CompareArgs {
    /// CSV file with a header row: one row per case, or per unit and period.
    pub file: PathBuf,
    /// Column naming each row's unit (team, area, council).
    #[arg(long)]
    unit: String,
    /// The unit or units that piloted the change (comma-separated).
    #[arg(long, value_delimiter = ',', required = true)]
    pilot: Vec<String>,
    /// The day the change began in the pilot (2025-01-06 or 06/01/2025).
    #[arg(long, value_name = "DATE")]
    change: String,
    /// Column with each row's date (a case's date, or a period's first day).
    #[arg(long, default_value = "date")]
    date: String,
    /// Column of values (a time, a score): each group's point is their mean per period.
    #[arg(long, conflicts_with_all = ["numerator", "denominator"])]
    value: Option<String>,
    /// Column of numerators (summed per group and period), with --denominator.
    #[arg(long, requires = "denominator")]
    numerator: Option<String>,
    /// Column of denominators (summed per group and period), with --numerator.
    #[arg(long, requires = "numerator")]
    denominator: Option<String>,
    /// Period of the points.
    #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
    period: PeriodArg,
    /// How a value's rows become a group's point: mean or median.
    #[arg(long, value_enum)]
    aggregate: Option<AggregateArg>,
    /// Improvement direction.
    #[arg(long, value_enum, default_value_t = DirectionArg::Neither)]
    direction: DirectionArg,
    /// Confidence level of the difference in differences.
    #[arg(long, default_value_t = 0.95)]
    level: f64,
    /// The file's field delimiter [default: found from the header].
    #[arg(long, value_parser = parse_delimiter)]
    delimiter: Option<u8>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Also draw both groups' charts into this SVG file.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Title of the drawing.
    #[arg(long, requires = "svg")]
    title: Option<String>,
}

/// Run `measures compare`.
pub fn run(args: &CompareArgs) -> Result<(), CliError> {
    let measure: Vec<&str> = match (&args.value, &args.numerator, &args.denominator) {
        (Some(v), None, None) => vec![v],
        (None, Some(n), Some(d)) => vec![n, d],
        _ => {
            return Err(CliError::Usage(
                "give --value, or --numerator with --denominator".into(),
            ))
        }
    };
    let mut wanted = vec![Want::required(&args.unit), Want::required(&args.date)];
    wanted.extend(measure.iter().map(|m| Want::required(m)));
    let (path, table) = crate::input::read(
        &args.file,
        &wanted,
        ReadOptions {
            delimiter: args.delimiter,
        },
    )?;
    let units = table.cells(0).to_strings();
    // A cell that holds no date is named by its line and the file's column.
    let dates = measures_core::cells::dates(table.cells(1), "date").map_err(|e| match e {
        MeasuresError::InvalidCell {
            index,
            text,
            reason,
            ..
        } => in_file(&path)(table.bad_cell(index, 1, &text, reason)),
        other => in_file(&path)(other),
    })?;
    let first = table.numbers(2).map_err(in_file(&path))?;
    let second = if measure.len() == 2 {
        Some(table.numbers(3).map_err(in_file(&path))?)
    } else {
        None
    };
    let change = Timestamp::parse(&args.change)
        .map(|t| t.local_date)
        .map_err(|e| CliError::Usage(format!("--change: {e}")))?;
    let options = CompareOptions {
        pilot: args.pilot.iter().map(|p| p.trim().to_string()).collect(),
        change: Some(change),
        period: args.period.into(),
        aggregate: match args.aggregate {
            None | Some(AggregateArg::Mean) => Aggregate::Mean,
            Some(AggregateArg::Median) => Aggregate::Median,
            Some(_) => {
                return Err(CliError::Usage(
                    "--aggregate for compare is mean or median".into(),
                ))
            }
        },
        direction: args.direction.value(),
        rules: None,
        level: args.level,
    };
    let data = CompareData {
        units: &units,
        dates: &dates,
        values: second.is_none().then_some(first.as_slice()),
        ratio: second.as_deref().map(|d| (first.as_slice(), d)),
    };
    let result = compare(&data, &options).map_err(in_file(&path))?;
    if let Some(file) = &args.svg {
        let svg = measures_render::compare_svg(
            &result,
            &measures_render::SvgOptions {
                title: args.title.clone(),
                y_label: Some(match measure.as_slice() {
                    [v] => v.to_string(),
                    _ => format!("{} / {}", measure[0], measure[1]),
                }),
                ..measures_render::SvgOptions::default()
            },
        );
        write_file(file, &svg)?;
    }
    crate::output::print(args.format, &result, |out| write_table(out, &result))
}

/// The comparison as text: the verdict, then each group's before and after.
pub fn write_table(out: &mut dyn Write, c: &Comparison) -> io::Result<()> {
    writeln!(out, "{}", c.text)?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<10} {:>12} {:>12} {:>9} {:>8}  units",
        "group", "before", "after", "periods", "changed"
    )?;
    let row = |out: &mut dyn Write, g: &CompareGroup| {
        writeln!(
            out,
            "{:<10} {:>12.4} {:>12.4} {:>4}+{:<4} {:>8}  {}",
            g.group,
            g.before,
            g.after,
            g.periods[0],
            g.periods[1],
            if g.changed { "yes" } else { "no" },
            g.units.join(", ")
        )
    };
    row(out, &c.pilot)?;
    row(out, &c.rest)?;
    writeln!(
        out,
        "\ndifference in differences: {:.4} ({:.0}% interval {:.4} to {:.4})",
        c.difference.estimate,
        c.difference.level * 100.0,
        c.difference.lower,
        c.difference.upper
    )?;
    for n in &c.notes {
        writeln!(out, "note: {n}")?;
    }
    Ok(())
}
