//! Every chart type, one file per family, over one result model.
//!
//! - [`chart`] (`dispatch.rs`) is the one way in: a [`ChartSpec`] (`spec.rs`: each
//!   kind with its settings, and the [`Method`] a result records) and the data.
//! - The families: `xmr.rs` (XmR), `run.rs` (run chart), `subgroup.rs` (X-bar/R,
//!   X-bar/S), `attribute.rs` (p, np, c, u, Laney p′ and u′), `rare.rs` (t, g),
//!   `transformed.rs` (transformed XmR, and the individuals-on-a-scale step the t
//!   chart shares), `cusum.rs` and `ewma.rs` (with `weighted.rs`, what they share),
//!   `batch.rs` (one XmR chart per group of a long column).
//! - `model.rs` is the result every chart returns ([`Chart`]); `finish.rs` the step
//!   every chart ends with (rules, icons, notes).
//!
//! The estimators the charts share (moving ranges, subgroup σ, bias-correction
//! constants) are below, in `crate::estimators`. Files here import one another one
//! way only; `scripts/check_layout.py` checks it.

mod attribute;
mod batch;
mod cusum;
mod dispatch;
mod ewma;
mod finish;
mod kind;
mod model;
mod rare;
mod run;
mod spec;
mod subgroup;
mod transformed;
mod weighted;
mod xmr;

pub(crate) use attribute::check as check_attribute_data;
pub use attribute::{c_chart, np_chart, p_chart, p_prime_chart, u_chart, u_prime_chart};
pub use batch::{xmr_by_group, xmr_by_group_each};
pub use cusum::cusum_chart;
pub use dispatch::{chart, ChartData};
pub use ewma::ewma_chart;
pub use kind::ChartType;
pub use model::{Chart, ChartBrief, PhaseSummary};
pub use rare::{g_chart, t_chart};
pub use run::run_chart;
pub use spec::{
    AttributeOptions, ChartSpec, CusumOptions, CusumUsed, EwmaOptions, EwmaUsed, GCentre, GOptions,
    Method, TransformedOptions, G_MEDIAN_FACTOR, OVERDISPERSED, T_POWER,
};
pub use subgroup::{xbar_r_chart, xbar_s_chart};
pub use transformed::transformed_xmr_chart;
pub use xmr::xmr_chart;
