//! Header field pages: the index of every field, and a field's page with the table of the codes
//! that use it (each row the same [`HeaderRule`] projection the code page and the API show).

use serde::Serialize;

use crate::ids::header_slug;
use crate::markdown::Heading;
use crate::model::{HeaderMeta, Page, Site};
use crate::routes::Route;

use super::facts::{HeaderRule, Reference, header_rules};
use super::{Card, card};

/// A code that uses the field, with the rule as that code's page states it.
#[derive(Debug, Serialize)]
pub struct HeaderUse<'a> {
    pub card: Card<'a>,
    pub rule: HeaderRule<'a>,
}

#[derive(Debug, Serialize)]
pub struct HeaderView<'a> {
    pub name: &'a str,
    pub summary: &'a str,
    pub syntax: &'a str,
    pub examples: &'a [String],
    /// The defining section first.
    pub spec: Vec<Reference<'a>>,
    pub headings: &'a [Heading],
    pub body_html: &'a str,
    /// Every code whose rules name the field, by code.
    pub uses: Vec<HeaderUse<'a>>,
    pub index_url: String,
}

/// A field as the index lists it.
#[derive(Debug, Serialize)]
pub struct HeaderRow<'a> {
    pub name: &'a str,
    pub summary: &'a str,
    pub url: String,
    /// Whether the field's page has no translation in the page's language (it is English).
    pub english: bool,
    /// The codes that name the field in their rules, in code order, each once.
    pub codes: Vec<super::Card<'a>>,
}

/// Every rule, in code order, that names the field with this slug.
pub fn uses<'a>(
    site: &'a Site,
    slug: &str,
    link: super::facts::Link,
) -> Vec<(&'a Page<crate::model::CodeMeta>, HeaderRule<'a>)> {
    site.codes
        .values()
        .flat_map(|page| {
            header_rules(&page.meta, link)
                .into_iter()
                .filter(|rule| header_slug(rule.name) == slug)
                .map(move |rule| (page, rule))
        })
        .collect()
}

pub fn header<'a>(site: &'a Site, slug: &str, page: &'a Page<HeaderMeta>) -> HeaderView<'a> {
    let meta = &page.meta;
    let link = |route: Route| site.urls.route(route);
    HeaderView {
        name: &meta.name,
        summary: &meta.summary,
        syntax: &meta.syntax,
        examples: &meta.examples,
        spec: meta.spec.iter().map(Reference::from).collect(),
        headings: &page.body.headings,
        body_html: &page.body.html,
        uses: uses(site, slug, &link)
            .into_iter()
            .map(|(code, rule)| HeaderUse {
                card: card(site, code),
                rule,
            })
            .collect(),
        index_url: site.urls.route(Route::Headers),
    }
}

/// Every field, by name.
pub fn index(site: &Site) -> Vec<HeaderRow<'_>> {
    let link = |route: Route| site.urls.route(route);
    site.headers
        .iter()
        .map(|(slug, page)| HeaderRow {
            name: &page.meta.name,
            summary: &page.meta.summary,
            url: site.urls.route(Route::Header(slug)),
            english: site.urls.falls_back(Route::Header(slug)),
            codes: {
                let mut pages: Vec<_> = (uses(site, slug, &link).into_iter())
                    .map(|(code, _)| code)
                    .collect();
                pages.dedup_by_key(|page| page.meta.code);
                pages
                    .into_iter()
                    .map(|page| super::card(site, page))
                    .collect()
            },
        })
        .collect()
}
