//! `measures funnel`: compare units (teams, councils, practices) on a funnel plot,
//! each against the target with limits for its size, over-dispersion handled.

use crate::args::{parse_delimiter, DirectionArg, Format};
use crate::error::CliError;
use crate::input::{in_file, ReadOptions, Want};
use clap::{Args, ValueEnum};
use measures_core::funnel::{
    funnel, Dispersion, Funnel, FunnelData, FunnelKind, FunnelLimits, FunnelMethod, FunnelOptions,
};
use std::io::{self, Write};
use std::path::PathBuf;

/// The `funnel` command's arguments.
#[derive(Args)]
pub struct FunnelArgs {
    /// CSV file with a header row, one row per unit.
    pub file: PathBuf,
    /// Column naming each unit.
    #[arg(long)]
    unit: String,
    /// Column of numerators: events, observed counts, or for --kind mean the means.
    #[arg(long)]
    numerator: String,
    /// Column of denominators: cases, exposure, expected counts, or for --kind mean
    /// the numbers of values.
    #[arg(long)]
    denominator: String,
    /// For --kind mean: the column of each unit's standard deviation.
    #[arg(long)]
    sd: Option<String>,
    /// What each unit's indicator is.
    #[arg(long, value_enum, default_value_t = KindArg::Proportion)]
    kind: KindArg,
    /// Whose method: spiegelhalter (z on the indicator's own scale), or FunnelPlotR's
    /// shmi (log scale, truncated φ, ratios against 1) and cqc (square-root or
    /// arcsine scale, winsorised φ).
    #[arg(long, value_enum, default_value_t = MethodArg::Spiegelhalter)]
    method: MethodArg,
    /// Levels of the bands, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [0.95, 0.998])]
    levels: Vec<f64>,
    /// Over-dispersion: auto widens the limits (additive random effects) only when
    /// the units vary more than chance allows (χ² test; shmi and cqc: when φ > 1).
    #[arg(long, value_enum, default_value_t = DispersionArg::Auto)]
    dispersion: DispersionArg,
    /// Exact binomial/Poisson limits or the normal approximation (default: exact
    /// for proportions, rates and ratios).
    #[arg(long, value_enum)]
    limits: Option<LimitsArg>,
    /// The target (default: the pooled value).
    #[arg(long, allow_negative_numbers = true)]
    target: Option<f64>,
    /// Share of z-scores winsorised (shmi: truncated) in each tail when estimating
    /// over-dispersion.
    #[arg(long, default_value_t = 0.1)]
    winsorise: f64,
    /// Improvement direction, for saying which units are better or worse.
    #[arg(long, value_enum, default_value_t = DirectionArg::Neither)]
    direction: DirectionArg,
    /// The file's field delimiter [default: found from the header].
    #[arg(long, value_parser = parse_delimiter)]
    delimiter: Option<u8>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Also draw the funnel as SVG into this file.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Title of the drawing.
    #[arg(long)]
    title: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Proportion,
    Rate,
    Ratio,
    Mean,
}

#[derive(Clone, Copy, ValueEnum)]
enum MethodArg {
    Spiegelhalter,
    Shmi,
    Cqc,
}

#[derive(Clone, Copy, ValueEnum)]
enum DispersionArg {
    Auto,
    None,
    Multiplicative,
    Additive,
}

#[derive(Clone, Copy, ValueEnum)]
enum LimitsArg {
    Exact,
    Normal,
}

/// Run `measures funnel`.
pub fn run(args: &FunnelArgs) -> Result<(), CliError> {
    let mut wanted = vec![
        Want::required(&args.unit),
        Want::required(&args.numerator),
        Want::required(&args.denominator),
    ];
    if let Some(sd) = &args.sd {
        wanted.push(Want::required(sd));
    }
    let (path, table) = crate::input::read(
        &args.file,
        &wanted,
        ReadOptions {
            delimiter: args.delimiter,
        },
    )?;
    let units = table.cells(0).to_strings();
    let numerators = table.numbers(1).map_err(in_file(&path))?;
    let denominators = table.numbers(2).map_err(in_file(&path))?;
    let sd = if args.sd.is_some() {
        Some(table.numbers(3).map_err(in_file(&path))?)
    } else {
        None
    };
    let options = FunnelOptions {
        kind: match args.kind {
            KindArg::Proportion => FunnelKind::Proportion,
            KindArg::Rate => FunnelKind::Rate,
            KindArg::Ratio => FunnelKind::Ratio,
            KindArg::Mean => FunnelKind::Mean,
        },
        method: match args.method {
            MethodArg::Spiegelhalter => FunnelMethod::Spiegelhalter,
            MethodArg::Shmi => FunnelMethod::Shmi,
            MethodArg::Cqc => FunnelMethod::Cqc,
        },
        levels: args.levels.clone(),
        dispersion: match args.dispersion {
            DispersionArg::Auto => Dispersion::Auto,
            DispersionArg::None => Dispersion::None,
            DispersionArg::Multiplicative => Dispersion::Multiplicative,
            DispersionArg::Additive => Dispersion::Additive,
        },
        target: args.target,
        limits: args.limits.map(|l| match l {
            LimitsArg::Exact => FunnelLimits::Exact,
            LimitsArg::Normal => FunnelLimits::Normal,
        }),
        winsorise: args.winsorise,
        direction: args.direction.value(),
    };
    let data = FunnelData {
        units: &units,
        numerators: &numerators,
        denominators: &denominators,
        sd: sd.as_deref(),
    };
    // A missing cell is a unit that cannot be placed: named by its CSV line.
    for (row, (&y, &n)) in numerators.iter().zip(&denominators).enumerate() {
        if y.is_nan() || n.is_nan() {
            return Err(in_file(&path)(table.bad_cell(
                row,
                if y.is_nan() { 1 } else { 2 },
                "",
                "a unit needs its numerator and denominator".into(),
            )));
        }
    }
    let result = funnel(&data, &options).map_err(in_file(&path))?;
    if let Some(file) = &args.svg {
        let svg = measures_render::funnel_svg(
            &result,
            &measures_render::SvgOptions {
                title: args.title.clone(),
                y_label: Some(match args.kind {
                    KindArg::Mean => args.numerator.clone(),
                    _ => format!("{} / {}", args.numerator, args.denominator),
                }),
                ..measures_render::SvgOptions::default()
            },
        );
        crate::output::write_file(file, &svg)?;
    }
    crate::output::print(args.format, &result, |out| write_table(out, &result))
}

/// The funnel as a table ranked by z, with the summary sentence first.
fn write_table(out: &mut dyn Write, f: &Funnel) -> io::Result<()> {
    writeln!(out, "{}", f.summary)?;
    writeln!(
        out,
        "target {:.4} ({}); {} method; {} limits; {}",
        f.target,
        f.target_source(),
        serde_json::to_value(f.method)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        match f.limits {
            FunnelLimits::Exact => "exact",
            FunnelLimits::Normal => "normal",
        },
        f.notes.join("; ")
    )?;
    writeln!(out)?;
    let levels: Vec<String> = f
        .levels
        .iter()
        .map(|p| format!("{:>9}", format!("{}%", p * 100.0)))
        .collect();
    writeln!(
        out,
        "{:<24} {:>10} {:>10} {:>8} {}",
        "unit",
        "value",
        "size",
        "z",
        levels.join(" ")
    )?;
    for u in &f.units {
        let marks: Vec<String> = u
            .outside
            .iter()
            .map(|&o| {
                format!(
                    "{:>9}",
                    match o {
                        1 => "above",
                        -1 => "below",
                        _ => "within",
                    }
                )
            })
            .collect();
        writeln!(
            out,
            "{:<24} {:>10.4} {:>10} {:>8.2} {}",
            u.unit,
            u.value,
            u.denominator,
            u.z,
            marks.join(" ")
        )?;
    }
    Ok(())
}
