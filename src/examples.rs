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
        i = check_message(&lines, i, &mut last_method, &mut problems);
        while i < lines.len() && lines[i].text.trim().is_empty() {
            i += 1;
        }
    }
    problems
}

enum StartLine {
    /// `framed`: HTTP/2 or HTTP/3, where the protocol frames the body.
    Request {
        method: String,
        framed: bool,
    },
    Response {
        code: u16,
    },
}

/// Checks the message starting at `lines[start]`; returns the index of the line after it.
fn check_message(
    lines: &[Line],
    start: usize,
    last_method: &mut Option<String>,
    problems: &mut Vec<Problem>,
) -> usize {
    let first = lines[start];
    let kind = parse_start_line(first, problems);
    // Header lines run to the first blank line.
    let mut i = start + 1;
    let mut content_length: Option<(Line, Option<u64>)> = None;
    let mut transfer_encoding: Option<Line> = None;
    let mut expect_continue = false;
    while i < lines.len() && !lines[i].text.trim().is_empty() {
        let line = lines[i];
        if let Some(name) = parse_header_line(line, problems) {
            if name.eq_ignore_ascii_case("content-length") {
                let value = line.text[line.text.find(':').map_or(0, |c| c + 1)..].trim();
                let parsed = value
                    .parse::<u64>()
                    .ok()
                    .filter(|_| value.bytes().all(|b| b.is_ascii_digit()));
                if parsed.is_none() {
                    problems.push(Problem {
                        offset: line.offset,
                        message: format!("`Content-Length: {value}` is not a length"),
                        expected: Some("a number of bytes, such as `Content-Length: 42`".into()),
                        hint: Some("RFC 9110 §8.6: Content-Length = 1*DIGIT".into()),
                    });
                }
                if content_length.is_none() {
                    content_length = Some((line, parsed));
                }
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                transfer_encoding.get_or_insert(line);
            } else if name.eq_ignore_ascii_case("expect") {
                expect_continue |= line.text.to_ascii_lowercase().contains("100-continue");
            }
        }
        i += 1;
    }
    // The body: after the blank line, up to a blank line followed by another start line.
    let mut body: Vec<Line> = Vec::new();
    if i < lines.len() {
        let mut j = i + 1;
        if j < lines.len() && !looks_like_start_line(lines[j].text) {
            while j < lines.len() {
                if lines[j].text.trim().is_empty()
                    && lines[j + 1..]
                        .iter()
                        .find(|l| !l.text.trim().is_empty())
                        .is_some_and(|l| looks_like_start_line(l.text))
                {
                    break;
                }
                body.push(lines[j]);
                j += 1;
            }
            while body.last().is_some_and(|l| l.text.trim().is_empty()) {
                body.pop();
            }
        }
        i = j;
    }
    let Some(kind) = kind else {
        return i;
    };
    let elided = body.iter().any(|l| is_elision(l.text));
    let body_len: usize =
        body.iter().map(|l| l.text.len()).sum::<usize>() + body.len().saturating_sub(1);

    if let (Some(cl), Some(te)) = (content_length, transfer_encoding) {
        problems.push(Problem {
            offset: cl.0.offset,
            message: "a message with `Transfer-Encoding` must not also carry `Content-Length`"
                .into(),
            expected: Some(format!(
                "one of them (`Transfer-Encoding` is on line {} of the example)",
                line_number(lines, te) + 1
            )),
            hint: Some(
                "RFC 9112 §6.2: remove `Content-Length`, or send the body without chunking".into(),
            ),
        });
    }

    match kind {
        StartLine::Request { method, framed } => {
            if !framed
                && !body.is_empty()
                && content_length.is_none()
                && transfer_encoding.is_none()
            {
                problems.push(Problem {
                    offset: body[0].offset,
                    message:
                        "this request has a body but no `Content-Length` or `Transfer-Encoding`"
                            .into(),
                    expected: Some(if elided {
                        "a `Content-Length` or `Transfer-Encoding: chunked` header".into()
                    } else {
                        format!("`Content-Length: {body_len}` among the headers")
                    }),
                    hint: Some(
                        "without either header a request's body has length zero (RFC 9112 §6.3), \
                         so a server would read these lines as the next request"
                            .into(),
                    ),
                });
            }
            *last_method = Some(method);
            if body.is_empty() && expect_continue {
                return i;
            }
        }
        StartLine::Response { code } => {
            let bodiless = (100..200).contains(&code) || code == 204 || code == 304;
            if bodiless && !body.is_empty() {
                problems.push(Problem {
                    offset: body[0].offset,
                    message: format!("a {code} response cannot have a body"),
                    expected: Some(
                        "nothing after the blank line that ends the headers, or the start line \
                         of the next message"
                            .into(),
                    ),
                    hint: Some(format!(
                        "RFC 9112 §6.3: a {} response ends at the blank line after its headers; \
                         put what follows in a separate example, or start it with a status line",
                        if code == 304 {
                            "304"
                        } else if code == 204 {
                            "204"
                        } else {
                            "1xx"
                        }
                    )),
                });
            }
            if let Some((line, _)) = content_length
                && (code < 200 || code == 204)
            {
                problems.push(Problem {
                    offset: line.offset,
                    message: format!("a {code} response must not carry `Content-Length`"),
                    expected: None,
                    hint: Some("RFC 9110 §8.6: remove the header".into()),
                });
                return i;
            }
            let head = last_method.as_deref() == Some("HEAD");
            if body.is_empty() && (code == 304 || head) {
                return i;
            }
        }
    }
    if let (Some((line, Some(stated))), None) = (content_length, transfer_encoding)
        && !elided
        && stated != body_len as u64
    {
        problems.push(Problem {
            offset: line.offset,
            message: if body.is_empty() {
                format!("`Content-Length: {stated}` but no body is shown")
            } else {
                format!(
                    "`Content-Length: {stated}` but the body shown is {body_len} byte{}",
                    if body_len == 1 { "" } else { "s" }
                )
            },
            expected: Some(if body.is_empty() {
                format!(
                    "the body after a blank line, or a line such as `{e}{stated} bytes{e}` \
                     standing for it",
                    e = ELISION[0]
                )
            } else {
                format!("`Content-Length: {body_len}`")
            }),
            hint: Some(format!(
                "count the body's UTF-8 bytes, each line break inside it as one byte; \
                 to leave a long body out, put a line that begins and ends with `{}` where it \
                 would be, as `{}312 bytes of delta{}`",
                ELISION[0], ELISION[0], ELISION[0]
            )),
        });
    }
    i
}

fn line_number(lines: &[Line], line: Line) -> usize {
    lines
        .iter()
        .position(|l| l.offset == line.offset)
        .unwrap_or_default()
}

/// Whether a line reads as a start line: `HTTP/1.1 200 ...` or `METHOD target HTTP/x.y`.
fn looks_like_start_line(text: &str) -> bool {
    if let Some(rest) = text.strip_prefix("HTTP/") {
        let mut parts = rest.splitn(3, ' ');
        let version = parts.next().unwrap_or_default();
        let code = parts.next().unwrap_or_default();
        return !version.is_empty()
            && version.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && code.len() == 3
            && code.bytes().all(|b| b.is_ascii_digit());
    }
    let mut parts = text.split(' ');
    let method = parts.next().unwrap_or_default();
    !method.is_empty()
        && method.bytes().all(|b| b.is_ascii_uppercase() || b == b'-')
        && parts.next().is_some_and(|t| !t.is_empty())
        && parts.next().is_some_and(|v| v.starts_with("HTTP/"))
}

/// Parses a request or status line. A syntactically valid version other than 1.x (`HTTP/2.0`,
/// shown on purpose for 505) is accepted; httparse itself knows only 1.0 and 1.1.
fn parse_start_line(line: Line, problems: &mut Vec<Problem>) -> Option<StartLine> {
    let text = line.text;
    let is_response = text.starts_with("HTTP/");
    let (normalised, framed) = normalise_version(text, is_response);
    let buf = format!("{normalised}\r\n\r\n");
    if is_response {
        let mut headers = [httparse::EMPTY_HEADER; 0];
        let mut response = httparse::Response::new(&mut headers);
        match response.parse(buf.as_bytes()) {
            Ok(httparse::Status::Complete(_)) => {
                return response.code.map(|code| StartLine::Response { code });
            }
            Ok(httparse::Status::Partial) | Err(_) => {}
        }
        problems.push(Problem {
            offset: line.offset,
            message: format!("malformed status line `{}`", shorten(text)),
            expected: Some(
                "`HTTP/1.1`, one space, a three-digit status code, one space and a reason phrase \
                 (which may be empty), as `HTTP/1.1 404 Not Found`"
                    .into(),
            ),
            hint: Some(
                "RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ]"
                    .into(),
            ),
        });
    } else {
        let mut headers = [httparse::EMPTY_HEADER; 0];
        let mut request = httparse::Request::new(&mut headers);
        if let Ok(httparse::Status::Complete(_)) = request.parse(buf.as_bytes())
            && let Some(method) = request.method
        {
            return Some(StartLine::Request {
                method: method.to_owned(),
                framed,
            });
        }
        if text
            .split_once(':')
            .is_some_and(|(name, _)| !name.is_empty() && !name.contains(' '))
        {
            problems.push(Problem {
                offset: line.offset,
                message: format!(
                    "the example starts with the header line `{}`, not a request or status line",
                    shorten(text)
                ),
                expected: Some(
                    "a request line (`GET / HTTP/1.1`) or a status line (`HTTP/1.1 200 OK`) first"
                        .into(),
                ),
                hint: Some(
                    "an ```http block shows whole messages; to show header lines on their own, \
                     use a ```text block"
                        .into(),
                ),
            });
            return None;
        }
        problems.push(Problem {
            offset: line.offset,
            message: format!("malformed request line `{}`", shorten(text)),
            expected: Some(
                "a method, one space, the target, one space and the version, as \
                 `GET /path HTTP/1.1`; or a status line, as `HTTP/1.1 200 OK`"
                    .into(),
            ),
            hint: Some(
                "RFC 9112 §3: request-line = method SP request-target SP HTTP-version".into(),
            ),
        });
    }
    None
}

/// Replaces a well-formed `HTTP/d.d` version that is not 1.x, or the `HTTP/2` and `HTTP/3`
/// notation, with `HTTP/1.1`, so that httparse checks the rest of the line; says whether the
/// version was `HTTP/2` or `HTTP/3`.
fn normalise_version(text: &str, is_response: bool) -> (String, bool) {
    let version_len = |v: &str| {
        let b = v.as_bytes();
        if !v.starts_with("HTTP/") {
            None
        } else if b.len() >= 8 && b[5].is_ascii_digit() && b[6] == b'.' && b[7].is_ascii_digit() {
            Some(8)
        } else if b.len() >= 6 && matches!(b[5], b'2' | b'3') && b.get(6).is_none_or(|c| *c == b' ')
        {
            Some(6)
        } else {
            None
        }
    };
    let framed = |v: &str| matches!(v, "HTTP/2" | "HTTP/3");
    if is_response {
        if let Some(len) = version_len(text) {
            return (format!("HTTP/1.1{}", &text[len..]), framed(&text[..len]));
        }
    } else if let Some((head, version)) = text.rsplit_once(' ')
        && version_len(version) == Some(version.len())
    {
        return (format!("{head} HTTP/1.1"), framed(version));
    }
    (text.to_owned(), false)
}

/// Parses one header line; returns its field name when it is well-formed.
fn parse_header_line<'a>(line: Line<'a>, problems: &mut Vec<Problem>) -> Option<&'a str> {
    let buf = format!("{}\r\n\r\n", line.text);
    let mut headers = [httparse::EMPTY_HEADER; 1];
    let parsed = httparse::parse_headers(buf.as_bytes(), &mut headers);
    if let Ok(httparse::Status::Complete(_)) = parsed
        && !line.text.starts_with([' ', '\t'])
        && let Some((name, _)) = line.text.split_once(':')
        && !name.is_empty()
    {
        return Some(name);
    }
    let (message, hint) = if line.text.starts_with([' ', '\t']) {
        (
            format!(
                "header line `{}` starts with white space",
                shorten(line.text)
            ),
            "RFC 9112 §5.2: line folding is obsolete; write the field on one line",
        )
    } else if !line.text.contains(':') {
        (
            format!("`{}` is not a header line", shorten(line.text)),
            "a header line is a name, a colon and a value; a body goes after one blank line",
        )
    } else {
        (
            format!("malformed header line `{}`", shorten(line.text)),
            "RFC 9110 §5.1: a field name is a token (letters, digits, `-`...) and takes no space before the colon",
        )
    };
    problems.push(Problem {
        offset: line.offset,
        message,
        expected: Some("`Name: value`, as `Content-Type: application/json`".into()),
        hint: Some(hint.into()),
    });
    None
}

fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

/// Checks every `http` block of a rendered body whose text starts at `body_start` in `src`,
/// reporting each problem at its line in the file.
pub(crate) fn check_body(
    src: &crate::load::source::SourceFile,
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

    fn messages(text: &str) -> Vec<String> {
        check(text).into_iter().map(|p| p.message).collect()
    }

    fn at(text: &str) -> Vec<&str> {
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

    #[test]
    fn a_request_body_needs_a_length() {
        let text = "POST /a HTTP/1.1\nHost: a\n\n{\"a\":1}\n";
        assert_eq!(
            messages(text),
            ["this request has a body but no `Content-Length` or `Transfer-Encoding`"]
        );
        assert_eq!(at(text), ["{\"a\":1}"]);
        assert_eq!(
            check(text)[0].expected.as_deref(),
            Some("`Content-Length: 7` among the headers")
        );
    }

    #[test]
    fn content_length_must_match_the_body() {
        let text = "HTTP/1.1 200 OK\nContent-Length: 6\n\nhello\n";
        assert_eq!(at(text), ["Content-Length: 6"]);
        assert_eq!(
            check(text)[0].expected.as_deref(),
            Some("`Content-Length: 5`")
        );
        // A stated length with no body at all, and no elision marker.
        assert_eq!(
            at("HTTP/1.1 200 OK\nContent-Length: 48211\n"),
            ["Content-Length: 48211"]
        );
        // A request that does not wait for 100 Continue sends its body.
        assert_eq!(
            at("PUT /a HTTP/1.1\nContent-Length: 9\n"),
            ["Content-Length: 9"]
        );
        // A line that merely mentions an ellipsis elides nothing.
        assert_eq!(
            at("HTTP/1.1 200 OK\nContent-Length: 1\n\nwait...\n"),
            ["Content-Length: 1"]
        );
    }

    #[test]
    fn bodiless_responses_have_no_body() {
        for (text, line) in [
            ("HTTP/1.1 204 No Content\n\n{}\n", "{}"),
            ("HTTP/1.1 304 Not Modified\n\n<html>\n", "<html>"),
            ("HTTP/1.1 100 Continue\n\nsend it\n", "send it"),
        ] {
            assert_eq!(at(text), [line], "{text:?}");
        }
        assert_eq!(
            messages("HTTP/1.1 204 No Content\nContent-Length: 0\n"),
            ["a 204 response must not carry `Content-Length`"]
        );
    }

    #[test]
    fn malformed_lines_are_named() {
        assert_eq!(at("GET /a b HTTP/1.1\n"), ["GET /a b HTTP/1.1"]);
        assert_eq!(at("HTTP/1.1 20 OK\n"), ["HTTP/1.1 20 OK"]);
        assert_eq!(
            at("GET / HTTP/1.1\nHost example.com\n"),
            ["Host example.com"]
        );
        assert_eq!(at("GET / HTTP/1.1\nBad Name: x\n"), ["Bad Name: x"]);
        assert_eq!(at("GET / HTTP/1.1\n  folded\n"), ["  folded"]);
        assert_eq!(messages("\n\n"), ["the HTTP example is empty"]);
        assert_eq!(
            messages("Retry-After: 120\n"),
            [
                "the example starts with the header line `Retry-After: 120`, not a request or status line"
            ]
        );
    }

    #[test]
    fn both_framing_headers_are_refused() {
        let text = "POST / HTTP/1.1\nContent-Length: 3\nTransfer-Encoding: chunked\n\n0\r\n\n";
        assert_eq!(at(text), ["Content-Length: 3"]);
    }
}
