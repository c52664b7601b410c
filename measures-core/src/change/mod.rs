//! Measuring a change: where a system changed when nobody recorded the date
//! ([`suggest_phases`]), and whether a pilot made a difference against the units
//! that did not change ([`compare`]).

mod compare;
mod suggest;

pub use compare::{
    compare, CompareData, CompareGroup, CompareOptions, CompareVerdict, Comparison,
    DifferenceInDifferences, Holding,
};
pub use suggest::{suggest_phases, PhaseSuggestion, PhaseSuggestions, SuggestOptions};
