//! The documents the search index covers: one per code, class, comparison, guide and decision
//! result, each with its text by field (tier).

use crate::markdown::Rendered;
use crate::model::decide::NodeKind;
use crate::model::{CodeMeta, Message, Page, RequirementLevel, Site};
use crate::routes::{Kind, Route};

use serde::Serialize;

use super::{Fields, Tier};

/// `StatusUnprocessableEntity` or `HTTPStatus.NOT_FOUND` as one term (`httpstatusnotfound`), so
/// a constant typed whole finds its code.
pub(super) fn compact(text: &str) -> String {
    super::fold(
        &text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>(),
    )
}

/// One searchable document and its text by field.
#[derive(PartialEq)]
pub(super) struct Doc {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub code: u16,
    pub class: u8,
    pub summary: String,
    pub fields: Fields,
}

pub(super) fn code_doc(site: &Site, page: &Page<CodeMeta>) -> Doc {
    let m = &page.meta;
    let mut fields = vec![
        (Tier::Code, m.code.to_string()),
        (Tier::Name, m.name.clone()),
    ];
    // A translation's gloss of the name ("Demasiadas solicitudes"), beside the English name.
    fields.extend(m.local_name.iter().map(|name| (Tier::Name, name.clone())));
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
    // The response fields of more than one word that it sends, each as one word (`retryafter`),
    // so that a field name typed whole (`retry-after`) finds the codes that send it; the separate
    // words would also match codes whose name merely has them ("449 Retry With").
    for rule in &m.headers {
        let sent = rule.message == Message::Response && rule.level != RequirementLevel::MustNot;
        if sent && rule.name.contains('-') {
            fields.push((Tier::Name, compact(&rule.name)));
        }
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
        kind: Kind::Code.search_name(),
        code: m.code.get(),
        class: m.code.class().digit(),
        summary: m.summary.clone(),
        fields,
    }
}

/// A page of prose (class overview, comparison, guide): title, summary, headings and body.
pub(super) fn prose_doc(
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

/// The order documents are numbered in: every kind once (a test holds it to [`Kind::ALL`]).
const ORDER: [Kind; 7] = [
    Kind::Code,
    Kind::Class,
    Kind::Compare,
    Kind::Guide,
    Kind::Header,
    Kind::Practice,
    Kind::Tree,
];

pub(super) fn documents(site: &Site, words: &super::Words) -> Vec<Doc> {
    let mut docs = Vec::new();
    for kind in ORDER {
        // Every kind says what it contributes: a new kind is a compile error here until it does.
        match kind {
            Kind::Code => docs.extend(site.codes.values().map(|p| code_doc(site, p))),
            Kind::Class => docs.extend(class_docs(site)),
            Kind::Compare => docs.extend(comparison_docs(site)),
            Kind::Guide => docs.extend(guide_docs(site)),
            Kind::Header => docs.extend(header_docs(site, words)),
            Kind::Practice => docs.extend(practice_doc(site, words)),
            Kind::Tree => docs.extend(decision_docs(site)),
        }
    }
    docs
}

fn class_docs(site: &Site) -> impl Iterator<Item = Doc> + '_ {
    site.classes.iter().map(|(class, page)| {
        let title = format!("{} {}", class.slug(), page.meta.name);
        let url = site.urls.route(Route::Class(*class));
        prose_doc(
            title,
            url,
            Kind::Class.search_name(),
            class.digit(),
            &page.meta.summary,
            &page.body,
        )
    })
}

fn comparison_docs(site: &Site) -> impl Iterator<Item = Doc> + '_ {
    site.comparisons.iter().map(|(slug, page)| {
        let class = page.meta.codes.first().map_or(0, |c| c.class().digit());
        let url = site.urls.route(Route::Compare(slug));
        let mut doc = prose_doc(
            page.meta.title.clone(),
            url,
            Kind::Compare.search_name(),
            class,
            &page.meta.summary,
            &page.body,
        );
        // A translation's search terms (English comparisons have none).
        (doc.fields).extend(page.meta.aliases.iter().map(|a| (Tier::Name, a.clone())));
        doc
    })
}

fn guide_docs(site: &Site) -> impl Iterator<Item = Doc> + '_ {
    site.guides.iter().map(|(slug, page)| {
        let url = site.urls.route(Route::Guide(slug));
        let mut doc = prose_doc(
            page.meta.title.clone(),
            url,
            Kind::Guide.search_name(),
            0,
            &page.meta.summary,
            &page.body,
        );
        // A translation's search terms (English guides have none).
        (doc.fields).extend(page.meta.aliases.iter().map(|a| (Tier::Name, a.clone())));
        doc
    })
}

/// Header fields: found by their name (also written as one word, `retryafter`) and summary.
/// Their bodies are left out: they would cost an eighth of the index, and a field's body
/// mostly repeats what the code pages that use it say.
fn header_docs<'a>(site: &'a Site, words: &'a super::Words) -> impl Iterator<Item = Doc> + 'a {
    site.headers.iter().map(|(slug, page)| {
        let name = &page.meta.name;
        Doc {
            title: name.clone(),
            url: site.urls.route(Route::Header(slug)),
            kind: Kind::Header.search_name(),
            code: 0,
            class: 0,
            // The title and the kind say enough (and keep the index small).
            summary: String::new(),
            fields: vec![
                (Tier::Name, name.clone()),
                (Tier::Name, compact(name)),
                (Tier::Summary, page.meta.summary.clone()),
                // So that "location header" finds the field's page first.
                (Tier::Summary, "header field".to_owned()),
                (
                    Tier::Summary,
                    words.header_fields.clone().unwrap_or_default(),
                ),
            ],
        }
    })
}

/// Practice: one document, the index, found by what practice is and by its scenarios' titles.
/// A document per scenario would cost 4 KB of the gzip budget (see docs/site.md, "Search").
fn practice_doc(site: &Site, words: &super::Words) -> Option<Doc> {
    if site.practice.is_empty() {
        return None;
    }
    let titles: Vec<&str> = site.practice.values().map(|s| s.title.as_str()).collect();
    Some(Doc {
        title: (words.practice_title.clone())
            .unwrap_or_else(|| "Practice: choose the status code".to_owned()),
        url: site.urls.route(Route::PracticeIndex),
        kind: Kind::Practice.search_name(),
        code: 0,
        class: 0,
        summary: String::new(),
        fields: vec![
            (Tier::Name, "practice exercise quiz".to_owned()),
            (Tier::Name, words.practice_title.clone().unwrap_or_default()),
            (Tier::Body, titles.join(" ")),
        ],
    })
}

/// Decision results: found by the answers that lead to them.
fn decision_docs(site: &Site) -> Vec<Doc> {
    let mut docs = Vec::new();
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
                kind: Kind::Tree.search_name(),
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
    documents(site, &super::Words::default())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_in_the_document_order_once() {
        let mut order = ORDER.to_vec();
        order.sort();
        let mut all = Kind::ALL.to_vec();
        all.sort();
        assert_eq!(order, all);
    }
}
