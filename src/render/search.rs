//! The prebuilt search index: one JSON file, written once per build with a content hash in its
//! name (`search-index.<hash>.json`), fetched by `static/search.js` on first use.
//!
//! Format, version 1 (`"v": 1`):
//!
//! ```text
//! { "v": 1,
//!   "docs":     [[title, url, kind, code, class, summary], ...],  // code and class 0 when none
//!   "terms":    "<front-coded terms, space-separated>",
//!   "postings": "<per term: comma-separated base-36 document gaps; terms separated by ;>",
//!   "tiers":    "<per term: one digit per posting; space-separated>",
//!   "common":   [terms whose body-text postings were dropped],
//!   "ranges":   [[first, last], ...] }                             // unassigned registry ranges
//! ```
//!
//! Terms are lower-case runs of letters and digits with plural endings removed (`terms`, `stem`);
//! the client treats queries the same way. Terms are sorted and front-coded: each starts with one
//! base-36 digit saying how many leading characters it shares with the previous term. A posting is
//! a document index written as the gap from the previous one, with a tier: 0 the code number, 1 a
//! name (title, former name, alias, library constant, vendor), 2 summary or headings, 3 body text.
//! Body postings of terms found in more than a fifth of the documents are dropped (the term is
//! listed in `common`, and the client does not require it): they cost a quarter of the index and
//! rank nothing.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::markdown::Rendered;
use crate::model::decide::NodeKind;
use crate::model::{CodeMeta, Page, Site};
use crate::routes::Route;

pub const FORMAT_VERSION: u32 = 1;

/// Fields, best first. The tier is a posting's rank in the client's ordering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    Code = 0,
    Name = 1,
    Summary = 2,
    Body = 3,
}

/// Words too common to help; kept short, since in this domain "not", "no" and "too" matter.
const STOP_WORDS: [&str; 22] = [
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "in", "is", "it", "its",
    "of", "on", "or", "that", "the", "this", "to",
];

/// Splits text into index terms: lower-case runs of letters and digits, without stop words,
/// one-letter words and numbers shorter than a status code, with plural endings removed.
pub fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .filter(|w| !w.bytes().all(|b| b.is_ascii_digit()) || w.len() >= 3)
        .map(|w| stem(&w))
}

/// Removes plural endings so "requests" finds "request": `-ies` → `-y`, `-sses`/`-xes`/`-zes`/
/// `-ches`/`-shes` lose `-es`, and a final `s` goes unless the word ends in `ss`, `us` or `is`.
/// Words of three letters or fewer and numbers are left alone. `static/search.js` does the same.
pub fn stem(word: &str) -> String {
    if word.chars().count() <= 3 || word.chars().all(|c| c.is_ascii_digit()) {
        return word.to_owned();
    }
    if let Some(base) = word.strip_suffix("ies") {
        return format!("{base}y");
    }
    for suffix in ["sses", "xes", "zes", "ches", "shes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_owned();
        }
    }
    if word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        return word[..word.len() - 1].to_owned();
    }
    word.to_owned()
}

/// `StatusUnprocessableEntity` or `HTTPStatus.NOT_FOUND` as one term (`httpstatusnotfound`), so
/// a constant typed whole finds its code.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One searchable document and its text by field.
struct Doc {
    title: String,
    url: String,
    kind: &'static str,
    code: u16,
    class: u8,
    summary: String,
    fields: Vec<(Tier, String)>,
}

#[derive(Serialize)]
struct IndexFile<'a> {
    v: u32,
    docs: Vec<(&'a str, &'a str, &'a str, u16, u8, &'a str)>,
    terms: String,
    postings: String,
    tiers: String,
    common: Vec<String>,
    ranges: Vec<(u16, u16)>,
}

/// Documents a body term may occur in before its body postings are dropped.
const COMMON_SHARE: f64 = 0.2;

/// The index file's bytes and its content-hashed name.
pub struct SearchIndex {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub documents: usize,
}

fn code_doc(site: &Site, page: &Page<CodeMeta>) -> Doc {
    let m = &page.meta;
    let mut fields = vec![
        (Tier::Code, m.code.to_string()),
        (Tier::Name, m.name.clone()),
    ];
    for former in &m.former_names {
        fields.push((Tier::Name, former.name.clone()));
    }
    for alias in &m.aliases {
        fields.push((Tier::Name, alias.clone()));
    }
    for (_, constant) in m.constants.entries() {
        fields.push((Tier::Name, constant.to_owned()));
        fields.push((Tier::Name, compact(constant)));
    }
    for vendor in &m.vendor_uses {
        fields.push((Tier::Name, format!("{} {}", vendor.vendor, vendor.name)));
    }
    fields.push((Tier::Summary, m.summary.clone()));
    fields.extend(
        page.body
            .headings
            .iter()
            .map(|h| (Tier::Summary, h.text.clone())),
    );
    fields.push((Tier::Body, page.body.text.clone()));
    Doc {
        title: format!("{} {}", m.code, m.name),
        url: site.urls.route(Route::Code(m.code)),
        kind: "code",
        code: m.code.get(),
        class: m.code.class().digit(),
        summary: m.summary.clone(),
        fields,
    }
}

/// A page of prose (class overview, comparison, guide): title, summary, headings and body.
fn prose_doc(
    title: String,
    url: String,
    kind: &'static str,
    class: u8,
    summary: &str,
    body: &Rendered,
) -> Doc {
    let mut fields = vec![
        (Tier::Name, title.clone()),
        (Tier::Summary, summary.to_owned()),
    ];
    fields.extend(
        body.headings
            .iter()
            .map(|h| (Tier::Summary, h.text.clone())),
    );
    fields.push((Tier::Body, body.text.clone()));
    Doc {
        title,
        url,
        kind,
        code: 0,
        class,
        summary: summary.to_owned(),
        fields,
    }
}

fn documents(site: &Site) -> Vec<Doc> {
    let mut docs: Vec<Doc> = site.codes.values().map(|p| code_doc(site, p)).collect();
    for (class, page) in &site.classes {
        let title = format!("{} {}", class.slug(), page.meta.name);
        let url = site.urls.route(Route::Class(*class));
        docs.push(prose_doc(
            title,
            url,
            "class",
            class.digit(),
            &page.meta.summary,
            &page.body,
        ));
    }
    for (slug, page) in &site.comparisons {
        let class = page.meta.codes.first().map_or(0, |c| c.class().digit());
        let url = site.urls.route(Route::Compare(slug));
        docs.push(prose_doc(
            page.meta.title.clone(),
            url,
            "compare",
            class,
            &page.meta.summary,
            &page.body,
        ));
    }
    for (slug, page) in &site.guides {
        let url = site.urls.route(Route::Guide(slug));
        docs.push(prose_doc(
            page.meta.title.clone(),
            url,
            "guide",
            0,
            &page.meta.summary,
            &page.body,
        ));
    }
    // Practice: one document, the index, found by what practice is and by its scenarios' titles.
    // A document per scenario would cost 4 KB of the gzip budget (see the README's Search section).
    if !site.practice.is_empty() {
        let titles: Vec<&str> = site.practice.values().map(|s| s.title.as_str()).collect();
        docs.push(Doc {
            title: "Practice: choose the status code".to_owned(),
            url: site.urls.route(Route::PracticeIndex),
            kind: "practice",
            code: 0,
            class: 0,
            summary: String::new(),
            fields: vec![
                (Tier::Name, "practice exercise quiz".to_owned()),
                (Tier::Body, titles.join(" ")),
            ],
        });
    }
    // Decision results: found by the answers that lead to them.
    for (slug, tree) in &site.trees.0 {
        for node in &tree.nodes {
            let NodeKind::Result(result) = &node.kind else {
                continue;
            };
            let Some(code) = site.codes.get(&result.code) else {
                continue;
            };
            let at = crate::model::decide::NodeRef {
                tree: slug.clone(),
                node: node.id.clone(),
            };
            let path = site.trees.shortest_path(&at);
            let answer = path.last().map(|s| s.answer.clone()).unwrap_or_default();
            let mut fields = vec![
                (Tier::Summary, answer.clone()),
                (Tier::Summary, result.why.clone()),
            ];
            fields.extend(path.iter().map(|s| (Tier::Body, s.answer.clone())));
            docs.push(Doc {
                title: format!("Use {} {}: {answer}", result.code, code.meta.name),
                url: site.urls.route(Route::node(&at)),
                kind: "decide",
                code: 0,
                class: result.code.class().digit(),
                // The title says enough; the reason is on the page (and keeps the index small).
                summary: String::new(),
                fields,
            });
        }
    }
    docs
}

/// The documents the index covers, with their text by field, for feeding another search engine
/// the same input (the search benchmark compares httpref's index with a client-side library).
#[derive(Serialize)]
pub struct ExportedDoc {
    pub id: usize,
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub code: u16,
    /// Names, former names, aliases, constants and vendors.
    pub names: String,
    pub summary: String,
    pub body: String,
}

pub fn export_documents(site: &Site) -> Vec<ExportedDoc> {
    documents(site)
        .into_iter()
        .enumerate()
        .map(|(id, doc)| {
            let join = |wanted: &[Tier]| {
                doc.fields
                    .iter()
                    .filter(|(t, _)| wanted.contains(t))
                    .map(|(_, s)| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            ExportedDoc {
                id,
                names: join(&[Tier::Code, Tier::Name]),
                summary: join(&[Tier::Summary]),
                body: join(&[Tier::Body]),
                title: doc.title,
                url: doc.url,
                kind: doc.kind,
                code: doc.code,
            }
        })
        .collect()
}

/// Base-36 digits of `n`.
fn base36(mut n: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII digits")
}

/// Builds the index for every page kind the search covers.
pub fn build(site: &Site) -> SearchIndex {
    let docs = documents(site);
    // term -> [(doc index, best tier)], in document order (documents are visited in order).
    let mut postings: HashMap<String, Vec<(usize, Tier)>> = HashMap::new();
    for (i, doc) in docs.iter().enumerate() {
        for (tier, text) in &doc.fields {
            for term in terms(text) {
                match postings.get_mut(&term) {
                    Some(list) => match list.last_mut() {
                        Some((last, best)) if *last == i => *best = (*best).min(*tier),
                        _ => list.push((i, *tier)),
                    },
                    None => {
                        postings.insert(term, vec![(i, *tier)]);
                    }
                }
            }
        }
    }
    let mut common = Vec::new();
    let limit = (docs.len() as f64 * COMMON_SHARE) as usize;
    postings.retain(|term, found| {
        if found.len() > limit {
            common.push(term.clone());
            found.retain(|(_, tier)| *tier < Tier::Body);
        }
        !found.is_empty()
    });
    common.sort();
    // Sorted, so the file is the same whatever the hash map's order.
    let postings: BTreeMap<String, Vec<(usize, Tier)>> = postings.into_iter().collect();

    let (mut terms, mut lists, mut tiers) = (Vec::new(), Vec::new(), Vec::new());
    let mut previous_term: Vec<char> = Vec::new();
    for (term, found) in &postings {
        let chars: Vec<char> = term.chars().collect();
        let shared = chars
            .iter()
            .zip(&previous_term)
            .take_while(|(a, b)| a == b)
            .count()
            .min(35);
        terms.push(format!(
            "{}{}",
            base36(shared),
            chars[shared..].iter().collect::<String>()
        ));
        previous_term = chars;
        let mut previous_doc = 0;
        let gaps: Vec<String> = found
            .iter()
            .map(|(doc, _)| {
                let gap = doc - previous_doc;
                previous_doc = *doc;
                base36(gap)
            })
            .collect();
        lists.push(gaps.join(","));
        tiers.push(
            found
                .iter()
                .map(|(_, t)| char::from(b'0' + *t as u8))
                .collect::<String>(),
        );
    }
    let file = IndexFile {
        v: FORMAT_VERSION,
        docs: docs
            .iter()
            .map(|d| {
                (
                    d.title.as_str(),
                    d.url.as_str(),
                    d.kind,
                    d.code,
                    d.class,
                    d.summary.as_str(),
                )
            })
            .collect(),
        terms: terms.join(" "),
        postings: lists.join(";"),
        tiers: tiers.join(" "),
        common,
        ranges: site
            .registry
            .rows
            .iter()
            .filter(|r| r.is_unassigned())
            .map(|r| (r.first, r.last))
            .collect(),
    };
    let bytes = serde_json::to_vec(&file).expect("the index always serializes");
    let digest = Sha256::digest(&bytes);
    let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    SearchIndex {
        file_name: format!("search-index.{hash}.json"),
        bytes,
        documents: docs.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_lower_case_words_without_stop_words() {
        let found: Vec<String> =
            terms("The Request-URI is Too Long (RFC 9110 §15.5.15) a b").collect();
        assert_eq!(found, ["request", "uri", "too", "long", "rfc", "9110"]);
    }

    #[test]
    fn plurals_are_stemmed() {
        let stems: Vec<String> = [
            "requests", "retries", "proxies", "caches", "status", "access", "boxes", "headers",
            "api", "429s",
        ]
        .iter()
        .map(|w| stem(w))
        .collect();
        assert_eq!(
            stems,
            [
                "request", "retry", "proxy", "cach", "status", "access", "box", "header", "api",
                "429"
            ]
        );
    }

    #[test]
    fn constants_also_index_whole() {
        assert_eq!(compact("HTTPStatus.NOT_FOUND"), "httpstatusnotfound");
        assert_eq!(
            compact("http.StatusUnprocessableEntity"),
            "httpstatusunprocessableentity"
        );
    }

    #[test]
    fn base36_encodes_gaps() {
        assert_eq!(base36(0), "0");
        assert_eq!(base36(35), "z");
        assert_eq!(base36(36), "10");
        assert_eq!(base36(13), "d");
    }
}
