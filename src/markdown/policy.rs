//! What a body may contain: the inert tags, link and image schemes and heading ids that pass,
//! and the problems that report the rest.

use super::Problem;

/// Raw HTML tags a body may use, written without attributes: inert inline markup that Markdown
/// has no syntax for. Anything else is refused.
pub const ALLOWED_TAGS: [&str; 4] = ["br", "kbd", "sub", "sup"];

/// Schemes an external link may use.
pub const LINK_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Schemes an image may use.
pub const IMAGE_SCHEMES: [&str; 2] = ["http", "https"];

/// A refused piece of markup, before it knows where it is.
pub(super) struct Refusal {
    message: String,
    hint: String,
    /// The refused tag's name and whether it closes an element (`</svg>`), so that the closing
    /// tag of an element already refused is not a second problem.
    pub tag: Option<(String, bool)>,
}

impl Refusal {
    pub fn at(self, offset: usize) -> Problem {
        Problem {
            offset,
            message: self.message,
            hint: Some(self.hint),
        }
    }
}

/// Raw HTML from a body, rebuilt from the allowed tags only: comments are dropped and text is
/// kept; any other tag, any attribute or anything that is not plainly a tag is refused.
pub(super) fn inert_html(html: &str) -> Result<String, Refusal> {
    let mut safe = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        safe.push_str(&rest[..start]);
        rest = &rest[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let Some(end) = comment.find("-->") else {
                return Err(Refusal {
                    message: "an HTML comment is not closed".into(),
                    hint: "close it with `-->`, or remove it".into(),
                    tag: None,
                });
            };
            rest = &comment[end + 3..];
            continue;
        }
        let end = rest.find('>').map_or(rest.len(), |i| i + 1);
        let tag = &rest[..end];
        let inner = tag.trim_start_matches('<').trim_end_matches('>');
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(name) => (true, name),
            None => (false, inner),
        };
        let name_len = inner
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(inner.len());
        let (name, after) = inner.split_at(name_len);
        let plain = tag.ends_with('>')
            && !name.is_empty()
            && after.trim_end().trim_end_matches('/').is_empty();
        let name = name.to_ascii_lowercase();
        if !plain || !ALLOWED_TAGS.contains(&name.as_str()) {
            let shown: String = tag.chars().take(60).collect();
            return Err(Refusal {
                message: format!("raw HTML `{shown}` is not allowed in content"),
                hint: format!(
                    "write it in Markdown; to show the markup as text, put it in backticks. \
                     The only HTML tags allowed are {}, without attributes",
                    ALLOWED_TAGS.map(|t| format!("<{t}>")).join(", ")
                ),
                tag: (!name.is_empty()).then(|| (name.clone(), closing)),
            });
        }
        safe.push_str(&format!("<{}{name}>", if closing { "/" } else { "" }));
        rest = &rest[end..];
    }
    safe.push_str(rest);
    Ok(safe)
}

/// The scheme of `dest` when it is not one of `allowed` (`javascript`, `data`...). Read the way
/// a browser does: tabs and newlines inside are ignored and case does not matter.
pub(super) fn refused_scheme(dest: &str, allowed: &[&str]) -> Option<String> {
    let cleaned: String = dest
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    let (scheme, _) = cleaned.split_once(':')?;
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let scheme = scheme.to_ascii_lowercase();
    (is_scheme && !allowed.contains(&scheme.as_str())).then_some(scheme)
}

pub(super) fn scheme_problem(offset: usize, scheme: &str, what: &str, allowed: &[&str]) -> Problem {
    // The internal link schemes, from the route table.
    let internal_schemes: Vec<String> = (crate::routes::Kind::ALL.iter())
        .filter_map(|kind| Some(format!("{}:", kind.scheme()?)))
        .collect();
    let internal = crate::diagnostics::did_you_mean(
        &format!("{scheme}:"),
        internal_schemes.iter().map(String::as_str),
    );
    Problem {
        offset,
        message: format!("{what} to a `{scheme}:` address is not allowed"),
        hint: Some(match internal {
            Some(m) => format!("did you mean the internal link `{m}`?"),
            None => format!(
                "use {}, or an internal link such as `code:404`",
                allowed
                    .iter()
                    .map(|s| format!("`{s}:`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
    }
}

pub(super) fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
