//! Text in and out of HTML, in one place: escaping text for an element or an attribute value,
//! and reading text back out of markup (tags dropped, character references decoded). Used by the
//! Markdown renderer, the preview's script tag, link checking, and the importers that read HTML
//! or XML text (`compat update`, `spec import`).

use std::borrow::Cow;

/// `text` safe inside an element or a double-quoted attribute value: `&`, `"`, `<` and `>`
/// become character references.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '"', '<', '>']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `html` without its tags: everything from a `<` to the next `>` is dropped. A `>` outside a
/// tag is text. Character references are left as they are (see [`unescape`]).
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// `text` with its character references decoded: the named ones HTML and XML text commonly
/// carry (`&lt;` `&gt;` `&amp;` `&quot;` `&apos;`, and `&nbsp;` as a plain space) and numeric
/// ones (`&#39;`, `&#x2014;`). Anything else that starts with `&` is kept as written.
pub fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let decoded = after
            .find(';')
            .filter(|end| *end <= 8)
            .and_then(|end| Some((reference(&after[..end])?, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference's name (between `&` and `;`) stands for.
fn reference(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            }
            .and_then(char::from_u32)
        }
    }
}

/// `html` as plain text: tags dropped, then references decoded.
pub fn plain_text(html: &str) -> String {
    unescape(&strip_tags(html)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_unescaping_round_trip() {
        let text = r#"a < b && "c" > 'd'"#;
        assert_eq!(escape(text), "a &lt; b &amp;&amp; &quot;c&quot; &gt; 'd'");
        assert_eq!(unescape(&escape(text)), text);
        assert!(matches!(escape("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn tags_go_and_references_are_decoded() {
        assert_eq!(strip_tags("<p>1 > 0 <code>x</code></p>"), "1 > 0 x");
        assert_eq!(
            plain_text("Use <code>&lt;a&gt;</code>&nbsp;&#39;q&#x27; &amp;amp;"),
            "Use <a> 'q' &amp;"
        );
        assert_eq!(unescape("R&D &unknown; & &#xZZ;"), "R&D &unknown; & &#xZZ;");
    }
}
