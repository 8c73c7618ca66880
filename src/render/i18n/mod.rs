//! The interface's words: one Project Fluent catalogue per language (`templates/i18n/<code>.ftl`),
//! read like templates and checked against each other and against their uses (`checks.rs`), the
//! `t(key=…, lang=…)` function templates call, and the `js-` messages scripts get (`script.rs`).

mod checks;
mod script;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files;
use crate::source::SourceFile;

pub(crate) use checks::check_uses;

/// The language every other catalogue is checked against, and whose keys templates may use.
pub const REFERENCE: &str = "en";

/// The folder under `templates/` that holds the catalogues.
pub const FOLDER: &str = "i18n";

/// Every language's catalogue, by language code.
pub struct Catalogues {
    languages: BTreeMap<String, Catalogue>,
}

/// One language's messages, as written and ready to format.
struct Catalogue {
    src: SourceFile,
    bundle: FluentBundle<FluentResource>,
    /// Each message's key, the byte offset of its line, and the variables it uses.
    messages: BTreeMap<String, Message>,
    /// The `js-` messages as scripts read them, by key.
    script: BTreeMap<String, serde_json::Value>,
}

/// Where a message is written and the variables (`$name`) its patterns use.
struct Message {
    offset: usize,
    vars: BTreeSet<String>,
}

impl Catalogues {
    /// Reads every `<code>.ftl` under `dir` through the site's bounded reader, reporting syntax
    /// errors at their line and column; then checks every language against [`REFERENCE`].
    pub fn load(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Catalogues {
        let mut languages = BTreeMap::new();
        for file in files::walk(root, dir, Some(1), diags) {
            let Some(code) = file.rel.strip_suffix(".ftl") else {
                diags.push(
                    Diagnostic::at_file(&file.display, "not an interface catalogue")
                        .expected("files named `<language code>.ftl`, such as `en.ftl`")
                        .hint("templates/i18n/ holds only Fluent catalogues; move other files out"),
                );
                continue;
            };
            let src = match SourceFile::read(root, &file.path) {
                Ok(src) => src,
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            };
            if let Some(catalogue) = Catalogue::parse(code, src, diags) {
                languages.insert(code.to_owned(), catalogue);
            }
        }
        let catalogues = Catalogues { languages };
        checks::check_languages(&catalogues, root, dir, diags);
        catalogues
    }

    /// Registers `t(key=…, lang=…, …)`, which formats a message with the other arguments as its
    /// variables, and `script_strings(lang=…, scripts=[…])`, the JSON of the named scripts'
    /// `js-<script>-` messages.
    pub fn register(self: &Arc<Self>, tera: &mut Tera) {
        let this = Arc::clone(self);
        tera.register_function("t", move |kwargs: Kwargs, _: &State| this.t(&kwargs));
        let this = Arc::clone(self);
        tera.register_function(
            "script_strings",
            move |kwargs: Kwargs, _: &State| -> TeraResult<Value> {
                let lang: &str = kwargs.must_get("lang")?;
                let scripts: Vec<String> = kwargs.must_get("scripts")?;
                let catalogue = this.catalogue(lang)?;
                Ok(Value::safe_string(&script::block(
                    &catalogue.script,
                    &scripts,
                )))
            },
        );
    }

    /// A message without variables in `lang`, for words the build writes outside templates (the
    /// search index's); `None` where the language or the message is missing (`check` reports it).
    pub fn text(&self, lang: &str, key: &str) -> Option<String> {
        let catalogue = self.languages.get(lang)?;
        let pattern = catalogue.bundle.get_message(key)?.value()?;
        let mut errors = Vec::new();
        Some(
            catalogue
                .bundle
                .format_pattern(pattern, None, &mut errors)
                .into_owned(),
        )
    }

    /// `html`, a page in `lang`, with each mark the Markdown renderer left at the end of a link to
    /// a page in the site's own language ([`crate::markdown::LANGUAGE_MARK`], an empty element)
    /// filled as the `english_mark` component of `templates/partials/languages.html` fills the
    /// mark of a card or row: `lang`'s `sep-space`, then its `link-in-english` inside the element
    /// (" (English)", "（英語）"). A page without marks is given back as it is.
    pub fn fill_language_marks<'h>(&self, html: &'h str, lang: &str) -> Cow<'h, str> {
        let mark = crate::markdown::LANGUAGE_MARK;
        if !html.contains(mark) {
            return Cow::Borrowed(html);
        }
        let text =
            |key| crate::html_text::escape(&self.text(lang, key).unwrap_or_default()).into_owned();
        let (open, close) = mark.split_at(mark.len() - "</span>".len());
        let filled = format!(
            "{}{open}{}{close}",
            text("sep-space"),
            text("link-in-english")
        );
        Cow::Owned(html.replace(mark, &filled))
    }

    fn catalogue(&self, lang: &str) -> TeraResult<&Catalogue> {
        self.languages.get(lang).ok_or_else(|| {
            tera::Error::message(format!(
                "no interface catalogue for language `{lang}` (add templates/i18n/{lang}.ftl)"
            ))
        })
    }

    /// A message in `lang`. Plain text, escaped on output like any value; when an argument is
    /// markup (a safe string, such as a `{% set %}` block), the text around it is escaped here
    /// and the result is markup.
    fn t(&self, kwargs: &Kwargs) -> TeraResult<Value> {
        let key: &str = kwargs.must_get("key")?;
        let lang: &str = kwargs.must_get("lang")?;
        let catalogue = self.catalogue(lang)?;
        let pattern = (catalogue.bundle.get_message(key))
            .and_then(|m| m.value())
            .ok_or_else(|| {
                tera::Error::message(format!("no message `{key}` in templates/i18n/{lang}.ftl"))
            })?;
        let mut args = FluentArgs::new();
        let mut markup = Vec::new();
        for (name, value) in kwargs.iter() {
            let name = name.as_str().unwrap_or_default();
            if name == "key" || name == "lang" {
                continue;
            }
            let arg = match value.as_str() {
                Some(s) if value.is_safe() => {
                    markup.push(s.to_owned());
                    FluentValue::from(marker(markup.len() - 1))
                }
                Some(s) => FluentValue::from(s.to_owned()),
                None => match (value.as_i64(), value.as_f64()) {
                    (Some(n), _) => FluentValue::from(n),
                    (None, Some(n)) => FluentValue::from(n),
                    _ => {
                        return Err(tera::Error::message(format!(
                            "argument `{name}` of t(key=\"{key}\"): a message takes text or numbers, not {value}"
                        )));
                    }
                },
            };
            args.set(name.to_owned(), arg);
        }
        let mut errors = Vec::new();
        let text = (catalogue.bundle).format_pattern(pattern, Some(&args), &mut errors);
        if let Some(e) = errors.first() {
            return Err(tera::Error::message(format!(
                "message `{key}` of templates/i18n/{lang}.ftl: {e}"
            )));
        }
        if markup.is_empty() {
            return Ok(Value::from(text.into_owned()));
        }
        let mut html = crate::html_text::escape(&text).into_owned();
        for (i, part) in markup.iter().enumerate() {
            html = html.replace(&marker(i), part);
        }
        Ok(Value::safe_string(&html))
    }
}

/// Stands for the `i`th markup argument while a message is formatted and escaped (characters of
/// Unicode's private use area, which no catalogue has reason to hold).
fn marker(i: usize) -> String {
    format!("\u{E000}{i}\u{E001}")
}

impl Catalogue {
    /// Parses one catalogue, reporting each syntax error; `None` when it has any.
    fn parse(code: &str, src: SourceFile, diags: &mut Diagnostics) -> Option<Catalogue> {
        let resource = match FluentResource::try_new(src.text.clone()) {
            Ok(resource) => resource,
            Err((_, errors)) => {
                for e in errors {
                    // At the start of the entry that does not parse (the parser's own position
                    // can be past its end, on the next entry's line).
                    let at = e.slice.as_ref().map_or(e.pos.start, |s| s.start);
                    diags.push(
                        src.diagnostic_at(at, format!("Fluent syntax error: {}", e.kind))
                            .expected("`key = text`, one message per line; continued lines indented; plurals as `{ $count -> [one] … *[other] … }`")
                            .hint("see docs/catalogues.md for how a message is written"),
                    );
                }
                return None;
            }
        };
        let Ok(lang) = code.parse::<unic_langid::LanguageIdentifier>() else {
            diags.push(
                Diagnostic::at_file(&src.path, format!("`{code}` is not a language code"))
                    .expected(
                        "a BCP 47 language tag as the file name, such as `es.ftl` or `pt-BR.ftl`",
                    )
                    .hint("name the catalogue after the language's `code` in content/site.yaml"),
            );
            return None;
        };
        let mut messages = BTreeMap::new();
        for entry in resource.entries() {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(value) = &m.value {
                    pattern_vars(value, &mut vars);
                }
                let offset = key_offset(&src.text, m.id.name);
                messages.insert(m.id.name.to_owned(), Message { offset, vars });
            }
        }
        let script = script::strings(&resource, &src, diags);
        let mut bundle = FluentBundle::new_concurrent(vec![lang]);
        // No isolation marks (U+2068, U+2069) around placeables: a page sets its direction with
        // `dir`, the values are codes and names in the page's own language, and the marks would
        // be invisible characters in titles, attributes, copied text and search.
        bundle.set_use_isolating(false);
        if let Err(errors) = bundle.add_resource(resource) {
            for e in errors {
                diags.push(src.diagnostic_at(0, format!("Fluent error: {e}")));
            }
            return None;
        }
        Some(Catalogue {
            src,
            bundle,
            messages,
            script,
        })
    }
}

/// The byte offset of the line that defines `key` (`key =` at the start of a line).
fn key_offset(text: &str, key: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return offset;
        }
        offset += line.len();
    }
    0
}

/// Every variable a pattern uses, in its placeables, selectors and variants.
fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for variant in variants {
                pattern_vars(&variant.value, vars);
            }
        }
        ast::Expression::Inline(inline) => inline_vars(inline, vars),
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for arg in &arguments.positional {
                inline_vars(arg, vars);
            }
            for arg in &arguments.named {
                inline_vars(&arg.value, vars);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FTL: &str = "greet = Hello, { $name }!\nlink = Read { $link } & more\ncount = { $n ->\n    [one] { $n } result\n   *[other] { $n } results\n}\njs-count-n = { $n ->\n    [0] None\n    [one] { $n } result\n   *[other] { $n } results\n}\njs-hi-x = Hi { $who } </script>\n";

    fn catalogues() -> Arc<Catalogues> {
        let mut diags = Diagnostics::default();
        let catalogue = Catalogue::parse("en", SourceFile::new("en.ftl", FTL), &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let languages = BTreeMap::from([("en".to_owned(), catalogue.unwrap())]);
        Arc::new(Catalogues { languages })
    }

    fn render(template: &str) -> String {
        let mut tera = Tera::new();
        catalogues().register(&mut tera);
        tera.add_raw_template("page.html", template).unwrap();
        tera.render("page.html", &tera::Context::new()).unwrap()
    }

    #[test]
    fn text_arguments_are_escaped_once_and_markup_arguments_kept() {
        // No isolation marks around `<b>`, and the argument escaped by Tera as any value.
        assert_eq!(
            render(r#"{{ t(key="greet", lang="en", name="<b>") }}"#),
            "Hello, &lt;b&gt;!"
        );
        // A `{% set %}` block is markup: the message's own `&` is escaped, the link is not.
        assert_eq!(
            render(
                r#"{% set a %}<a href="/x">it</a>{% endset %}{{ t(key="link", lang="en", link=a) }}"#
            ),
            r#"Read <a href="/x">it</a> &amp; more"#
        );
        assert_eq!(
            render(r#"{{ t(key="count", lang="en", n=1) }}, {{ t(key="count", lang="en", n=3) }}"#),
            "1 result, 3 results"
        );
    }

    #[test]
    fn a_missing_message_or_language_is_a_template_error() {
        let mut tera = Tera::new();
        catalogues().register(&mut tera);
        for (t, why) in [
            (r#"{{ t(key="nope", lang="en") }}"#, "no message `nope`"),
            (
                r#"{{ t(key="greet", lang="fr", name="x") }}"#,
                "no interface catalogue for language `fr`",
            ),
        ] {
            tera.add_raw_template("bad.html", t).unwrap();
            let e = tera.render("bad.html", &tera::Context::new()).unwrap_err();
            let text = format!("{e:?}");
            assert!(text.contains(why), "{text}");
        }
    }

    #[test]
    fn scripts_get_only_js_messages_with_plural_variants_and_no_closing_tag() {
        let json = &script::block(
            &catalogues().languages["en"].script,
            &["count".to_owned(), "hi".to_owned()],
        );
        assert!(!json.contains("</"), "{json}");
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "js-count-n": {"select": "n", "default": "other", "variants": {"0": "None", "one": "{$n} result", "other": "{$n} results"}},
                "js-hi-x": "Hi {$who} </script>",
            })
        );
    }

    #[test]
    fn messages_record_their_line_and_variables() {
        let catalogues = catalogues();
        let en = &catalogues.languages["en"];
        assert_eq!(en.src.position(en.messages["link"].offset), (2, 1));
        assert_eq!(en.messages["count"].vars, BTreeSet::from(["n".to_owned()]));
    }
}
