//! Rules on `content/site.yaml` that serde cannot express: the repository pages link to.

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
    let translations = (config.translations.iter().enumerate()).map(|(i, t)| {
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
