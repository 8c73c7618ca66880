//! Text from content files and file names made safe to print on a terminal or in a CI log.
//!
//! A file name or a field may hold any character, including a line break (which would let a
//! crafted name start a line of its own, such as a GitHub Actions `::error` command), an escape
//! character (which a terminal obeys: it could clear the report and print "no problems found"),
//! or a bidirectional override (which reorders what a reviewer reads). Each is shown as a
//! visible escape instead.

use std::borrow::Cow;
use std::fmt::Write;

/// A character a terminal or a log would act on, or that reorders text around it, rather than
/// show: C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A control character as messages name it: `U+0000 (NUL)`, `U+001B (escape)`.
pub fn control_name(c: char) -> String {
    let name = match c {
        '\u{0}' => " (NUL)",
        '\u{8}' => " (backspace)",
        '\u{C}' => " (form feed)",
        '\u{1B}' => " (escape)",
        '\u{7F}' => " (delete)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

/// `text` for one line: every unsafe character, line breaks and tabs included, as an escape
/// (`\n`, `\t`, `\u{1b}`), so what is printed is what the file holds and stays on one line.
pub fn one_line(text: &str) -> Cow<'_, str> {
    escape(text, |_| true)
}

/// `text` that may span lines: unsafe characters escaped, line breaks and tabs kept.
pub fn lines(text: &str) -> Cow<'_, str> {
    escape(text, |c| c != '\n' && c != '\t')
}

fn escape(text: &str, escaped: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) && escaped(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            _ if !is_unsafe(c) || !escaped(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

/// `line` with each unsafe character replaced by one visible character (a control picture such
/// as `␛`, or `�`), so a caret under a column still lines up.
pub fn same_width(line: &str) -> Cow<'_, str> {
    if !line.chars().any(is_unsafe) {
        return Cow::Borrowed(line);
    }
    Cow::Owned(
        line.chars()
            .map(|c| match c {
                '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
                '\u{7F}' => '\u{2421}',
                _ if is_unsafe(c) => '\u{FFFD}',
                _ => c,
            })
            .collect(),
    )
}

/// A report for a CI log: any line that, leading spaces aside, starts with `::` (a GitHub
/// Actions workflow command) gets a `\` in front, so only `--format github` can issue commands.
pub fn no_commands(report: &str) -> Cow<'_, str> {
    if !report.lines().any(is_command) {
        return Cow::Borrowed(report);
    }
    let mut out = String::with_capacity(report.len() + 8);
    for line in report.split_inclusive('\n') {
        if is_command(line) {
            out.push('\\');
        }
        out.push_str(line);
    }
    Cow::Owned(out)
}

fn is_command(line: &str) -> bool {
    line.trim_start().starts_with("::")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_shows_every_control_character() {
        assert_eq!(one_line("a.md"), "a.md");
        assert_eq!(
            one_line("a\n::error x\u{1b}[2J\t\u{202e}b"),
            "a\\n::error x\\u{1b}[2J\\t\\u{202e}b"
        );
        assert_eq!(lines("a\n\u{7}b\tc"), "a\n\\u{7}b\tc");
    }

    #[test]
    fn same_width_keeps_columns() {
        let shown = same_width("a\u{0}b\u{1b}c\u{85}d");
        assert_eq!(shown, "a\u{2400}b\u{241b}c\u{FFFD}d");
        assert_eq!(shown.chars().count(), 7);
    }

    #[test]
    fn no_line_starts_a_workflow_command() {
        assert_eq!(
            no_commands("ok\n::error::x\n  ::warning::y"),
            "ok\n\\::error::x\n\\  ::warning::y"
        );
        assert_eq!(no_commands("a :: b"), "a :: b");
    }
}
