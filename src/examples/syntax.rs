//! Start lines and header lines, parsed with `httparse`, and the problems of malformed ones.

use super::{Line, Problem};

/// What a well-formed start line says.
pub(super) enum StartLine {
    /// `framed`: HTTP/2 or HTTP/3, where the protocol frames the body.
    Request {
        method: String,
        framed: bool,
    },
    Response {
        code: u16,
    },
}

/// Whether a line reads as a start line: `HTTP/1.1 200 ...` or `METHOD target HTTP/x.y`.
pub(super) fn looks_like_start_line(text: &str) -> bool {
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
pub(super) fn parse_start_line(line: Line, problems: &mut Vec<Problem>) -> Option<StartLine> {
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
pub(super) fn parse_header_line<'a>(
    line: Line<'a>,
    problems: &mut Vec<Problem>,
) -> Option<&'a str> {
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

#[cfg(test)]
mod tests {
    use super::super::tests::{at, messages};

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
}
