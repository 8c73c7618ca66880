//! View structs: exactly what each template receives, built from the model.
//!
//! Templates never see content structs, so changing a template cannot reach into parsing, and
//! derived values (class, URLs, labels) are computed here once.

pub mod compat;
pub mod decide;
pub mod facts;
pub mod header;
pub mod practice;
mod site;
mod upkeep;

use serde::Serialize;

use crate::markdown::Heading;
use crate::model::{Class, CodeMeta, Page, Site, Status, StatusCode};
use crate::routes::Route;
use facts::{Facts, Reference, Vendor};
pub use site::site;

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
    /// Whether it leads to the English page of an entry the page's language has no translation of.
    pub english: bool,
}

/// A class in the header's navigation: `4xx` and `Client Error` separately, so narrow screens
/// can show the short form.
#[derive(Debug, Clone, Serialize)]
pub struct ClassLink {
    pub slug: String,
    pub name: String,
    pub url: String,
}

/// The shared head of every page.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    pub canonical_url: String,
    /// The menu section the page is in (see [`Route::section`]), marked `aria-current` there.
    pub section: Option<String>,
    /// When the page's content last changed (`YYYY-MM-DD`, [`crate::history`]), where to edit it
    /// and where to report a problem (when `site.yaml` names a repository); see [`upkeep`].
    pub updated: Option<String>,
    pub edit_url: Option<String>,
    pub report_url: Option<String>,
    /// The page in every language: its `hreflang` alternates and the language switcher.
    pub languages: Vec<crate::render::languages::PageLanguage>,
    /// For a translation of an older version of the English page: the notice it shows.
    pub outdated: Option<crate::render::languages::Outdated>,
}

/// A code as it appears in lists, grids and "related" boxes.
#[derive(Debug, Clone, Serialize)]
pub struct Card<'a> {
    pub code: u16,
    pub name: &'a str,
    /// The name in the page's language, where a translation glosses it.
    pub local_name: Option<&'a str>,
    /// Whether the link leads to the English page (the entry has no translation in the page's
    /// language), so it is marked as English.
    pub english: bool,
    pub summary: &'a str,
    pub url: String,
    pub class: String,
    pub status: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConstantView {
    pub library: String,
    pub name: String,
    /// Version facts from the library's table, one line: "Python 3.13+; before: ...".
    pub note: Option<String>,
    /// True for a name the library no longer has (shown for history only).
    pub removed: bool,
    /// The release that removed it ("Spring 7.0"), for a removed name the page lists no
    /// successor for.
    pub removed_in: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CodeView<'a> {
    #[serde(flatten)]
    pub card: Card<'a>,
    /// The registry's name, when it is not the name shown ("(Unused)" for 418 "I'm a teapot").
    pub registry_name: Option<&'a str>,
    pub class_name: &'a str,
    pub class_url: String,
    /// The facts the JSON API carries too (sources, rules as values, header fields).
    #[serde(flatten)]
    pub facts: Facts<'a>,
    pub constants: Vec<ConstantView>,
    pub vendors: Vec<Vendor<'a>>,
    pub related: Vec<Card<'a>>,
    pub comparisons: Vec<Link>,
    pub headings: &'a [Heading],
    /// The body up to its second level-2 section (the first section, "What it means"), and the
    /// rest, so the page can put the library constants and the rules between them.
    pub body_first: &'a str,
    pub body_rest: &'a str,
    /// The id of the "Seeing this as a visitor?" section, when the code has one.
    pub visitor_id: Option<String>,
    /// What to do first, by reader, shown under the summary.
    pub first_steps: Option<&'a crate::model::FirstSteps>,
    pub previous: Option<Card<'a>>,
    pub next: Option<Card<'a>>,
    /// "How you get here": walks through the decision trees that end at this code.
    pub walks: Vec<decide::WalkView>,
    /// Browser support from MDN's browser-compat-data, for the codes it has data for.
    pub compat: Option<compat::CompatView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClassView<'a> {
    pub slug: String,
    pub name: &'a str,
    pub summary: &'a str,
    pub url: String,
    pub spec: Vec<Reference<'a>>,
    pub codes: Vec<Card<'a>>,
    /// Registered codes and the ranges the registry leaves unassigned, in numeric order.
    pub rows: Vec<ClassRow<'a>>,
    /// Codes vendors use that are not in the registry, listed apart so an unassigned range
    /// never sits next to a code that seems to contradict it.
    pub unofficial: Vec<Card<'a>>,
    /// The decision tree for choosing within this class (or the general one).
    pub decide: Option<DecideLink>,
    pub body_html: &'a str,
    /// The body's headings, for "On this page".
    pub headings: &'a [Heading],
}

/// A row of a class's members table: an entry, or a range the registry leaves unassigned.
#[derive(Debug, Clone, Serialize)]
pub struct ClassRow<'a> {
    pub card: Option<Card<'a>>,
    /// `427` or `432–450` for an unassigned range.
    pub unassigned: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompareView<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub codes: Vec<Card<'a>>,
    pub headings: &'a [Heading],
    pub body_html: &'a str,
    /// Every other comparison, for the end of the page.
    pub others: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GuideView<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub headings: &'a [Heading],
    pub body_html: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct HomeView<'a> {
    pub classes: Vec<ClassView<'a>>,
    /// The codes most people come to look up, in that order, for a row under the search box.
    pub popular: Vec<Card<'a>>,
    pub comparisons: Vec<Entry<'a>>,
    pub guides: Vec<Entry<'a>>,
}

/// A comparison or guide in a list: its title, address and one-line summary.
#[derive(Debug, Clone, Serialize)]
pub struct Entry<'a> {
    pub title: &'a str,
    pub url: String,
    pub summary: &'a str,
    /// Whether it leads to the English page (no translation in the page's language).
    pub english: bool,
}

pub fn card<'a>(site: &Site, page: &'a Page<CodeMeta>) -> Card<'a> {
    let meta = &page.meta;
    Card {
        code: meta.code.get(),
        name: &meta.name,
        local_name: meta.local_name.as_deref(),
        english: site.urls.falls_back(Route::Code(meta.code)),
        summary: &meta.summary,
        url: site.urls.route(Route::Code(meta.code)),
        class: meta.code.class().slug(),
        status: meta.status.slug().to_owned(),
    }
}

pub fn code<'a>(
    site: &'a Site,
    page: &'a Page<CodeMeta>,
    previous: Option<Card<'a>>,
    next: Option<Card<'a>>,
) -> CodeView<'a> {
    let meta = &page.meta;
    let class = meta.code.class();
    let (first, rest) = page.body.split_after_first_section();
    let related = meta
        .related
        .iter()
        .filter_map(|c| site.codes.get(c))
        .map(|p| card(site, p))
        .collect();
    CodeView {
        card: card(site, page),
        registry_name: meta.registry_name_if_different(),
        first_steps: meta.first_steps.as_ref(),
        class_name: site
            .classes
            .get(&class)
            .map_or("", |c| c.meta.name.as_str()),
        class_url: site.urls.route(Route::Class(class)),
        facts: Facts::of(meta, &|route| site.urls.route(route)),
        constants: constants(site, meta),
        vendors: meta.vendor_uses.iter().map(Vendor::from).collect(),
        related,
        comparisons: comparisons_of(site, meta.code),
        headings: &page.body.headings,
        body_first: first,
        body_rest: rest,
        visitor_id: page
            .body
            .headings
            .iter()
            .find(|h| h.level == 2 && h.id == VISITOR_SECTION)
            .map(|h| h.id.clone()),
        previous,
        next,
        walks: decide::walks_to(site, meta.code),
        compat: compat::view(site.compat.as_ref(), meta.code.get()),
    }
}

/// The id of the section for readers who met the code in a browser.
const VISITOR_SECTION: &str = "seeing-this-as-a-visitor";

/// The listed constants with their version facts, then removed names of libraries the page lists
/// nothing for (Spring's `USE_PROXY` on 305), in the fixed library order.
fn constants(site: &Site, meta: &CodeMeta) -> Vec<ConstantView> {
    use crate::constants::{self, Library};
    let listed = meta.constants.by_library();
    let mut out = Vec::new();
    for library in Library::ALL {
        if let Some((_, name)) = listed.iter().find(|(l, _)| *l == library) {
            out.push(ConstantView {
                library: library.label().to_owned(),
                name: (*name).to_owned(),
                note: constants::facts(&site.libraries, library, meta.code.get(), name)
                    .and_then(|f| f.note(library)),
                removed: false,
                removed_in: None,
            });
            continue;
        }
        for entry in constants::removed_only(&site.libraries, library, meta.code.get()) {
            out.push(ConstantView {
                library: library.label().to_owned(),
                name: entry.name.clone(),
                note: None,
                removed: true,
                removed_in: (entry.removed.as_ref()).map(|v| format!("{} {v}", library.product())),
            });
        }
    }
    out
}

fn comparisons_of(site: &Site, code: StatusCode) -> Vec<Link> {
    site.comparisons
        .iter()
        .filter(|(_, page)| page.meta.codes.contains(&code))
        .map(|(slug, page)| Link {
            title: page.meta.title.clone(),
            url: site.urls.route(Route::Compare(slug)),
            english: site.urls.falls_back(Route::Compare(slug)),
        })
        .collect()
}

pub fn class(site: &Site, class: Class) -> Option<ClassView<'_>> {
    let page = site.classes.get(&class)?;
    let pages: Vec<_> = site
        .codes
        .values()
        .filter(|p| p.meta.code.class() == class)
        .collect();
    let codes: Vec<Card> = pages.iter().map(|p| card(site, p)).collect();
    let (unofficial, registered): (Vec<&Page<CodeMeta>>, Vec<_>) = pages
        .iter()
        .copied()
        .partition(|p| p.meta.status == Status::Unofficial);
    Some(ClassView {
        slug: class.slug(),
        name: &page.meta.name,
        summary: &page.meta.summary,
        url: site.urls.route(Route::Class(class)),
        spec: page.meta.spec.iter().map(Reference::from).collect(),
        rows: class_rows(
            site,
            class,
            registered.iter().map(|p| card(site, p)).collect(),
        ),
        unofficial: unofficial.iter().map(|p| card(site, p)).collect(),
        codes,
        decide: class_decide_link(site, class),
        body_html: &page.body.html,
        headings: &page.body.headings,
    })
}

/// Where a class page sends a reader who is choosing a code: the class's own tree, titled, or
/// the general start (which the template names).
#[derive(Debug, Clone, Serialize)]
pub struct DecideLink {
    pub title: Option<String>,
    pub url: String,
}

fn class_decide_link(site: &Site, class: Class) -> Option<DecideLink> {
    match site.trees.for_class(class) {
        Some((slug, tree)) => Some(DecideLink {
            title: Some(tree.title.clone()),
            url: site.urls.route(Route::node(&crate::model::decide::NodeRef {
                tree: slug.clone(),
                node: tree.root.clone(),
            })),
        }),
        None => decide::start_url(site).map(|url| DecideLink { title: None, url }),
    }
}

/// Registered entries and unassigned ranges merged in numeric order.
fn class_rows<'a>(site: &Site, class: Class, codes: Vec<Card<'a>>) -> Vec<ClassRow<'a>> {
    let mut rows: Vec<(u16, ClassRow)> = codes
        .into_iter()
        .map(|card| {
            (
                card.code,
                ClassRow {
                    card: Some(card),
                    unassigned: None,
                },
            )
        })
        .collect();
    for range in site.registry.unassigned_in_class(class.digit()) {
        let label = if range.first == range.last {
            range.first.to_string()
        } else {
            format!("{}–{}", range.first, range.last)
        };
        rows.push((
            range.first,
            ClassRow {
                card: None,
                unassigned: Some(label),
            },
        ));
    }
    rows.sort_by_key(|(first, row)| (*first, row.card.is_some()));
    rows.into_iter().map(|(_, row)| row).collect()
}

pub fn compare<'a>(site: &'a Site, page: &'a Page<crate::model::CompareMeta>) -> CompareView<'a> {
    CompareView {
        title: &page.meta.title,
        summary: &page.meta.summary,
        codes: page
            .meta
            .codes
            .iter()
            .filter_map(|c| site.codes.get(c))
            .map(|p| card(site, p))
            .collect(),
        headings: &page.body.headings,
        body_html: &page.body.html,
        others: site
            .comparisons
            .iter()
            .filter(|(_, other)| !std::ptr::eq(*other, page))
            .map(|(slug, other)| Link {
                title: other.meta.title.clone(),
                url: site.urls.route(Route::Compare(slug)),
                english: site.urls.falls_back(Route::Compare(slug)),
            })
            .collect(),
    }
}

pub fn guide(page: &Page<crate::model::GuideMeta>) -> GuideView<'_> {
    GuideView {
        title: &page.meta.title,
        summary: &page.meta.summary,
        headings: &page.body.headings,
        body_html: &page.body.html,
    }
}

/// The codes looked up most, most first: the browser errors everyone meets, then the redirects
/// and the plain success people check their APIs against.
const POPULAR: [u16; 10] = [404, 500, 403, 401, 429, 502, 503, 301, 302, 200];

pub fn home(site: &Site) -> HomeView<'_> {
    HomeView {
        classes: Class::ALL.iter().filter_map(|c| class(site, *c)).collect(),
        popular: POPULAR
            .iter()
            .filter_map(|&n| StatusCode::new(n))
            .filter_map(|code| site.codes.get(&code))
            .map(|page| card(site, page))
            .collect(),
        comparisons: site
            .comparisons
            .iter()
            .map(|(slug, p)| Entry {
                title: &p.meta.title,
                url: site.urls.route(Route::Compare(slug)),
                summary: &p.meta.summary,
                english: site.urls.falls_back(Route::Compare(slug)),
            })
            .collect(),
        guides: site
            .guides
            .iter()
            .map(|(slug, p)| Entry {
                title: &p.meta.title,
                url: site.urls.route(Route::Guide(slug)),
                summary: &p.meta.summary,
                english: site.urls.falls_back(Route::Guide(slug)),
            })
            .collect(),
    }
}
