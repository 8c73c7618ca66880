//! Loading the Tera templates once and rendering pages, with template errors as diagnostics
//! that name the template's `file:line:col` and the content entry being rendered.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use tera::{Context, ErrorKind, Kwargs, State, Tera, TeraResult};

use std::sync::Arc;

use crate::render::assets::Assets;
use crate::render::budget::{self, Budget, Instrumented};
use crate::render::i18n;

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::files;
use crate::source::SourceFile;

/// Templates every site must provide: the base every page extends, and each route's own.
fn required() -> impl Iterator<Item = &'static str> {
    std::iter::once("base.html").chain(crate::routes::TEMPLATES.iter().copied())
}

pub struct Templates {
    tera: Tera,
    /// Template name to its source (to quote lines in messages) and what Tera was given.
    sources: BTreeMap<String, Template>,
    /// Catalogue keys no template or script uses, reported once every page has rendered.
    unused_keys: Diagnostics,
    catalogues: Arc<i18n::Catalogues>,
}

/// A template as written, and as instrumented for the render budget.
struct Template {
    src: SourceFile,
    run: Instrumented,
}

impl Templates {
    /// Loads every file under `templates/`, reporting all syntax errors at once.
    pub fn load(root: &Path, assets: &Assets) -> Result<Templates, Diagnostics> {
        let dir = crate::layout::SiteLayout::new(root).templates();
        let mut diags = Diagnostics::default();
        let mut sources = BTreeMap::new();
        if !dir.is_dir() {
            return Err(Diagnostic::at_file(
                display_path(root, &dir),
                "templates directory not found",
            )
            .hint("a site needs templates/ with base.html and one template per page kind")
            .into());
        }
        // Templates that exist but cannot be read (not UTF-8, say) are reported once, by the
        // reader; they are neither "missing" nor compiled (see `depends_on_any`).
        let mut unreadable = BTreeSet::new();
        let catalogues = Arc::new(i18n::Catalogues::load(
            root,
            &dir.join(i18n::FOLDER),
            &mut diags,
        ));
        for file in files::walk(root, &dir, None, &mut diags) {
            if file.rel.starts_with(&format!("{}/", i18n::FOLDER)) {
                continue;
            }
            let src = match SourceFile::read(root, &file.path) {
                Ok(src) => src,
                Err(d) => {
                    diags.push(d);
                    unreadable.insert(file.rel);
                    continue;
                }
            };
            match budget::instrument(&src.text) {
                Ok(run) => {
                    sources.insert(file.rel, Template { src, run });
                }
                Err(at) => {
                    diags.push(
                        src.diagnostic_at_line(
                            at.line,
                            at.col + 1,
                            "list comprehensions are not allowed in templates",
                        )
                        .expected("a `{% for %}` loop")
                        .hint("write it as `{% for x in items %}...{% endfor %}`: loops are counted against the render budget, comprehensions cannot be"),
                    );
                    // Left out like an unreadable template: what uses it would only add knock-on errors.
                    unreadable.insert(file.rel);
                }
            }
        }
        for required in required() {
            if !sources.contains_key(required) && !unreadable.contains(required) {
                diags.push(missing(root, &dir, required));
            }
        }

        let unused_keys = i18n::check_uses(
            &catalogues,
            sources.values().map(|t| &t.src),
            assets.scripts(),
            &mut diags,
        );
        let mut tera = Tera::new();
        register_asset_function(&mut tera, assets);
        catalogues.register(&mut tera);
        budget::register(&mut tera);
        let left_out = depends_on_any(&sources, unreadable);
        let mut pending: Vec<&String> = sources
            .keys()
            .filter(|name| !left_out.contains(*name))
            .collect();
        // Tera stops at the first broken template; drop it and try again to find the others.
        loop {
            let batch = pending
                .iter()
                .map(|name| (name.as_str(), sources[*name].run.text.as_str()));
            match tera.add_raw_templates(batch) {
                Ok(()) => break,
                Err(e) => {
                    let found = to_diagnostics(&e, &sources, root, &dir);
                    let broken = match e.kind() {
                        ErrorKind::SyntaxError(report) => Some(report.filename().to_owned()),
                        _ => None,
                    };
                    diags.extend(found);
                    match broken {
                        Some(name) if pending.iter().any(|p| **p == name) => {
                            pending.retain(|p| **p != name)
                        }
                        _ => break,
                    }
                }
            }
        }
        diags.into_result()?;
        Ok(Templates {
            tera,
            sources,
            unused_keys,
            catalogues,
        })
    }

    /// The interface words a language's search index holds (see [`crate::render::search::Words`]).
    pub fn search_words(&self, lang: &str) -> crate::render::search::Words {
        crate::render::search::Words {
            header_fields: self.catalogues.text(lang, "nav-headers"),
            practice_title: self.catalogues.text(lang, "practice-index-title"),
        }
    }

    /// `html`, a page in `lang`, with its links' language marks filled in (see
    /// [`i18n::Catalogues::fill_language_marks`]).
    pub fn fill_language_marks<'h>(&self, html: &'h str, lang: &str) -> std::borrow::Cow<'h, str> {
        self.catalogues.fill_language_marks(html, lang)
    }

    /// Catalogue keys that no template or script uses (see [`i18n::check_uses`]).
    pub fn unused_keys(&self) -> Diagnostics {
        self.unused_keys.clone()
    }

    /// Renders `template` within `budget`; on failure the diagnostic names the template
    /// position and `entry`.
    pub fn render(
        &self,
        template: &str,
        context: &Context,
        budget: &Budget,
        root: &Path,
        entry: &Path,
    ) -> Result<String, Diagnostic> {
        budget
            .page(|| self.tera.render(template, context))
            .map_err(|e| {
                let mut d = to_diagnostics(
                    &e,
                    &self.sources,
                    root,
                    &crate::layout::SiteLayout::new(root).templates(),
                )
                .remove(0);
                d.message = format!("{} (while rendering {})", d.message, entry.display());
                d
            })
    }
}

/// A template every site needs is not there.
fn missing(root: &Path, dir: &Path, required: &str) -> Diagnostic {
    Diagnostic::at_file(
        display_path(root, &dir.join(required)),
        format!("missing template `{required}`"),
    )
    .hint("every page kind needs its template; see docs/content-format.md, \"Templates\"")
}

/// The templates that name one of `unreadable` in quotes (`{% extends "base.html" %}`, an
/// include or import), directly or through each other, together with `unreadable` itself. They are
/// left out of compilation: the unreadable file is already reported, and compiling what depends on
/// it would only add knock-on errors. A quoted name that is not a dependency only means that one
/// template goes unchecked until the unreadable one is fixed; it never adds a message.
fn depends_on_any(
    sources: &BTreeMap<String, Template>,
    unreadable: BTreeSet<String>,
) -> BTreeSet<String> {
    let mut out = unreadable;
    loop {
        let more: Vec<String> = sources
            .iter()
            .filter(|(name, src)| {
                !out.contains(*name)
                    && out.iter().any(|dep| {
                        src.src.text.contains(&format!("\"{dep}\""))
                            || src.src.text.contains(&format!("'{dep}'"))
                    })
            })
            .map(|(name, _)| name.clone())
            .collect();
        if more.is_empty() {
            return out;
        }
        out.extend(more);
    }
}

/// `asset(path="style.css")` gives the output name of a static file (`style.3f9a1c2b7d.css`),
/// relative to the site root; a name that is not in `static/` is a template error.
fn register_asset_function(tera: &mut Tera, assets: &Assets) {
    let names: BTreeMap<String, String> = assets
        .names()
        .filter_map(|n| assets.output_name(n).map(|o| (n.to_owned(), o.to_owned())))
        .collect();
    tera.register_function(
        "asset",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            names.get(path).cloned().ok_or_else(|| {
                let known = names
                    .keys()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ");
                tera::Error::message(format!("no static file `{path}` (static/ has: {known})"))
            })
        },
    );
}

/// Maps a Tera error to diagnostics at the templates' lines and columns (never empty).
fn to_diagnostics(
    e: &tera::Error,
    sources: &BTreeMap<String, Template>,
    root: &Path,
    dir: &Path,
) -> Vec<Diagnostic> {
    let path_of = |name: &str| -> PathBuf { display_path(root, &dir.join(name)) };
    if let ErrorKind::Msg(text) = e.kind() {
        // Reference checks (unknown filter, function, test...) arrive as rendered reports.
        let found: Vec<Diagnostic> = parse_reports(text)
            .into_iter()
            .map(|(message, name, line, col)| {
                let template = sources.get(&name);
                let col = template.map_or(col, |t| t.run.original_col(line, col - 1) + 1);
                let d = Diagnostic::new(
                    path_of(&name),
                    line,
                    col,
                    format!("template error: {message}"),
                );
                match template.and_then(|t| t.src.line_text(line)) {
                    Some(text) => d.with_line_text(text),
                    None => d,
                }
            })
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    let mut d = match e.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let kind = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                "template syntax error"
            } else {
                "template error"
            };
            let template = sources.get(report.filename());
            let syntax = matches!(e.kind(), ErrorKind::SyntaxError(_));
            if let Some(d) = template.filter(|_| syntax).and_then(unclosed) {
                return vec![d];
            }
            let col = template.map_or(span.start_col, |t| {
                t.run.original_col(span.start_line, span.start_col)
            });
            let d = Diagnostic::new(
                path_of(report.filename()),
                span.start_line,
                col + 1,
                format!("{kind}: {}", report.message()),
            );
            match template.and_then(|t| t.src.line_text(span.start_line)) {
                Some(text) => d.with_line_text(text),
                None => d,
            }
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::at_file(
            path_of(current),
            format!("template `{current}` extends `{parent}`, which does not exist"),
        )
        .hint(format!(
            "add templates/{parent} or fix the name in {{% extends %}}"
        )),
        ErrorKind::TemplateNotFound(name) => {
            Diagnostic::at_file(path_of(name), format!("template `{name}` not found"))
                .hint(format!("add templates/{name}"))
        }
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain: chain,
        }
        | ErrorKind::CircularInclude {
            tpl,
            include_chain: chain,
        } => {
            let how = if matches!(e.kind(), ErrorKind::CircularExtend { .. }) {
                "extends"
            } else {
                "includes"
            };
            Diagnostic::at_file(
                path_of(tpl),
                format!("template `{tpl}` {how} itself: {}", chain.join(" → ")),
            )
            .hint("break the loop: a template cannot be its own parent or include itself")
        }
        _ => Diagnostic::at_file(
            display_path(root, dir),
            format!("template error: {}", first_line(&e.to_string())),
        ),
    };
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        d.message = format!("{}: {c}", d.message);
        cause = c.source();
    }
    vec![d]
}

/// A block tag left open, reported where it opens, for a syntax error Tera reports where the
/// enclosing block ends.
fn unclosed(template: &Template) -> Option<Diagnostic> {
    let (keyword, line, col, ended) = budget::unclosed_block(&template.src.text)?;
    Some(
        template
            .src
            .diagnostic_at_line(
                line,
                col,
                format!("template syntax error: `{{% {keyword} %}}` is not closed"),
            )
            .expected(format!(
                "`{{% end{keyword} %}}` before line {ended}, where the block around it ends"
            ))
            .hint(format!(
                "add `{{% end{keyword} %}}` where the `{keyword}` block should end"
            )),
    )
}

/// Splits Tera's rendered reports (`error: MESSAGE` then ` --> NAME:LINE:COL`) into parts.
///
/// Tera 2 gives structured positions for a syntax or rendering error (`ReportError::span`, used
/// above), but the checks it runs after parsing (an unknown filter, test or function, a block no
/// parent defines) arrive only as those reports joined into one `ErrorKind::Msg` text, so their
/// positions can only be read back from it.
fn parse_reports(text: &str) -> Vec<(String, String, usize, usize)> {
    let mut found = Vec::new();
    let mut message = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m.to_owned());
        } else if let (Some(at), Some(m)) = (line.trim_start().strip_prefix("--> "), &message) {
            let mut parts = at.rsplitn(3, ':');
            let col = parts.next().and_then(|c| c.parse().ok());
            let line_no = parts.next().and_then(|l| l.parse().ok());
            if let (Some(col), Some(line_no), Some(name)) = (col, line_no, parts.next()) {
                found.push((m.clone(), name.to_owned(), line_no, col));
                message = None;
            }
        }
    }
    found
}
fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_circular_extend_names_the_chain_from_tera_fields() {
        let mut tera = Tera::new();
        let e = tera
            .add_raw_templates([
                ("a.html", "{% extends \"b.html\" %}"),
                ("b.html", "{% extends \"a.html\" %}"),
            ])
            .unwrap_err();
        let d = to_diagnostics(
            &e,
            &BTreeMap::new(),
            Path::new("/site"),
            Path::new("/site/templates"),
        )
        .remove(0);
        assert!(
            d.message.starts_with("template `") && d.message.contains(" extends itself: "),
            "{}",
            d.message
        );
    }

    #[test]
    fn reports_of_reference_checks_are_split_into_positions() {
        let text = "error: Unknown filter `nope`\n  --> page.html:3:14\n   |\n\nerror: Unknown test `x`\n  --> a/b.html:1:2\n";
        assert_eq!(
            parse_reports(text),
            [
                (
                    "Unknown filter `nope`".to_owned(),
                    "page.html".to_owned(),
                    3,
                    14
                ),
                ("Unknown test `x`".to_owned(), "a/b.html".to_owned(), 1, 2),
            ]
        );
    }
}
