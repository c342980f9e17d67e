//! Markup (XML, SVG, HTML, GraphML, GEXF, DOT) text: the one escaping function
//! that the pictures, the report and the exports share, a writer that escapes
//! by construction ([`markup!`] and [`markupln!`]), and DOT's quoting.
//!
//! # Writing markup
//!
//! Every XML/HTML/SVG writer of the crate writes through [`markup!`] /
//! [`markupln!`] / [`markup_format!`] (`write!` / `writeln!` / `format!`
//! with every argument passed through [`Markup`]):
//!
//! ```ignore
//! markupln!(h, "<td class=\"{}\">{:.2}</td>", class, score)?;
//! ```
//!
//! * Text (`str`, `String`, `Cow<str>`) is escaped ([`escape`]).
//! * Numbers and dates are written as they are, with the caller's format
//!   spec (`{:.1}`, `{:>5}`) honoured. A width given to text counts the
//!   characters of the escaped text.
//! * Markup already built (a nested SVG, a fragment made by another
//!   `markup!`) is written as it is only when wrapped in [`Raw`].
//! * Any other type is a compile error: [`Markup`] is implemented for these
//!   alone, so a value cannot reach the output unescaped by accident.
//! * Arguments are positional only. Inline captured names (`"{name}"`) are
//!   refused by the compiler (the format string is re-made by `concat!`, and
//!   `format_args!` captures nothing from such a string), and `{:?}` is
//!   refused too (the wrapper has no `Debug`). A test (`no_raw_markup_writes`)
//!   fails if a `write!`, `writeln!` or `format!` whose format string holds
//!   a tag (`<` then a letter, `/`, `?` or `!`, outside `{...}`) appears
//!   anywhere in `src/` outside this module.

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

/// A value that may be written into markup by [`markup!`]: text escapes
/// itself, numbers and dates are written as [`Display`](fmt::Display) writes
/// them (format specs honoured), [`Raw`] markup as it is.
pub(crate) trait Markup {
    /// Writes the value, escaped as markup needs.
    fn fmt_markup(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

/// Markup already built (a nested picture, a fragment written by
/// [`markup!`], a style sheet): written as it is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Raw<'a>(pub(crate) &'a str);

/// The [`Display`](fmt::Display) of a [`Markup`] value, made by [`markup!`]
/// for each argument. No `Debug`: `{:?}` in a markup string does not compile.
pub(crate) struct Value<'a, T: Markup + ?Sized>(pub(crate) &'a T);

impl<T: Markup + ?Sized> fmt::Display for Value<'_, T> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_markup(f)
    }
}

impl<T: Markup + ?Sized> Markup for &T {
    #[inline]
    fn fmt_markup(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt_markup(f)
    }
}

impl Markup for str {
    fn fmt_markup(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&escape(self))
    }
}

impl Markup for String {
    fn fmt_markup(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_str().fmt_markup(f)
    }
}

impl Markup for Cow<'_, str> {
    fn fmt_markup(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_ref().fmt_markup(f)
    }
}

impl Markup for Raw<'_> {
    fn fmt_markup(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.0)
    }
}

/// Values whose `Display` never writes a character that markup must escape.
macro_rules! as_displayed {
    ($($t:ty),*) => {$(
        impl Markup for $t {
            #[inline]
            fn fmt_markup(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self, f)
            }
        }
    )*};
}

as_displayed!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, f32, f64, jiff::civil::Date);

/// `write!` for markup: every argument goes through [`Markup`] (text
/// escaped, numbers as they are, [`Raw`] for built markup); positional
/// arguments only (see the [module docs](self)).
macro_rules! markup {
    ($out:expr, $fmt:literal $(, $arg:expr)* $(,)?) => {
        ::std::write!($out, concat!($fmt) $(, $crate::markup::Value(&$arg))*)
    };
}

/// `writeln!` for markup; see [`markup!`].
macro_rules! markupln {
    ($out:expr, $fmt:literal $(, $arg:expr)* $(,)?) => {
        ::std::writeln!($out, concat!($fmt) $(, $crate::markup::Value(&$arg))*)
    };
}

/// `format!` for markup: a `String` of markup; see [`markup!`].
macro_rules! markup_format {
    ($fmt:literal $(, $arg:expr)* $(,)?) => {
        ::std::format!(concat!($fmt) $(, $crate::markup::Value(&$arg))*)
    };
}

pub(crate) use {markup, markup_format, markupln};

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
    }

    #[test]
    fn markup_escapes_text_and_keeps_numbers_and_raw() {
        use std::fmt::Write as _;
        let mut s = String::new();
        let name = String::from("<Ann & Bo>");
        let date = jiff::civil::date(2025, 3, 1);
        markup!(s, "<b title=\"{}\">{:.1}|{:>4}|{}|{}</b>", name, 2.26f64, 7u32, date, Raw("<i>x</i>")).unwrap();
        assert_eq!(s, "<b title=\"&lt;Ann &amp; Bo&gt;\">2.3|   7|2025-03-01|<i>x</i></b>");
        s.clear();
        // A width counts the escaped text's characters (as `escape` then `{}` did).
        markupln!(s, "<p>{:<10}|{}</p>", "a'b", Cow::Borrowed("\"q\"")).unwrap();
        assert_eq!(s, "<p>a&apos;b  |&quot;q&quot;</p>\n");
    }

    /// Every XML/HTML/SVG write in `src/` goes through `markup!`: a
    /// `write!`/`writeln!`/`format!` whose format string holds a tag (`<`
    /// then a letter, `/`, `?` or `!`, outside `{...}`: not an alignment
    /// spec `{:<30}` nor a comparison `a <= b`) fails this test.
    #[test]
    fn no_raw_markup_writes() {
        fn visit(dir: &std::path::Path, found: &mut Vec<String>) {
            let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
            entries.sort();
            for path in entries {
                if path.is_dir() {
                    visit(&path, found);
                } else if path.extension().is_some_and(|x| x == "rs") && !path.ends_with("markup.rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for (at, _) in text.match_indices('!') {
                        let head = &text[..at];
                        let Some(start) = ["writeln", "write", "format"].iter().find_map(|m| {
                            head.strip_suffix(m).map(|h| h.len()).filter(|_| text[at + 1..].starts_with('('))
                        }) else {
                            continue;
                        };
                        let (at, args) = (start, &text[at + 2..]);
                        if at > 0 && text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                            continue;
                        }
                        if let Some(fmt) = format_string(args)
                            && tag_outside_braces(fmt)
                        {
                            let line = text[..at].matches('\n').count() + 1;
                            found.push(format!("{}:{line}", path.display()));
                        }
                    }
                }
            }
        }
        /// The first string literal of a macro's arguments (before its `)`).
        fn format_string(args: &str) -> Option<&str> {
            let start = args.find('"')?;
            if args[..start].contains(')') {
                return None;
            }
            let body = &args[start + 1..];
            let mut escaped = false;
            for (i, c) in body.char_indices() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => return Some(&body[..i]),
                    _ => {}
                }
            }
            None
        }
        fn tag_outside_braces(fmt: &str) -> bool {
            let mut depth = 0u32;
            let mut chars = fmt.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '{' => depth += 1,
                    '}' => depth = depth.saturating_sub(1),
                    '<' if depth == 0
                        && chars.peek().is_some_and(|&n| n.is_ascii_alphabetic() || matches!(n, '/' | '?' | '!')) =>
                    {
                        return true;
                    }
                    _ => {}
                }
            }
            false
        }
        let mut found = Vec::new();
        visit(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut found);
        assert!(
            found.is_empty(),
            "markup written with write!/writeln!/format! instead of markup!/markupln!/markup_format!: {found:?}"
        );
        assert!(tag_outside_braces("<td>{}</td>") && tag_outside_braces("</g>"));
        assert!(!tag_outside_braces("{:<30} {:>5}") && !tag_outside_braces("need 1 <= m < n"));
    }
}
