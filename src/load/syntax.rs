//! Reading YAML text into a value tree, placing each problem that stops the parser where it is.
//!
//! The YAML parser reports some mistakes far from where they are made: a duplicate key at the
//! start of its mapping, an unclosed quote wherever the runaway string finally breaks something,
//! a forbidden control character at the start of the text. Each of these is recognised here,
//! reported at its own line and column, and patched in a working copy of the text so the parser
//! can go on and the rest of the file is still checked in the same run. The working copy never
//! gains or loses a line, so line numbers stay true; patches only change a line from the point
//! they touch.

use serde_yaml::Value;

/// A problem found while parsing, at a 1-based line and column (in characters) of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub field: Option<String>,
    pub expected: String,
    pub hint: String,
    /// Characters the problem spans, when it is a single character rather than a word.
    pub width: Option<usize>,
}

/// A whole number that fits the value tree, standing in for one too large to read. Typed
/// deserialization then reports it against what the field expects; messages quote the source.
const BIG_UNSIGNED: &str = "18446744073709551615";
const BIG_NEGATIVE: &str = "-9223372036854775808";

/// Parses `text` into a value tree. Returns every problem found on the way, and the tree if the
/// parser got through and the patches leave it meaning what the author wrote (a closed quote or
/// bracket does not: the fields after it would be guesses, and checking them would only add
/// knock-on errors).
pub(crate) fn read(text: &str) -> (Option<Value>, Vec<Problem>) {
    let mut trustworthy = true;
    let mut problems = forbidden_characters(text);
    let mut work: String = text
        .chars()
        .map(|c| {
            if is_forbidden(c) {
                " ".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect();
    // Each round patches one problem; the bound only guards against surprises.
    for _ in 0..64 {
        let err = match serde_yaml::from_str::<Value>(&work) {
            Ok(value) => return (trustworthy.then_some(value), problems),
            Err(e) => e,
        };
        let full = err.to_string();
        let message = strip_location(&full);
        let at = err
            .location()
            .map(|l| (l.line(), l.column()))
            .filter(|(line, _)| *line >= 1);
        if let Some((line, col)) = at {
            if let Some(p) = duplicate_key(&mut work, message, line, col) {
                problems.push(p);
                continue;
            }
            if (message.contains(" as u128") || message.contains(" as i128"))
                && shrink_number(&mut work, line, col)
            {
                continue;
            }
            if let Some(p) = unclosed(&mut work, (line, col)) {
                problems.push(p);
                trustworthy = false;
                continue;
            }
        }
        let (line, col) = at.unwrap_or((1, 1));
        problems.push(Problem {
            line,
            col,
            message: format!("invalid YAML: {message}"),
            field: None,
            expected: "valid YAML: `field: value` lines, lists as `[a, b]` or `- item` lines"
                .to_owned(),
            hint: "check indentation, and quote values that contain `: ` or start with a special character"
                .to_owned(),
            width: None,
        });
        return (None, problems);
    }
    (None, problems)
}

/// The message without serde_yaml's " at line L column C" suffix.
pub(crate) fn strip_location(message: &str) -> &str {
    match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

/// Characters YAML does not allow anywhere (outside its printable set, YAML 1.2 §5.1).
fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'
        | '\u{80}'..='\u{84}' | '\u{86}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}')
}

fn forbidden_characters(text: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        for (col, c) in line.chars().enumerate().filter(|(_, c)| is_forbidden(*c)) {
            let name = match c {
                '\u{0}' => " (NUL)",
                '\u{8}' => " (backspace)",
                '\u{C}' => " (form feed)",
                '\u{1B}' => " (escape)",
                '\u{7F}' => " (delete)",
                _ => "",
            };
            out.push(Problem {
                line: n + 1,
                col: col + 1,
                message: format!("control character U+{:04X}{name} is not allowed", c as u32),
                field: None,
                expected: "printable text".to_owned(),
                hint: "delete it; most editors do not show it (it often comes in with pasted text)"
                    .to_owned(),
                width: Some(1),
            });
        }
    }
    out
}

/// Byte offset of the start of 1-based `line` in `text`.
fn line_start(text: &str, line: usize) -> Option<usize> {
    if line == 1 {
        return Some(0);
    }
    text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)
}

/// The text of 1-based `line`, without its line break.
fn line_text(text: &str, line: usize) -> Option<(usize, &str)> {
    let start = line_start(text, line)?;
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    Some((start, text[start..end].trim_end_matches('\r')))
}

/// Byte offset in `line` of 1-based character column `col`.
fn col_offset(line: &str, col: usize) -> usize {
    line.char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// "duplicate entry with key \"name\"" at the start of its mapping: finds the repeated key in
/// that mapping, reports it there, and blanks the repeat (its line and the lines nested under it).
fn duplicate_key(work: &mut String, message: &str, line: usize, col: usize) -> Option<Problem> {
    let i = message.find("duplicate entry with key \"")?;
    let parent = message[..i].trim_end().trim_end_matches(':');
    let key = message[i + "duplicate entry with key \"".len()..].strip_suffix('"')?;
    let (_, first) = line_text(work, line)?;
    let key_col = col_offset(first, col);
    if first[key_col..].starts_with('{') {
        return None; // a flow mapping: left to the parser's own message
    }
    let is_key = |l: &str, at: usize| {
        l.get(at..)
            .and_then(|rest| rest.strip_prefix(key))
            .is_some_and(|r| r.starts_with(':'))
    };
    let mut seen_on = None;
    let mut n = line;
    while let Some((start, text)) = line_text(work, n) {
        let significant = !text.trim().is_empty() && !text.trim_start().starts_with('#');
        if n > line && significant && indent(text) < key_col {
            break;
        }
        let here = if n == line { key_col } else { indent(text) };
        if (n == line || indent(text) == key_col) && is_key(text, here) {
            match seen_on {
                None => seen_on = Some(n),
                Some(first_line) => {
                    let col = text[..key_col].chars().count() + 1;
                    // Blank this entry: its line, and the more-indented lines under it.
                    let mut end_line = n + 1;
                    while let Some((_, t)) = line_text(work, end_line) {
                        if !t.trim().is_empty() && indent(t) <= key_col {
                            break;
                        }
                        end_line += 1;
                    }
                    let end = line_start(work, end_line).unwrap_or(work.len());
                    let blank: String = work[start + key_col..end]
                        .chars()
                        .map(|c| if c == '\n' || c == '\r' { c } else { ' ' })
                        .collect();
                    work.replace_range(start + key_col..end, &blank);
                    let field = if parent.is_empty() {
                        key.to_owned()
                    } else {
                        format!("{parent}.{key}")
                    };
                    return Some(Problem {
                        line: n,
                        col,
                        message: format!("duplicate field `{key}`"),
                        field: Some(field),
                        expected: "each field once".to_owned(),
                        hint: format!(
                            "`{key}` is already set on line {first_line}; keep one of the two"
                        ),
                        width: None,
                    });
                }
            }
        }
        n += 1;
    }
    None
}

/// An integer too large for the value tree, at `line`:`col`: replaced by one that fits (padded to
/// the same length), so the field's own type reports it.
fn shrink_number(work: &mut String, line: usize, col: usize) -> bool {
    let Some((start, text)) = line_text(work, line) else {
        return false;
    };
    let at = col_offset(text, col);
    let token_len = text[at..]
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || (i == 0 && (c == '-' || c == '+'))))
        .map_or(text.len() - at, |(i, _)| i);
    let stand_in = if text[at..].starts_with('-') {
        BIG_NEGATIVE
    } else {
        BIG_UNSIGNED
    };
    if token_len < stand_in.len() {
        return false;
    }
    let patched = format!("{stand_in:<token_len$}");
    work.replace_range(start + at..start + at + token_len, &patched);
    true
}

/// A quote or flow bracket opened on a line and not closed there, on or before the line where the
/// parser gave up. It is the cause if closing it at the end of its line lets the parser get
/// further; then it is reported where it opens, and the working copy keeps the closed version.
fn unclosed(work: &mut String, error_at: (usize, usize)) -> Option<Problem> {
    // Each candidate costs a parse of the whole text; a few are plenty for a real mistake, and
    // the bound keeps a file full of openers from taking quadratic time.
    let mut tries_left = 8;
    let mut block_indent: Option<usize> = None;
    for n in 1..=error_at.0 {
        let (start, text) = line_text(work, n)?;
        // Lines of a `|` or `>` block are text, not YAML.
        if let Some(block) = block_indent {
            if text.trim().is_empty() || indent(text) > block {
                continue;
            }
            block_indent = None;
        }
        let scan = scan_line(text);
        if scan.block_scalar {
            block_indent = Some(indent(text));
        }
        let Some((open_at, opener)) = scan.unclosed else {
            continue;
        };
        if tries_left == 0 {
            return None;
        }
        tries_left -= 1;
        let mut patched = work.clone();
        patched.insert_str(start + text.len(), &scan.closers);
        let further = match serde_yaml::from_str::<Value>(&patched) {
            Ok(_) => true,
            Err(e) => e
                .location()
                .is_some_and(|l| (l.line(), l.column()) > error_at),
        };
        if !further {
            continue;
        }
        let col = text[..open_at].chars().count() + 1;
        *work = patched;
        let (message, expected, hint) = match opener {
            '"' | '\'' => (
                format!("quoted text is not closed: this `{opener}` has no closing `{opener}`"),
                format!("a closing `{opener}` at the end of the value, on the same line"),
                if opener == '"' {
                    "add the closing quote; to put a `\"` inside the text, write `\\\"`".to_owned()
                } else {
                    "add the closing quote; to put a `'` inside the text, write `''`".to_owned()
                },
            ),
            '[' => (
                "list is not closed: this `[` has no closing `]`".to_owned(),
                "a closing `]` on the same line, e.g. `[401, 403]`".to_owned(),
                "add the `]`, or write the list as `- item` lines".to_owned(),
            ),
            _ => (
                "mapping is not closed: this `{` has no closing `}`".to_owned(),
                "a closing `}` on the same line, e.g. `{ rfc: 9110, section: \"15.5.5\" }`"
                    .to_owned(),
                "add the `}`, or write the fields as indented `name: value` lines".to_owned(),
            ),
        };
        return Some(Problem {
            line: n,
            col,
            message,
            field: None,
            expected,
            hint,
            width: Some(1),
        });
    }
    None
}

/// What one line of block-style YAML leaves open at its end.
#[derive(Debug, Default, PartialEq)]
struct LineScan {
    /// Byte offset and character of what is still open: an unclosed quote, else the outermost
    /// unclosed bracket.
    unclosed: Option<(usize, char)>,
    /// What would close everything still open, innermost first.
    closers: String,
    /// The line ends in `|` or `>`: the lines indented under it are a block of text.
    block_scalar: bool,
}

/// Scans one line the way a YAML scanner reads tokens: a quote or bracket only opens something at
/// the start of a value (after `key: `, `- `, `[`, `{` or `,`); inside plain text it is a
/// character like any other. A `#` after a space starts a comment.
fn scan_line(line: &str) -> LineScan {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut token_start = true;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let in_flow = !stack.is_empty();
        if c == ' ' || c == '\t' {
            continue;
        }
        if c == '#' && (i == 0 || line[..i].ends_with([' ', '\t'])) {
            break;
        }
        if token_start {
            token_start = false;
            match c {
                '"' | '\'' => {
                    // A quoted scalar: find its end on this line.
                    let mut closed = false;
                    while let Some((_, q)) = chars.next() {
                        if c == '"' && q == '\\' {
                            chars.next();
                        } else if q == c {
                            if c == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                                chars.next();
                            } else {
                                closed = true;
                                break;
                            }
                        }
                    }
                    if !closed {
                        let closers: String = std::iter::once(c)
                            .chain(stack.iter().rev().map(|(_, o)| closer(*o)))
                            .collect();
                        return LineScan {
                            unclosed: Some((i, c)),
                            closers,
                            block_scalar: false,
                        };
                    }
                    continue;
                }
                '[' | '{' => {
                    stack.push((i, c));
                    token_start = true;
                    continue;
                }
                '-' if chars.peek().is_none_or(|(_, n)| *n == ' ') => {
                    token_start = true;
                    continue;
                }
                '|' | '>' if !in_flow => {
                    let rest = line[i + 1..].trim();
                    if rest.is_empty() || rest.chars().all(|r| matches!(r, '+' | '-' | '0'..='9')) {
                        return LineScan {
                            block_scalar: true,
                            ..LineScan::default()
                        };
                    }
                }
                _ => {}
            }
        }
        match c {
            ':' if chars.peek().is_none_or(|(_, n)| *n == ' ' || *n == '\t')
                || (in_flow
                    && chars
                        .peek()
                        .is_some_and(|(_, n)| matches!(n, ',' | ']' | '}'))) =>
            {
                token_start = true;
            }
            ',' if in_flow => token_start = true,
            ']' | '}' if in_flow => {
                stack.pop();
            }
            _ => {}
        }
    }
    match stack.first() {
        Some(&outer) => LineScan {
            unclosed: Some(outer),
            closers: stack.iter().rev().map(|(_, o)| closer(*o)).collect(),
            block_scalar: false,
        },
        None => LineScan::default(),
    }
}

fn closer(open: char) -> char {
    if open == '[' { ']' } else { '}' }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(text: &str) -> Vec<String> {
        read(text)
            .1
            .iter()
            .map(|p| format!("{}:{} {}", p.line, p.col, p.message))
            .collect()
    }

    #[test]
    fn duplicate_keys_are_reported_at_the_repeat() {
        let text =
            "code: 404\nname: A\nsummary: x\nname: B\nretry:\n  when: x\n  note: y\n  when: z\n";
        assert_eq!(
            summary(text),
            ["4:1 duplicate field `name`", "8:3 duplicate field `when`"]
        );
        let (value, problems) = read(text);
        assert_eq!(problems[1].field.as_deref(), Some("retry.when"));
        assert_eq!(
            problems[0].hint,
            "`name` is already set on line 2; keep one of the two"
        );
        assert_eq!(value.unwrap()["name"], Value::from("A"));
    }

    #[test]
    fn duplicate_keys_inside_list_items() {
        let text = "spec:\n  - rfc: 9110\n    section: \"1\"\n    rfc: 9111\n";
        assert_eq!(summary(text), ["4:5 duplicate field `rfc`"]);
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let text = "code: 404\nname: \"Not Found\nsummary: x\nspec:\n  - rfc: 9110\n    section: \"15.5.5\"\n";
        assert_eq!(
            summary(text),
            ["2:7 quoted text is not closed: this `\"` has no closing `\"`"]
        );
        let text = "a: 'it''s\nb: c\n";
        assert_eq!(
            summary(text),
            ["1:4 quoted text is not closed: this `'` has no closing `'`"]
        );
    }

    #[test]
    fn an_unclosed_bracket_is_reported_where_it_opens() {
        let text = "code: 404\nrelated: [401, 403\nname: x\n";
        assert_eq!(
            summary(text),
            ["2:10 list is not closed: this `[` has no closing `]`"]
        );
    }

    #[test]
    fn quotes_inside_text_and_blocks_are_not_openers() {
        assert_eq!(scan_line("name: It's \"fine\""), LineScan::default());
        assert_eq!(scan_line("a: b # it's a \"comment"), LineScan::default());
        assert_eq!(
            scan_line("- { rfc: 9110, title: \"x\" }"),
            LineScan::default()
        );
        assert!(scan_line("explanation: |").block_scalar);
        // A quote at the start of a line inside a block is text, not an opener.
        let text = "a: |\n  \"quoted\n  text\nb: [x\n";
        assert_eq!(
            summary(text),
            ["4:4 list is not closed: this `[` has no closing `]`"]
        );
    }

    #[test]
    fn forbidden_characters_are_reported_where_they_are() {
        let text = "code: 404\nname: Not\u{0}Found\nsummary: a\u{7}b\n";
        let (value, problems) = read(text);
        assert_eq!(
            problems
                .iter()
                .map(|p| format!("{}:{} {}", p.line, p.col, p.message))
                .collect::<Vec<_>>(),
            [
                "2:10 control character U+0000 (NUL) is not allowed",
                "3:11 control character U+0007 is not allowed",
            ]
        );
        assert!(value.is_some(), "the rest of the file is still read");
    }

    #[test]
    fn numbers_too_large_for_the_tree_are_left_to_the_field_type() {
        let (value, problems) = read("code: 100000000000000000000000000000000\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(value.unwrap()["code"].as_u64(), Some(u64::MAX));
    }

    #[test]
    fn other_syntax_errors_keep_the_parser_message() {
        let problems = read("a: b: c\n").1;
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.starts_with("invalid YAML: "));
    }
}
