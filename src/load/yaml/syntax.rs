//! Reading YAML text into a position-keeping tree, placing each problem that stops the parser
//! where it is.
//!
//! The parser (saphyr) reports a repeated key at the repeat and a bad character where it is, but
//! an unclosed quote or bracket only where the runaway text finally breaks something, often lines
//! later. Such an opener is found here, reported at its own line and column, and closed in a
//! working copy of the text so the parser can go on. Forbidden control characters are reported
//! where they are and blanked in the working copy, so the rest of the file is still checked in
//! the same run. The working copy never gains or loses a line, so line numbers stay true.

use super::Pos;
use super::field_name;
use super::tree::{self, Node};

/// A problem found while parsing, at a 1-based line and column (in characters) of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub at: Pos,
    pub message: String,
    pub field: Option<String>,
    pub expected: String,
    pub hint: String,
    /// Characters the problem spans, when it is a single character rather than a word.
    pub width: Option<usize>,
}

/// Parses `text` into a tree. Returns every problem found on the way, and the tree if the
/// parser got through and the repairs leave it meaning what the author wrote (a closed quote or
/// bracket does not: the fields after it would be guesses, and checking them would only add
/// knock-on errors). `first_line` is the file's line number of the text's first line, for the
/// lines a message names in words (positions stay relative to the text).
pub(crate) fn read(text: &str, first_line: usize) -> (Option<Node>, Vec<Problem>) {
    let mut trustworthy = true;
    let mut problems = forbidden_characters(text);
    let mut work = blank_forbidden(text);
    // Each round closes one opener; the bound only guards against surprises.
    for _ in 0..64 {
        let err = match tree::parse(&work) {
            Ok((root, duplicates)) => {
                problems.extend(duplicates.into_iter().map(|d| {
                    let key = match d.path.last() {
                        Some(super::Seg::Key(k)) => k.clone(),
                        _ => String::new(),
                    };
                    Problem {
                        at: d.at,
                        message: format!("duplicate field `{key}`"),
                        field: Some(field_name(&d.path)),
                        expected: "each field once".to_owned(),
                        hint: format!(
                            "`{key}` is already set on line {}; keep one of the two",
                            first_line + d.first_line - 1
                        ),
                        width: None,
                    }
                }));
                problems.sort_by_key(|p| p.at);
                return (trustworthy.then_some(root), problems);
            }
            Err(tree::Error::Syntax(e)) => e,
            Err(tree::Error::Limit(limit)) => {
                problems.push(Problem {
                    at: limit.at,
                    message: limit.message,
                    field: None,
                    expected: limit.expected,
                    hint: limit.hint,
                    width: None,
                });
                problems.sort_by_key(|p| p.at);
                return (None, problems);
            }
        };
        let at = Pos {
            line: e_line(&err),
            col: err.marker().col() + 1,
        };
        if let Some(p) = unclosed(&mut work, at) {
            problems.push(p);
            trustworthy = false;
            continue;
        }
        if let Some(p) = misplaced_tab(&work, at) {
            problems.push(p);
            return (None, problems);
        }
        problems.push(Problem {
            at,
            message: format!("invalid YAML: {}", err.info()),
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

/// The tree of `text` if it parses (with forbidden characters blanked), for pointing at fields.
pub(crate) fn tree(text: &str) -> Option<Node> {
    tree::parse(&blank_forbidden(text))
        .ok()
        .map(|(root, _)| root)
}

fn e_line(err: &saphyr_parser::ScanError) -> usize {
    err.marker().line().max(1)
}

fn blank_forbidden(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_forbidden(c) {
                " ".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
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
            out.push(Problem {
                at: Pos {
                    line: n + 1,
                    col: col + 1,
                },
                message: format!(
                    "control character {} is not allowed",
                    crate::printable::control_name(c)
                ),
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

/// A tab where the parser stopped: YAML indents and separates with spaces only, and the parser
/// notices a tab in a line's indentation only at the end of the line before. Looks at the line
/// where it stopped and the next one, and reports the tab itself.
fn misplaced_tab(text: &str, error_at: Pos) -> Option<Problem> {
    let lines = Lines::of(text);
    let (_, line) = lines.text(text, error_at.line)?;
    let tab_in_indent = |n: usize| {
        let (_, line) = lines.text(text, n)?;
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        line[..indent].find('\t').map(|i| Pos {
            line: n,
            col: line[..i].chars().count() + 1,
        })
    };
    if let Some(at) = tab_in_indent(error_at.line).or_else(|| tab_in_indent(error_at.line + 1)) {
        return Some(Problem {
            at,
            message: "tab in indentation: YAML indents with spaces only".to_owned(),
            field: None,
            expected: "spaces before the field or `- item`".to_owned(),
            hint: "replace the tab with spaces (most editors can show tabs and convert them)"
                .to_owned(),
            width: Some(1),
        });
    }
    // A tab right after `key:` or `-`, where YAML wants a space.
    let from = line.char_indices().nth(error_at.col.saturating_sub(2))?.0;
    let i = from + line[from..].find('\t').filter(|i| *i <= 4)?;
    Some(Problem {
        at: Pos {
            line: error_at.line,
            col: line[..i].chars().count() + 1,
        },
        message: "tab where YAML needs a space".to_owned(),
        field: None,
        expected: "a space after `:` or `-`".to_owned(),
        hint: "replace the tab with a space".to_owned(),
        width: Some(1),
    })
}

/// The byte offset of each line's start, so a line is found without a scan from the top.
struct Lines(Vec<usize>);

impl Lines {
    fn of(text: &str) -> Lines {
        Lines(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    /// The text of 1-based `line`, without its line break, and where it starts.
    fn text<'t>(&self, text: &'t str, line: usize) -> Option<(usize, &'t str)> {
        let start = *self.0.get(line.checked_sub(1)?)?;
        let end = self.0.get(line).map_or(text.len(), |next| next - 1);
        Some((start, text[start..end].trim_end_matches('\r')))
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A quote or flow bracket opened on a line and not closed there, on or before the line where the
/// parser gave up. It is the cause if closing it at the end of its line lets the parser get
/// further; then it is reported where it opens, and the working copy keeps the closed version.
fn unclosed(work: &mut String, error_at: Pos) -> Option<Problem> {
    // Each candidate costs a parse of the whole text; a few are plenty for a real mistake, and
    // the bound keeps a file full of openers from taking quadratic time.
    let mut tries_left = 8;
    let mut block_indent: Option<usize> = None;
    let lines = Lines::of(work);
    for n in 1..=error_at.line {
        let (start, text) = lines.text(work, n)?;
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
        // Closed at the end of its own line, or (a bracket may span lines) at the end of the
        // last line before the one where the parser gave up.
        let mut ends = vec![start + text.len()];
        if opener != '"' && opener != '\'' {
            ends.extend(
                (n + 1..error_at.line)
                    .rev()
                    .filter_map(|m| lines.text(work, m))
                    .find(|(_, t)| !t.trim().is_empty())
                    .map(|(s, t)| s + t.len()),
            );
        }
        let Some(patched) = ends.into_iter().find_map(|end| {
            let mut patched = work.clone();
            patched.insert_str(end, &scan.closers);
            let further = match tree::parse(&patched) {
                Ok(_) | Err(tree::Error::Limit(_)) => true,
                Err(tree::Error::Syntax(e)) => {
                    Pos {
                        line: e_line(&e),
                        col: e.marker().col() + 1,
                    } > error_at
                }
            };
            further.then_some(patched)
        }) else {
            continue;
        };
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
            at: Pos { line: n, col },
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
        read(text, 1)
            .1
            .iter()
            .map(|p| format!("{}:{} {}", p.at.line, p.at.col, p.message))
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
        let (value, problems) = read(text, 1);
        assert_eq!(problems[1].field.as_deref(), Some("retry.when"));
        assert_eq!(
            problems[0].hint,
            "`name` is already set on line 2; keep one of the two"
        );
        let root = value.unwrap();
        let name = root
            .get(&[crate::load::yaml::Seg::Key("name".into())])
            .unwrap();
        assert!(matches!(&name.value, tree::Value::Str(s) if s == "A"));
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
        // Nothing closes it before the end of the text.
        let text = "a: b\nc: \"runs to the end\nd: e\n";
        assert_eq!(
            summary(text),
            ["2:4 quoted text is not closed: this `\"` has no closing `\"`"]
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
        let (value, problems) = read(text, 1);
        assert_eq!(
            problems
                .iter()
                .map(|p| format!("{}:{} {}", p.at.line, p.at.col, p.message))
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
        let (value, problems) = read("code: 100000000000000000000000000000000\n", 1);
        assert!(problems.is_empty(), "{problems:?}");
        let root = value.unwrap();
        let code = root
            .get(&[crate::load::yaml::Seg::Key("code".into())])
            .unwrap();
        assert!(matches!(
            code.value,
            tree::Value::Int {
                value: tree::Int::Unsigned(u64::MAX),
                ..
            }
        ));
    }

    #[test]
    fn other_syntax_errors_keep_the_parser_message() {
        let problems = read("a: b: c\n", 1).1;
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.starts_with("invalid YAML: "));
    }
}
