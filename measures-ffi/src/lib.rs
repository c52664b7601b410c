//! The C ABI of measures.
//!
//! Rules a C programmer can follow from the header alone:
//! - Every function returns a [`MeasuresStatus`] (or a plain value for infallible
//!   accessors); on failure, [`measures_last_error_message`] describes the problem.
//! - Results are opaque handles created by `measures_*` functions and released by
//!   exactly one call to [`measures_chart_free`].
//! - Input arrays are owned by the caller and passed as pointer + length; they are
//!   only read during the call.
//! - Strings returned through an out-parameter are allocated by the library and
//!   released with [`measures_string_free`]; strings returned directly (`const char*`)
//!   are static and must not be freed.
//! - No panic crosses the boundary: one would be caught and reported as
//!   `MEASURES_STATUS_INTERNAL_ERROR`, without printing to the host's stderr.
//!
//! Versioning: [`measures_abi_version`] returns `MAJOR * 10000 + MINOR`. MINOR grows
//! when functions or enum values are added; MAJOR grows when any existing signature,
//! struct layout or meaning changes. A program built against MAJOR m works with any
//! library whose major is m and whose minor is at least the one it was built with.

//!
//! The crate is laid out as the core is: `status.rs` (status codes, the last error,
//! the guard around every entry point), `memory.rs` (the caller's arrays and
//! strings, and the strings handed out), `options.rs` (the shared chart options),
//! `charts.rs` (`measures_chart`, the one constructor, for every kind), `legacy.rs`
//! (the constructors from before it, kept for compatibility), `handle.rs` (what is
//! read out of a chart),
//! `capability.rs`, `demand.rs`, `funnel.rs` and `compare.rs`.

#![allow(clippy::missing_safety_doc)] // every unsafe fn documents its safety in the header text

mod capability;
mod charts;
mod compare;
mod demand;
mod funnel;
mod handle;
mod legacy;
mod memory;
mod options;
mod status;

pub use capability::*;
pub use charts::*;
pub use compare::*;
pub use demand::*;
pub use funnel::*;
pub use handle::*;
pub use legacy::*;
pub use memory::measures_string_free;
pub use options::{measures_options_default, MeasuresDirection, MeasuresOptions, MeasuresRuleSet};
pub use status::{
    measures_abi_version, measures_last_error_message, MeasuresStatus, MEASURES_ABI_MAJOR,
    MEASURES_ABI_MINOR,
};
