//! Internal link and anchor checking over the rendered site, run by `httpref check`: every link
//! to a page of the site must reach a page that exists, and every `#fragment` an element with that
//! id. Problems are reported in the content file the page comes from, at the link as the load
//! phase recorded it (the file is not read again).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::html_text::unescape;
use crate::model::Site;

/// The values of every `name="..."` attribute of the tags in `html`. Text never holds a raw `<`
/// (it is escaped as `&lt;`), so every `<` followed by a letter opens a tag; attribute values
/// are always double-quoted in the generated pages.
fn attribute_values<'h>(html: &'h str, name: &str) -> Vec<&'h str> {
    let needle = format!(" {name}=\"");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..close];
        let mut attrs = tag;
        while let Some(at) = attrs.find(&needle) {
            let start = at + needle.len();
            let Some(len) = attrs[start..].find('"') else {
                break;
            };
            found.push(&attrs[start..start + len]);
            attrs = &attrs[start + len..];
        }
        rest = &rest[close..];
    }
    found
}

/// Checks every internal link in the rendered `files` (paths relative to the site root).
/// `sources` maps each rendered page to the content file it comes from (`BuildReport::sources`).
pub fn check(
    files: &BTreeMap<String, Vec<u8>>,
    sources: &[(String, PathBuf)],
    site: &Site,
) -> Diagnostics {
    let ids: BTreeMap<&str, BTreeSet<String>> = files
        .par_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| {
            let html = String::from_utf8_lossy(bytes);
            let ids = attribute_values(&html, "id")
                .into_iter()
                .map(|value| unescape(value).into_owned())
                .collect();
            (path.as_str(), ids)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    let sources: BTreeMap<&str, &PathBuf> = sources
        .iter()
        .map(|(path, source)| (path.as_str(), source))
        .collect();
    let base =
        url::Url::parse(site.urls.base_url()).expect("the base URL was validated when loading");
    let base_path = site.urls.base_path();
    // Pages are checked in parallel; results come back in path order.
    let per_page: Vec<Vec<Diagnostic>> = files
        .par_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| {
            let html = String::from_utf8_lossy(bytes);
            let mut found = Vec::new();
            let Ok(page_url) = base.join(path.trim_end_matches("index.html")) else {
                return found;
            };
            for href in attribute_values(&html, "href")
                .into_iter()
                .map(|value| unescape(value).into_owned())
            {
                let Ok(target) = page_url.join(&href) else {
                    continue;
                };
                if target.origin() != base.origin() || !target.path().starts_with(base_path) {
                    continue; // another site
                }
                let rel = &target.path()[base_path.len()..];
                let file = if rel.is_empty() || rel.ends_with('/') {
                    format!("{rel}index.html")
                } else {
                    rel.to_owned()
                };
                let problem = match (files.contains_key(&file), target.fragment()) {
                    (false, _) => format!("link to `{href}`: no such page"),
                    (true, Some(fragment)) if !fragment.is_empty() => {
                        let fragment =
                            percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
                        if ids
                            .get(file.as_str())
                            .is_some_and(|set| set.contains(fragment.as_ref()))
                        {
                            continue;
                        }
                        format!("link to `{href}`: that page has no element with id `{fragment}`")
                    }
                    _ => continue,
                };
                let source = sources
                    .get(path.as_str())
                    .map_or_else(|| PathBuf::from(path), |s| (*s).clone());
                found.push(locate(site, &source, &href, problem));
            }
            found
        })
        .collect();
    let mut diags = Diagnostics::default();
    diags.extend(per_page.into_iter().flatten());
    diags
}

/// A diagnostic at the link where the content file writes it, as recorded when its Markdown was
/// rendered; links that templates add are reported at the file.
fn locate(site: &Site, source: &Path, href: &str, message: String) -> Diagnostic {
    let hint = "fix the link, or the heading it points to (headings get ids from their text)";
    let written = site
        .links
        .get(source)
        .into_iter()
        .flat_map(|sites| sites.iter());
    match written.into_iter().find(|link| link.href == href) {
        Some(link) => link.place.diagnostic(message).hint(hint),
        None => Diagnostic::at_file(source, message).hint(hint),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_double_quoted_attributes() {
        let html = concat!(
            r#"<a href="/codes/404/#example">x</a><h2 id="what-it-means">y</h2><a class="x" href="https://e.org/?a=1&amp;b=2">"#,
            r#"<pre><code>&lt;a href="/in/a/code/block"&gt;</code></pre> id="not-an-attribute""#
        );
        assert_eq!(
            attribute_values(html, "href"),
            ["/codes/404/#example", "https://e.org/?a=1&amp;b=2"]
        );
        assert_eq!(attribute_values(html, "id"), ["what-it-means"]);
        assert_eq!(unescape("a&amp;b"), "a&b");
    }
}
