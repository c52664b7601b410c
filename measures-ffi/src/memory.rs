//! Borrowing the caller's arrays and strings, and the strings this library hands
//! out and takes back.

use crate::status::{Failure, MeasuresStatus};
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Borrow a caller array as a slice; NULL is allowed only with length 0.
pub(crate) unsafe fn slice<'a, T>(
    ptr: *const T,
    len: usize,
    what: &str,
) -> Result<&'a [T], Failure> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err((
            MeasuresStatus::NullPointer,
            format!("{what} is NULL but its length is {len}"),
        ));
    }
    if len > isize::MAX as usize / std::mem::size_of::<T>().max(1) {
        return Err((
            MeasuresStatus::InvalidLength,
            format!("{what}: length {len} is too large"),
        ));
    }
    // SAFETY: the caller promises `ptr` points to `len` readable elements (header contract).
    Ok(std::slice::from_raw_parts(ptr, len))
}

/// Read `len` strings from a caller array of `const char*`; a NULL entry is "".
pub(crate) unsafe fn strings(
    ptr: *const *const c_char,
    len: usize,
    what: &str,
) -> Result<Vec<String>, Failure> {
    let items = slice(ptr, len, what)?;
    Ok(items
        .iter()
        .map(|&p| {
            if p.is_null() {
                String::new()
            } else {
                // SAFETY: each non-null entry is a NUL-terminated string (contract).
                CStr::from_ptr(p).to_string_lossy().into_owned()
            }
        })
        .collect())
}

/// Read `len` UTF-8 strings from a caller array of `const char*`, refusing a NULL
/// entry or bytes that are not UTF-8 with the entry's index (a label is never
/// silently altered).
pub(crate) unsafe fn utf8_strings(
    ptr: *const *const c_char,
    len: usize,
    what: &str,
) -> Result<Vec<String>, Failure> {
    let items = slice(ptr, len, what)?;
    items
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            if p.is_null() {
                return Err((MeasuresStatus::NullPointer, format!("{what}[{i}] is NULL")));
            }
            // SAFETY: each non-null entry is a NUL-terminated string (contract).
            CStr::from_ptr(p).to_str().map(str::to_owned).map_err(|e| {
                (
                    MeasuresStatus::InvalidInput,
                    format!("{what}[{i}] is not UTF-8 text ({e})"),
                )
            })
        })
        .collect()
}

/// Check an out-parameter and set it to NULL, so that a failure leaves it NULL.
pub(crate) unsafe fn clear_out<T>(out: *mut *mut T) -> Result<(), Failure> {
    if out.is_null() {
        return Err((MeasuresStatus::NullPointer, "out is NULL".into()));
    }
    // SAFETY: out is non-null and points to a pointer the caller owns (contract).
    *out = std::ptr::null_mut();
    Ok(())
}

/// Options given as a JSON object (NULL for the defaults), named in the error.
pub(crate) unsafe fn json_options<T: serde::de::DeserializeOwned + Default>(
    json: *const c_char,
    what: &str,
) -> Result<T, Failure> {
    if json.is_null() {
        return Ok(T::default());
    }
    // SAFETY: a non-null options string is NUL-terminated (contract).
    let text = CStr::from_ptr(json).to_string_lossy();
    serde_json::from_str(&text).map_err(|e| (MeasuresStatus::InvalidInput, format!("{what}: {e}")))
}

/// Hand `value` to the caller as JSON in `*out` (release with `measures_string_free`).
pub(crate) unsafe fn give_json<T: serde::Serialize>(
    value: &T,
    out: *mut *mut c_char,
) -> Result<(), Failure> {
    let json =
        serde_json::to_string(value).map_err(|e| (MeasuresStatus::InternalError, e.to_string()))?;
    // SAFETY: out is non-null (checked by the caller before any work).
    *out = CString::new(json)
        .map_err(|e| (MeasuresStatus::InternalError, e.to_string()))?
        .into_raw();
    Ok(())
}

/// Release a string returned through an out-parameter by this library. NULL is ignored.
#[no_mangle]
pub unsafe extern "C" fn measures_string_free(text: *mut c_char) {
    if !text.is_null() {
        // SAFETY: the pointer came from CString::into_raw in this library (contract).
        let _ = catch_unwind(AssertUnwindSafe(|| drop(CString::from_raw(text))));
    }
}
