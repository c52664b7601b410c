//! The estimators every chart shares, below the charts: the moving-range estimator
//! of a process's centre and σ (XmR, t, transformed XmR, Laney, CUSUM and EWMA), the
//! subgroup estimators of σ (X-bar/R, X-bar/S), and the bias-correction constants.

pub mod constants;
pub mod moving_range;
pub mod subgroup;
