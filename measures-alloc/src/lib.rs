//! The global allocator of the `measures` command and the Python module: mimalloc,
//! asking Linux to back large blocks with transparent huge pages.
//!
//! A chart allocates a few blocks the size of its input (its values, the moving
//! ranges, the caller's copy) and frees them when it is dropped. The system
//! allocator hands blocks of that size back to the kernel on free, so the next chart
//! faults every page in again, clearing each: at 10⁵ points that was two thirds of
//! the time of an XmR chart called from Python (1.6 ms against 0.56 ms with
//! mimalloc, which keeps and reuses freed memory). At 10⁷ points each 80 MB block
//! costs some 20,000 faults with 4 KiB pages; with huge pages the chart took 67 ms
//! instead of 155 ms from Python. numpy advises huge pages for its large arrays for
//! the same reason (`numpy/_core/src/multiarray/alloc.c`, `MADV_HUGEPAGE`), and
//! polars ships its Python wheels with a fast allocator of its own.
//! Where the kernel's setting is `madvise` (the common default) nothing else asks
//! for huge pages; where they are off the advice is ignored; other systems get
//! mimalloc alone.
//!
//! The library crates never set an allocator: a Rust program that depends on
//! `measures-core` keeps its own. Only the two programs we ship (the command and the
//! Python extension) install this one:
//!
//! ```
//! #[global_allocator]
//! static ALLOCATOR: measures_alloc::HugePages = measures_alloc::HugePages;
//! let v = vec![0.0f64; 1 << 20]; // 8 MB: advised
//! assert_eq!(v.len(), 1 << 20);
//! ```

use mimalloc::MiMalloc;
use std::alloc::{GlobalAlloc, Layout};

/// mimalloc, advising huge pages for blocks of [`LARGE`] bytes or more.
#[derive(Debug, Clone, Copy, Default)]
pub struct HugePages;

/// Blocks from this size (4 MiB, two huge pages) are advised: below it a block
/// may not hold an aligned huge page, and the advice would cost a system call for
/// nothing.
pub const LARGE: usize = 4 << 20;

// SAFETY: every call is forwarded to mimalloc with the caller's arguments; the
// advice only changes how the kernel backs pages the block already owns.
unsafe impl GlobalAlloc for HugePages {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let block = MiMalloc.alloc(layout);
        advise(block, layout.size());
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let block = MiMalloc.alloc_zeroed(layout);
        advise(block, layout.size());
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        MiMalloc.dealloc(block, layout)
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = MiMalloc.realloc(block, layout, new_size);
        advise(moved, new_size);
        moved
    }
}

/// Keep freed memory for a second before handing it back to the system (mimalloc's
/// `purge_delay`, 10 ms by default), unless `MIMALLOC_PURGE_DELAY` says otherwise.
/// The Python module calls it: a notebook draws chart after chart of the same size,
/// each reusing the last one's freed blocks instead of faulting fresh pages in. Call
/// once, at start-up.
pub fn hold_freed_memory() {
    set_purge_delay(1000);
}

/// Hand freed memory back to the system at once (`purge_delay` 0), unless
/// `MIMALLOC_PURGE_DELAY` says otherwise. The command calls it: its report frees
/// each stage's columns for good as the next begins, and what mimalloc held after
/// them was its peak's margin over the live data (a ten-million-case report
/// 1.83–1.96 GB with the default delay, 1.62–1.65 GB without, in no more time).
/// Call once, at start-up.
pub fn return_freed_memory_at_once() {
    set_purge_delay(0);
}

fn set_purge_delay(milliseconds: std::os::raw::c_long) {
    /// mimalloc's `mi_option_purge_delay` (the same in its versions 2 and 3).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one of mimalloc's options; any value is valid for it.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, milliseconds) }
    }
}

/// Hand the memory freed so far back to the system now, instead of a second
/// later: for a program between stages, when what the last stage freed (a case
/// log's file, read and let go a block at a time) will not be asked for again at
/// once. A ten-million-case report held 470 MB of its reading's blocks into its
/// measures, where the next stage's peak came.
pub fn release_freed_memory() {
    // SAFETY: mi_collect takes no pointer and may be called at any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// Ask for huge pages over the whole pages inside `block..block + size`.
#[cfg(target_os = "linux")]
fn advise(block: *mut u8, size: usize) {
    if block.is_null() || size < LARGE {
        return;
    }
    const PAGE: usize = 4096;
    let start = (block as usize).next_multiple_of(PAGE);
    let end = (block as usize + size) / PAGE * PAGE;
    if end > start {
        // SAFETY: the range lies inside a block this allocator just handed out;
        // MADV_HUGEPAGE changes no content and its failure is harmless (ignored).
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise(_block: *mut u8, _size: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_large_and_small_are_usable_and_keep_their_contents() {
        let a = HugePages;
        for size in [8, 4096, LARGE - 1, LARGE, 3 * LARGE + 17] {
            let layout = Layout::from_size_align(size, 8).unwrap();
            // SAFETY: layouts are non-zero; each block is freed with its layout.
            unsafe {
                let p = a.alloc_zeroed(layout);
                assert!(!p.is_null());
                assert!((0..size).step_by(4093).all(|i| *p.add(i) == 0));
                *p.add(size - 1) = 7;
                let q = a.realloc(p, layout, size * 2);
                assert_eq!(*q.add(size - 1), 7);
                a.dealloc(q, Layout::from_size_align(size * 2, 8).unwrap());
            }
        }
    }
}
