//! Syntax highlighting of fenced code blocks at build time, with syntect's grammars (Sublime Text's
//! default set, plus `http.sublime-syntax` beside this file for HTTP messages). syntect splits the
//! text into scoped tokens; each token gets one short class for what it is (`hl-keyword`,
//! `hl-string`, `hl-key`...), coloured by the stylesheet for both themes, so pages need no script
//! and no inline style under the strict Content-Security-Policy, and stay small.

use std::sync::LazyLock;

use syntect::easy::ScopeRangeIterator;
use syntect::parsing::{ParseState, ScopeStack, SyntaxDefinition, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::html_text;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(|| {
    let mut builder = SyntaxSet::load_defaults_newlines().into_builder();
    let http = SyntaxDefinition::load_from_str(include_str!("http.sublime-syntax"), true, None)
        .expect("src/markdown/http.sublime-syntax is a valid syntax definition");
    builder.add(http);
    builder.build()
});

/// The grammar for a fence's language word, if there is one: a file extension or a language
/// name (`js`, `json`, `python`, `sh`, `http`, `perl`...). `nginx` and others have none.
fn syntax_for(language: &str) -> Option<&'static SyntaxReference> {
    let token = match language.to_ascii_lowercase().as_str() {
        "" => return None,
        "javascript" | "node" => "js".to_owned(),
        "shell" | "bash" | "console" | "zsh" => "sh".to_owned(),
        other => other.to_owned(),
    };
    SYNTAXES.find_syntax_by_token(&token)
}

/// The class of a token, from its innermost scope that says something a reader can use.
fn class_of(stack: &ScopeStack) -> Option<&'static str> {
    let scopes: Vec<String> = stack.as_slice().iter().map(|s| s.build_string()).collect();
    // A JSON object's key ("meta.mapping.key" in newer grammars).
    let in_key = scopes.iter().any(|s| {
        s.starts_with("meta.structure.dictionary.key") || s.starts_with("meta.mapping.key")
    });
    scopes.iter().rev().find_map(|scope| {
        let is = |prefix: &str| scope.starts_with(prefix);
        if is("comment") {
            Some("hl-comment")
        } else if is("string") || is("punctuation.definition.string") {
            Some(if in_key { "hl-key" } else { "hl-string" })
        } else if is("constant.numeric") || is("constant.language") || is("constant.character") {
            Some("hl-constant")
        } else if (is("keyword") && !is("keyword.operator")) || is("storage") {
            Some("hl-keyword")
        } else if is("entity.name.tag") {
            Some("hl-field")
        } else if is("entity.name.function") || is("support.function") || is("variable.function") {
            Some("hl-function")
        } else if is("support.type") || is("support.class") || is("entity.name.class") {
            Some("hl-type")
        } else {
            None
        }
    })
}

/// `text` as highlighted HTML for the language `language`, or `None` when there is no grammar
/// for it (the caller then writes the text escaped, as before). Text is always escaped; the only
/// markup added is `<span class="hl-…">`.
pub fn highlight(language: &str, text: &str) -> Option<String> {
    let syntax = syntax_for(language)?;
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut html = String::with_capacity(text.len() * 2);
    let mut open: Option<&'static str> = None;
    for line in LinesWithEndings::from(text) {
        let ops = state.parse_line(line, &SYNTAXES).ok()?;
        for (range, op) in ScopeRangeIterator::new(&ops, line) {
            stack.apply(op).ok()?;
            if range.is_empty() {
                continue;
            }
            let piece = &line[range];
            // Whitespace keeps the span it is in, so a token run is one span.
            let class = if piece.trim().is_empty() {
                open
            } else {
                class_of(&stack)
            };
            if class != open {
                if open.is_some() {
                    html.push_str("</span>");
                }
                if let Some(class) = class {
                    html.push_str("<span class=\"");
                    html.push_str(class);
                    html.push_str("\">");
                }
                open = class;
            }
            html.push_str(&html_text::escape(piece));
        }
    }
    if open.is_some() {
        html.push_str("</span>");
    }
    Some(html)
}

#[cfg(test)]
mod tests {
    use super::highlight;

    #[test]
    fn http_messages_mark_the_start_line_fields_and_a_json_body() {
        let html = highlight(
            "http",
            "GET /a?b=<c> HTTP/1.1\nHost: example.com\n\nHTTP/1.1 429 Too Many Requests\nRetry-After: 30\n\n{\"status\": 429}\n",
        )
        .unwrap();
        assert!(
            html.starts_with(r#"<span class="hl-keyword">GET "#),
            "{html}"
        );
        assert!(
            html.contains(r#"<span class="hl-string">/a?b=&lt;c&gt; "#),
            "{html}"
        );
        assert!(html.contains(r#"<span class="hl-constant">429 "#), "{html}");
        assert!(
            html.contains(r#"<span class="hl-field">Retry-After</span>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<span class="hl-key">&quot;status&quot;</span>"#),
            "the body is JSON: {html}"
        );
    }

    #[test]
    fn the_content_languages_have_grammars_and_others_fall_back() {
        for language in ["http", "json", "js", "javascript", "python", "sh", "perl"] {
            assert!(highlight(language, "x\n").is_some(), "{language}");
        }
        for language in ["nginx", "promql", "", "no-such-language"] {
            assert!(highlight(language, "x\n").is_none(), "{language}");
        }
        // Nothing a block holds becomes markup.
        let html = highlight("js", "</code><script>alert(1)</script>\n").unwrap();
        assert!(
            !html.contains("<script") && !html.contains("</code>"),
            "{html}"
        );
        assert_eq!(
            html.matches('<').count(),
            html.matches("<span").count() + html.matches("</span>").count()
        );
    }
}
