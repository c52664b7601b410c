//! Status codes, the per-thread error message, the ABI version, and the guard
//! every entry point runs in so that no panic crosses the boundary.

use measures_core::MeasuresError;
use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// ABI major version.
pub const MEASURES_ABI_MAJOR: u32 = 0;
/// ABI minor version.
pub const MEASURES_ABI_MINOR: u32 = 7;

/// Outcome of a call. Zero is success.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasuresStatus {
    /// Success.
    Ok = 0,
    /// A required pointer was NULL.
    NullPointer = 1,
    /// A length or index is out of range (including a buffer too small).
    InvalidLength = 2,
    /// A value is NaN or infinite.
    NonFinite = 3,
    /// The series, or a phase of it, has too few points.
    TooFewPoints = 4,
    /// An option or input cannot be used (see the message).
    InvalidInput = 5,
    /// A bug in the library (a caught panic). Please report it with the message.
    InternalError = 99,
}

thread_local! {
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

fn set_error(message: &str) {
    let text = CString::new(message.replace('\0', " ")).unwrap_or_default();
    LAST_ERROR.with(|e| *e.borrow_mut() = text);
}

fn fail(status: MeasuresStatus, message: &str) -> MeasuresStatus {
    set_error(message);
    status
}

/// A status and its message, as every entry point reports a failure.
pub(crate) type Failure = (MeasuresStatus, String);

fn status_of(err: &MeasuresError) -> MeasuresStatus {
    match err {
        MeasuresError::Empty | MeasuresError::TooFewPoints { .. } => MeasuresStatus::TooFewPoints,
        MeasuresError::NonFinite { .. } => MeasuresStatus::NonFinite,
        MeasuresError::IndexOutOfRange { .. } | MeasuresError::LengthMismatch { .. } => {
            MeasuresStatus::InvalidLength
        }
        _ => MeasuresStatus::InvalidInput,
    }
}

thread_local! {
    /// Set while this thread runs inside an entry point.
    static INSIDE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keep the library's own panics off the host's standard error: they are caught and
/// reported as INTERNAL_ERROR with a message. The hook is installed once and passes
/// every other panic (the host's, if it is Rust too) to the hook it replaced.
fn quiet_panics_inside() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !INSIDE.with(|inside| inside.get()) {
                previous(info);
            }
        }));
    });
}

/// Run `body`, turning a panic into `InternalError` and clearing the last error on success.
pub(crate) fn guard(body: impl FnOnce() -> Result<(), Failure>) -> MeasuresStatus {
    quiet_panics_inside();
    let was_inside = INSIDE.with(|inside| inside.replace(true));
    let outcome = catch_unwind(AssertUnwindSafe(body));
    INSIDE.with(|inside| inside.set(was_inside));
    match outcome {
        Ok(Ok(())) => {
            set_error("");
            MeasuresStatus::Ok
        }
        Ok(Err((status, message))) => fail(status, &message),
        Err(_) => fail(
            MeasuresStatus::InternalError,
            "internal error: the library panicked; please report this with the input that caused it",
        ),
    }
}

/// A core error as a status and its message.
pub(crate) fn failed(e: MeasuresError) -> Failure {
    (status_of(&e), e.to_string())
}

/// The message of the last failed call on this thread ("" after a success).
/// Borrowed: valid until the next call into the library on this thread; do not free.
#[no_mangle]
pub extern "C" fn measures_last_error_message() -> *const c_char {
    LAST_ERROR.with(|e| e.borrow().as_ptr())
}

/// The ABI version, MAJOR * 10000 + MINOR (see the versioning rule at the top).
#[no_mangle]
pub extern "C" fn measures_abi_version() -> u32 {
    MEASURES_ABI_MAJOR * 10000 + MEASURES_ABI_MINOR
}
