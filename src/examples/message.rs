//! The rules for one message of a block: framing headers, the body's extent and length, and
//! responses that cannot have a body.

use super::syntax::{StartLine, looks_like_start_line, parse_header_line, parse_start_line};
use super::{ELISION, Line, Problem, is_elision};

/// Checks the message starting at `lines[start]`; returns the index of the line after it.
#[expect(clippy::too_many_lines, reason = "not yet split into named steps")]
pub(super) fn check(
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
#[cfg(test)]
mod tests {
    use super::super::check;
    use super::super::tests::{at, messages};

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
    fn both_framing_headers_are_refused() {
        let text = "POST / HTTP/1.1\nContent-Length: 3\nTransfer-Encoding: chunked\n\n0\r\n\n";
        assert_eq!(at(text), ["Content-Length: 3"]);
    }
}
