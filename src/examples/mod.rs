//! Checks that every ```` ```http ```` example is a message HTTP/1.1 could carry.
//!
//! A block holds one message or several in a row (a request and its response, or interim 1xx
//! responses before the final one), each a start line, header lines, and optionally a blank line
//! and a body. A message's body runs to the end of the block, or to a blank line that is followed
//! by another start line. Start and header lines are parsed with `httparse`; on top of that:
//!
//! - a request with a body needs `Content-Length` or `Transfer-Encoding`: without them its body
//!   has length zero ([RFC 9112 §6.3](https://www.rfc-editor.org/rfc/rfc9112#section-6.3));
//! - a message must not carry both ([RFC 9112 §6.2](https://www.rfc-editor.org/rfc/rfc9112#section-6.2));
//! - a literal `Content-Length` must equal the body's size in bytes of UTF-8, counting each line
//!   break inside the body as one byte (LF) and no line break after the last line;
//! - 1xx, 204 and 304 responses have no body
//!   ([RFC 9112 §6.3](https://www.rfc-editor.org/rfc/rfc9112#section-6.3)), and 1xx and 204 no
//!   `Content-Length` ([RFC 9110 §8.6](https://www.rfc-editor.org/rfc/rfc9110#section-8.6)).
//!
//! A long body is elided by a line that begins and ends with an ellipsis ([`ELISION`]: `…` or
//! `...`): a line holding only `…`, or one describing what is left out, such as
//! `...312 bytes of VCDIFF delta...`. The body is then present but its length is not checked.
//!
//! Some messages state a length without showing a body, and that is not compared: a 304 and a
//! response to `HEAD` (the length is that of the representation, RFC 9110 §8.6), and a request
//! with `Expect: 100-continue` shown before its body is sent (RFC 9110 §10.1.1).
//!
//! `HTTP/2` and `HTTP/3` in place of `HTTP/1.1` (the way curl prints them) mark an exchange over
//! those versions shown in HTTP/1.1 syntax; their bodies are framed by the protocol, so a request
//! body needs no `Content-Length` there, but a stated length must still match.
//!
//! Every HTTP-date in a block must be a real date with the right weekday (`dates`).
//!
//! `syntax` parses start and header lines; `message` applies the rules above to one message.

mod dates;
mod message;
mod syntax;

pub use dates::check as check_dates;

/// What a line that stands for a body left out of an example begins and ends with.
pub const ELISION: [&str; 2] = ["…", "..."];

/// Whether a body line stands for content left out: it begins and ends with an ellipsis.
pub fn is_elision(line: &str) -> bool {
    let line = line.trim();
    ELISION.iter().any(|e| line.starts_with(e)) && ELISION.iter().any(|e| line.ends_with(e))
}

/// A problem in an example, at a byte offset in the block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub expected: Option<String>,
    pub hint: Option<String>,
}

/// A line of the block: its byte offset in the block's text and its text without the line break.
#[derive(Clone, Copy)]
struct Line<'a> {
    offset: usize,
    text: &'a str,
}

/// Checks one ```` ```http ```` block's text; returns every problem found, in order.
pub fn check(text: &str) -> Vec<Problem> {
    let mut lines: Vec<Line> = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        lines.push(Line { offset, text: line });
        offset += raw.len();
    }
    let mut problems = Vec::new();
    let mut i = 0;
    // Blank lines before the first message are not a message.
    while i < lines.len() && lines[i].text.trim().is_empty() {
        i += 1;
    }
    if i == lines.len() {
        problems.push(Problem {
            offset: 0,
            message: "the HTTP example is empty".into(),
            expected: Some(
                "a request line (`GET / HTTP/1.1`) or a status line (`HTTP/1.1 200 OK`)".into(),
            ),
            hint: None,
        });
        return problems;
    }
    // The method of the last request, so that a response to HEAD may state a length.
    let mut last_method: Option<String> = None;
    while i < lines.len() {
        i = message::check(&lines, i, &mut last_method, &mut problems);
        while i < lines.len() && lines[i].text.trim().is_empty() {
            i += 1;
        }
    }
    problems.extend(dates::check(text));
    problems.sort_by_key(|p| p.offset);
    problems
}

/// Checks every `http` block of a rendered body whose text starts at `body_start` in `src`,
/// reporting each problem at its line in the file.
pub(crate) fn check_body(
    src: &crate::source::SourceFile,
    body_start: usize,
    rendered: &crate::markdown::Rendered,
    diags: &mut crate::diagnostics::Diagnostics,
) {
    for block in rendered.code_blocks.iter().filter(|b| b.language == "http") {
        for problem in check(&block.text) {
            let rest = &block.text[problem.offset..];
            let line = rest[..rest.find('\n').unwrap_or(rest.len())].trim_end();
            let mut diagnostic = src
                .diagnostic_at(
                    body_start + block.body_offset(problem.offset),
                    problem.message,
                )
                .width(line.chars().count().max(1))
                .hint_opt(problem.hint);
            if let Some(expected) = problem.expected {
                diagnostic = diagnostic.expected(expected);
            }
            diags.push(diagnostic);
        }
    }
}

/// The problems of every `http` block in a body, each with its offset in the body, for bodies
/// that are not in a file of their own (decision-tree explanations).
pub(crate) fn check_blocks(rendered: &crate::markdown::Rendered) -> Vec<Problem> {
    rendered
        .code_blocks
        .iter()
        .filter(|b| b.language == "http")
        .flat_map(|block| {
            check(&block.text).into_iter().map(|p| Problem {
                offset: block.body_offset(p.offset),
                ..p
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message of each problem `check` finds in `text`.
    pub(super) fn messages(text: &str) -> Vec<String> {
        check(text).into_iter().map(|p| p.message).collect()
    }

    /// The line of `text` each problem `check` finds is reported at.
    pub(super) fn at(text: &str) -> Vec<&str> {
        check(text)
            .into_iter()
            .map(|p| {
                let rest = &text[p.offset..];
                &rest[..rest.find('\n').unwrap_or(rest.len())]
            })
            .collect()
    }

    #[test]
    fn good_examples_pass() {
        for text in [
            "GET / HTTP/1.1\nHost: example.com\n",
            "POST /a HTTP/1.1\nHost: a\nContent-Length: 7\n\n{\"a\":1}\n",
            "POST /a HTTP/1.1\nHost: a\nContent-Length: 9\n\n{\n\"a\":1\n}\n",
            "POST /a HTTP/1.1\nTransfer-Encoding: chunked\n\n7\r\n{\"a\":1}\r\n0\n",
            "HTTP/1.1 200 OK\nContent-Type: text/plain\n\nno length is fine on a response\n",
            "HTTP/1.1 100 Continue\n\nHTTP/1.1 201 Created\nContent-Length: 0\n",
            "HTTP/1.1 103 Early Hints\nLink: </a.css>; rel=preload\n\nHTTP/1.1 200 OK\nContent-Length: 10\n\n<!doctype>\n",
            "HTTP/1.1 200 OK\nContent-Length: 48211\n\n…\n",
            "HTTP/1.1 200 OK\nContent-Length: 5\n\n<html>\n...\n",
            "HTTP/1.1 304 Not Modified\nContent-Length: 1234\nETag: \"x\"\n",
            "HEAD / HTTP/1.1\nHost: a\n\nHTTP/1.1 200 OK\nContent-Length: 1234\n",
            "GET /status HTTP/2.0\nHost: www.example.com\n",
            "POST /a HTTP/2\nHost: a\n\n{}\n\nHTTP/2 421\nContent-Type: text/plain\n\nwrong host\n",
            "HTTP/1.1 206 Partial Content\nContent-Length: 312\n\n...312 bytes of delta...\n",
            "PUT /a HTTP/1.1\nContent-Length: 734003200\nExpect: 100-continue\n",
            "HTTP/1.1 418 \nContent-Length: 0\n",
            "PUT /é HTTP/1.1\nContent-Length: 2\n\né\n",
            "POST / HTTP/1.1\nContent-Length: 5\n\nab\ncd\n\nHTTP/1.1 204 No Content\n",
        ] {
            assert_eq!(check(text), vec![], "{text:?}");
        }
    }
}
