//! Rules on `content/site.yaml` that serde cannot express: the repository pages link to, and
//! the languages of `translations:`.

use crate::diagnostics::Diagnostic;
use crate::load::yaml::{Seg, Yaml};
use crate::model::SiteConfig;

use super::key;

/// The problems with `repository:`: its `url` must be an https address with a host and a path and
/// nothing a link could be bent with (no query, fragment, quote, space or backslash), and its
/// `branch` a plain branch name.
pub(crate) fn repository(config: &SiteConfig, yaml: &Yaml) -> Vec<Diagnostic> {
    let Some(repository) = &config.repository else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    let url = repository.url.trim_end_matches('/');
    let rest = url.strip_prefix("https://").unwrap_or_default();
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let plain = |c: char| c.is_ascii_alphanumeric() || "-._~/:@".contains(c);
    if host.is_empty() || path.is_empty() || !url.chars().all(plain) {
        problems.push(
            yaml.diagnostic(
                &[key("repository"), key("url")],
                format!("`{}` is not a repository address", repository.url),
            )
            .expected("an https URL with a host and a path, such as `https://github.com/owner/name`")
            .hint("pages link `<url>/edit/<branch>/<file>` and `<url>/issues/new`, so give the repository's own page"),
        );
    }
    let branch = &repository.branch;
    let branch_char = |c: char| c.is_ascii_alphanumeric() || "-._/".contains(c);
    if branch.is_empty() || branch.starts_with(['-', '/']) || !branch.chars().all(branch_char) {
        problems.push(
            yaml.diagnostic(
                &[key("repository"), key("branch")],
                format!("`{branch}` is not a branch name"),
            )
            .expected("letters, digits, `-`, `.`, `_` and `/`, such as `main`")
            .hint("leave `branch` out to use `main`"),
        );
    }
    problems
}

/// First path segments of the site's own pages and files: a language prefix must not be one.
const RESERVED: [&str; 9] = [
    "api",
    "check",
    "cheatsheet",
    "search",
    "static",
    "specs",
    "libraries",
    "compat",
    "sw.js",
];

/// Whether `code` looks like a BCP 47 language tag as a URL prefix wants it: a two- or
/// three-letter lower-case language, then optional subtags of 2 to 8 letters or digits
/// (`es`, `pt-BR`, `zh-Hant`, `es-419`).
pub(crate) fn is_language_tag(code: &str) -> bool {
    let mut parts = code.split('-');
    let language = parts.next().unwrap_or_default();
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The problems with `translations:`: each `code` a language tag, none twice, none the site's
/// own `language`, and none a name the site already uses at its root (a kind's folder, `api`...),
/// since the code is the language's URL prefix and folder under `content/`.
pub(crate) fn translations(config: &SiteConfig, yaml: &Yaml) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, t) in config.translations.iter().enumerate() {
        let at = |message: String| {
            yaml.diagnostic(
                &[
                    key("translations"),
                    crate::load::yaml::Seg::Index(i),
                    key("code"),
                ],
                message,
            )
        };
        let code = t.code.as_str();
        let folder = crate::routes::Kind::ALL.iter().any(|k| k.folder() == code);
        if !is_language_tag(code) {
            problems.push(
                at(format!("`{code}` is not a language tag"))
                    .expected("a BCP 47 language tag such as `es`, `pt-BR` or `zh-Hant`")
                    .hint("the code is the language's URL prefix (`/es/`) and its folder (`content/es/`)"),
            );
        } else if folder || RESERVED.contains(&code) {
            problems.push(
                at(format!("`{code}` is already a folder at the root of the site"))
                    .expected("a language tag that no page or content folder uses")
                    .hint(format!("the language's pages would take the place of the site's own `/{code}/`: choose another tag for it")),
            );
        } else if code.eq_ignore_ascii_case(&config.language) {
            problems.push(
                at(format!("`{code}` is the site's own language"))
                    .expected("a language other than `language:`")
                    .hint(
                        "the root language's pages are the ones under content/; remove this entry",
                    ),
            );
        } else if seen.iter().any(|s| s.eq_ignore_ascii_case(code)) {
            problems.push(
                at(format!("`{code}` is listed twice"))
                    .expected("each language once")
                    .hint("remove the second entry"),
            );
        }
        seen.push(code);
        if t.description.trim().is_empty() {
            problems.push(
                yaml.diagnostic(
                    &[
                        key("translations"),
                        crate::load::yaml::Seg::Index(i),
                        key("description"),
                    ],
                    "`description` is empty",
                )
                .expected("the site's description in this language"),
            );
        }
    }
    problems
}

/// A language of `content/site.yaml` (`language` or a `translations:` code) whose interface
/// catalogue `templates/i18n/<code>.ftl` does not exist: its pages would have no words.
pub(crate) fn catalogues(
    config: &SiteConfig,
    yaml: &Yaml,
    root: &std::path::Path,
) -> Vec<Diagnostic> {
    let dir = crate::layout::SiteLayout::new(root)
        .templates()
        .join("i18n");
    let root_language = (config.language.as_str(), vec![key("language")]);
    // A code that is no language tag, or a root folder's name, is reported as such, not here.
    let usable = |code: &str| {
        is_language_tag(code)
            && !RESERVED.contains(&code)
            && !crate::routes::Kind::ALL.iter().any(|k| k.folder() == code)
    };
    let translations = (config.translations.iter().enumerate())
        .filter(|(_, t)| usable(&t.code))
        .map(|(i, t)| {
            let at = vec![key("translations"), Seg::Index(i), key("code")];
            (t.code.as_str(), at)
        });
    std::iter::once(root_language)
        .chain(translations)
        .filter(|(code, _)| !dir.join(format!("{code}.ftl")).is_file())
        .map(|(code, at)| {
            yaml.diagnostic(&at, format!("language `{code}` has no interface catalogue"))
                .expected(format!("a file templates/i18n/{code}.ftl with every key of templates/i18n/en.ftl"))
                .hint(format!("copy templates/i18n/en.ftl to templates/i18n/{code}.ftl and translate each message (see docs/catalogues.md)"))
        })
        .collect()
}
