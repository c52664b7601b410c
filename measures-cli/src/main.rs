//! `measures`: SPC charts from a CSV file, printed as JSON or as a table.
//!
//! ```text
//! measures xmr FILE.csv --value COL [--label COL] [--direction higher|lower|neither]
//!              [--target X] [--rules nhs] [--phase-at LABEL ...] [--format json|table]
//! measures p FILE.csv --numerator COL --denominator COL [--label COL] ...
//! measures xbar-r FILE.csv --value COL --subgroup COL ...
//! ```
//! Every sub-command prints the same JSON shape (docs/json.md).

/// Large blocks on huge pages (see measures-alloc): half the time of a long chart.
#[global_allocator]
static ALLOCATOR: measures_alloc::HugePages = measures_alloc::HugePages;

mod args;
mod commands;
mod error;
mod input;
mod output;
mod points;
mod table;

use clap::{Parser, Subcommand};
use commands::charts::{
    self, GChart, LaneyChart, RatioChart, ValueChart, XbarRChart, XbarSChart, XmrChart,
};
use commands::{capability, compare, demand, funnel};
use error::CliError;
use measures_core::{AttributeOptions, ChartSpec, SubgroupOptions};
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
    Xmr(XmrChart),
    /// Run chart around the median, with Anhøj's runs rules.
    Run(ValueChart),
    /// X-bar chart with an R chart, from individual observations grouped into subgroups.
    XbarR(XbarRChart),
    /// X-bar chart with an S chart, from individual observations grouped into subgroups.
    XbarS(XbarSChart),
    /// p chart: proportion of cases with an attribute (binomial).
    P(RatioChart),
    /// np chart: number of cases with an attribute (binomial).
    Np(RatioChart),
    /// c chart: counts of events in equal areas of opportunity (Poisson).
    C(ValueChart),
    /// u chart: events per unit of opportunity (Poisson).
    U(RatioChart),
    /// Laney p′ chart: proportions with large denominators (over-dispersion).
    PPrime(LaneyChart),
    /// Laney u′ chart: rates with large denominators (over-dispersion).
    UPrime(LaneyChart),
    /// t chart: time between rare events (power-transformed XmR).
    T(XmrChart),
    /// g chart: opportunities or days between rare events.
    G(GChart),
    /// Capability: what the process predictably delivers (from an XmR chart of the
    /// values, latest phase), and Cp/Cpk/Pp/Ppk against --lsl/--usl.
    Capability(capability::CapabilityCommand),
    /// Demand analysis of a case log: volume, failure demand, Pareto, flow, and
    /// end-to-end capability overall and per demand type, with open cases.
    Demand(demand::DemandArgs),
    /// The demand report as one self-contained HTML file (charts, statements, Pareto,
    /// open cases, summary table). Without a file it uses the bundled example log.
    Report(demand::ReportArgs),
    /// Funnel plot: compare units (teams, councils) against a target with limits for
    /// their size, over-dispersion handled (Spiegelhalter 2005).
    Funnel(funnel::FunnelArgs),
    /// Did a pilot make a difference? Its units against the rest, each on a chart
    /// with limits frozen before the change, and the verdict in words.
    Compare(compare::CompareArgs),
    /// Tabular CUSUM (upper sum, with the lower sum as companion).
    Cusum(charts::CusumChart),
    /// EWMA chart.
    Ewma(charts::EwmaChart),
}

fn main() -> ExitCode {
    // A report frees each stage's columns as the next begins: handed back at once,
    // they are not counted in its peak (see measures_alloc).
    measures_alloc::return_freed_memory_at_once();
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

/// Dispatch a sub-command: each chart command names its chart and settings once.
fn run(cli: Cli) -> Result<(), CliError> {
    let attribute = AttributeOptions::default;
    match &cli.command {
        Command::Xmr(a) => charts::run(a, ChartSpec::Xmr(a.xmr.options())),
        Command::Run(a) => charts::run(a, ChartSpec::Run),
        Command::XbarR(a) => charts::run(a, ChartSpec::XbarR(SubgroupOptions::default())),
        Command::XbarS(a) => charts::run(a, ChartSpec::XbarS(a.settings())),
        Command::P(a) => charts::run(a, ChartSpec::P(attribute())),
        Command::Np(a) => charts::run(a, ChartSpec::Np(attribute())),
        Command::C(a) => charts::run(a, ChartSpec::C(attribute())),
        Command::U(a) => charts::run(a, ChartSpec::U(attribute())),
        Command::PPrime(a) => charts::run(a, ChartSpec::PPrime(a.settings())),
        Command::UPrime(a) => charts::run(a, ChartSpec::UPrime(a.settings())),
        Command::T(a) => charts::run(a, ChartSpec::T(a.xmr.options())),
        Command::G(a) => charts::run(a, ChartSpec::G(a.settings())),
        Command::Cusum(a) => charts::run(a, ChartSpec::Cusum(a.settings())),
        Command::Ewma(a) => charts::run(a, ChartSpec::Ewma(a.settings())),
        Command::Capability(a) => capability::run(a),
        Command::Demand(a) => demand::run(a),
        Command::Report(a) => demand::report(a),
        Command::Funnel(a) => funnel::run(a),
        Command::Compare(a) => compare::run(a),
    }
}
