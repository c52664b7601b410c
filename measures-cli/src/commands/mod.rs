//! One file per family of sub-commands: `charts.rs` (every SPC chart, through the
//! core's one `chart` entry), `capability.rs`, and `demand.rs` (`demand` and
//! `report`).

pub mod capability;
pub mod charts;
pub mod demand;
