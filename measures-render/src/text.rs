//! Text as it goes into a drawing or a page: escaped for XML and HTML, and names
//! in words.

/// Escape text for XML and HTML content and attributes. Characters XML 1.0 does not
/// allow anywhere (control characters other than tab, line feed and carriage
/// return, and U+FFFE, U+FFFF) become U+FFFD, the replacement character, so a label
/// from a messy export can never make a drawing unreadable.
///
/// ```
/// assert_eq!(measures_render::escape("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
/// assert_eq!(measures_render::escape("x\u{1}y\u{FFFE}"), "x\u{FFFD}y\u{FFFD}");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A point type or icon name in words: "special_cause_concerning_high" →
/// "special cause concerning high".
pub fn words(name: &str) -> String {
    name.replace('_', " ")
}
