//! Markup (XML, SVG, HTML, GraphML, GEXF, DOT) text: the one escaping function
//! that the pictures, the report and the exports share, and [`Escaped`], a
//! value that escapes itself when written with `write!`; and DOT's quoting.

use std::borrow::Cow;
use std::fmt;

/// Escapes text for XML element content and attribute values. Characters
/// XML 1.0 cannot carry (control characters other than tab, line feed and
/// carriage return; U+FFFE, U+FFFF) become U+FFFD.
pub(crate) fn escape(s: &str) -> Cow<'_, str> {
    let needs = |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{FFFE}' | '\u{FFFF}') || c.is_control();
    if !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c if c.is_control() && (c as u32) < 0x20 => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text that escapes itself when formatted (`write!(s, "<b>{}</b>",
/// Escaped(name))`), so a writer cannot forget [`escape`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Escaped<'a>(pub(crate) &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape(self.0))
    }
}

/// Quotes and escapes a DOT identifier: `"` and `\` are escaped, a line
/// break becomes `\n`, other control characters a space.
pub(crate) fn dot_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_bad_characters() {
        assert_eq!(escape("plain"), "plain");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert_eq!(escape("a&b<c>\"d'"), "a&amp;b&lt;c&gt;&quot;d&apos;");
        assert_eq!(escape("x\ny\tz\r"), "x&#10;y&#9;z&#13;");
        assert_eq!(escape("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(escape("\u{FFFF}"), "\u{FFFD}");
        assert_eq!(escape("Zoë 😀"), "Zoë 😀");
        assert_eq!(Escaped("<Ann & Bo>").to_string(), "&lt;Ann &amp; Bo&gt;");
    }
}
