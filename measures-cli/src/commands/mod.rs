//! One file per family of sub-commands: `charts.rs` (every SPC chart, through the
//! core's one `chart` entry), `capability.rs`, `demand.rs` (`demand` and
//! `report`), `funnel.rs` and `compare.rs`.

pub mod capability;
pub mod charts;
pub mod compare;
pub mod demand;
pub mod funnel;
