//! One file per family of sub-commands: `charts.rs` (every SPC chart, through the
//! core's one `chart` entry), `capability.rs`, `demand.rs` (`demand` and
//! `report`) and `funnel.rs`.

pub mod capability;
pub mod charts;
pub mod demand;
pub mod funnel;
