//! A process-wide switch for the work spread over every core (rayon), on by default
//! with the `parallel` feature. Every parallel path asks [`enabled`] first, and the
//! results are the same either way (see `blocks.rs`).
//!
//! It exists for `fork`: a child process inherits rayon's pool as threads that no
//! longer exist, so its next parallel call waits for ever (rayon-rs/rayon#708).
//! Bindings that can be forked (Python's `multiprocessing` forks by default on Linux
//! before 3.14) turn parallelism off in the child, as tokenizers does with its own
//! switch and a `pthread_atfork` hook.

use std::sync::atomic::{AtomicBool, Ordering};

static ENABLED: AtomicBool = AtomicBool::new(true);

/// Whether work may be spread over every core.
///
/// ```
/// measures_core::parallel::set_enabled(false);
/// assert!(!measures_core::parallel::enabled());
/// measures_core::parallel::set_enabled(true);
/// ```
pub fn enabled() -> bool {
    cfg!(feature = "parallel") && ENABLED.load(Ordering::Relaxed)
}

/// Allow or forbid spreading work over every core (async-signal-safe: one atomic
/// store, so it may be called from a `pthread_atfork` child handler).
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

/// How many threads parallel work is spread over (1 without the `parallel` feature).
pub(crate) fn threads() -> usize {
    #[cfg(feature = "parallel")]
    return rayon::current_num_threads();
    #[cfg(not(feature = "parallel"))]
    1
}

/// `f` applied to each item, in order; on every core when `worth_it` and allowed
/// (with the `parallel` feature), for a few large independent pieces of work such
/// as a report's per-group charts. Small work stays on the calling thread: the
/// hand-over would cost more, and a program that never needs the pool never starts it.
pub(crate) fn map<T: Sync, R: Send>(
    items: &[T],
    worth_it: bool,
    f: impl Fn(&T) -> R + Sync + Send,
) -> Vec<R> {
    #[cfg(feature = "parallel")]
    if worth_it && enabled() && items.len() > 1 {
        use rayon::prelude::*;
        return items.par_iter().map(f).collect();
    }
    let _ = worth_it;
    items.iter().map(f).collect()
}
