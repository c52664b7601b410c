#![allow(dead_code)] // each target uses what it needs
//! Turning fuzz bytes into the inputs the targets need.

/// Floats from 8-byte chunks, with the awkward values (NaN, infinities, the largest
/// and smallest floats, zero) as likely as any other.
pub fn floats(data: &[u8], max: usize) -> Vec<f64> {
    data.chunks_exact(8)
        .take(max)
        .map(|c| {
            let bits = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            match bits % 16 {
                0 => f64::NAN,
                1 => f64::INFINITY,
                2 => f64::MAX,
                3 => -f64::MAX,
                4 => f64::MIN_POSITIVE,
                5 => 0.0,
                6 => (bits >> 8) as f64 % 1000.0,
                7 => ((bits >> 8) % 50) as f64,
                _ => f64::from_bits(bits),
            }
        })
        .collect()
}

/// Small indices into a series of `n` points.
pub fn indices(data: &[u8], n: usize, max: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    data.iter().take(max).map(|&b| b as usize % (n + 2)).collect()
}
