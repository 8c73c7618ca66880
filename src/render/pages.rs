//! The list of files the build renders through templates: one job per page, in a fixed order.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::Context;

use crate::model::translation::Translation;
use crate::model::{Class, Site, StatusCode};
use crate::render::languages::{self, Languages};
use crate::render::views::{self, PageMeta};
use crate::routes::{Kind, Route};
use crate::urls::Urls;

/// One page to render: which route, with which view, from which content file.
pub(crate) struct Job<'a> {
    pub route: Route<'a>,
    /// The output file, relative to the output folder (under the language's folder).
    pub file: String,
    /// The page's language: 0 the site's own, then each translation's (see [`Languages`]).
    pub language: usize,
    pub source: PathBuf,
    pub meta: PageMeta,
    pub context: Context,
}

impl Job<'_> {
    /// The output file, relative to the output folder.
    pub fn file(&self) -> String {
        self.file.clone()
    }

    pub fn template(&self) -> &'static str {
        self.route
            .template()
            .expect("jobs are only made for routes rendered through templates")
    }
}

/// Builds jobs whose head (title, description, canonical URL) comes from the site's URLs.
struct Jobs<'a> {
    site: &'a Site,
    urls: &'a Urls,
    /// Every language, for each page's alternates; the translation these pages are in, if any,
    /// and its number (see [`Job::language`]).
    languages: &'a Languages,
    translation: Option<&'a Translation>,
    language: usize,
    list: Vec<Job<'a>>,
    /// Only the pages made from these content files (`None`: every page).
    only: Option<&'a HashSet<PathBuf>>,
    /// What [`Jobs::add`] hands back for a page it leaves out.
    left_out: Context,
}

impl<'a> Jobs<'a> {
    /// Whether the pages made from `source` are wanted: callers skip making views for the rest.
    fn wants(&self, source: &Path) -> bool {
        self.only.is_none_or(|only| only.contains(source))
    }

    /// Adds the page at `route`, giving its template `view` under the name `key`. `head` is the
    /// title and description drawn from content; `None` where the template words them itself.
    fn add<T: Serialize>(
        &mut self,
        route: Route<'a>,
        source: impl Into<PathBuf>,
        head: Option<(String, &str)>,
        key: &'static str,
        view: &T,
    ) -> &mut Context {
        let source = source.into();
        if !self.wants(&source) || !self.urls.serves(route) {
            self.left_out = Context::new();
            return &mut self.left_out;
        }
        let mut context = Context::new();
        context.insert(key, view);
        let (title, description) = head.unwrap_or_default();
        let path = self.urls.route(route.canonical());
        let meta = PageMeta {
            title,
            description: description.to_owned(),
            canonical_url: self.urls.absolute(&path),
            section: route.section(),
            languages: self.languages.of_page(self.urls, route),
            outdated: languages::outdated(self.translation, &source, &self.urls.root(), route),
            ..PageMeta::new(self.site, &source.to_string_lossy(), &path)
        };
        self.list.push(Job {
            route,
            file: self.urls.file(route),
            language: self.language,
            source,
            meta,
            context,
        });
        &mut self.list.last_mut().expect("just pushed").context
    }
}

/// Every page of the site, in a fixed order: in each language, the home page, each kind's
/// entries in route-table order, then the pages that are not entries; last, the files kept once
/// for every language (the sitemap, robots.txt, `_redirects`).
pub(crate) fn jobs<'a>(site: &'a Site, languages: &'a Languages) -> Vec<Job<'a>> {
    let mut jobs = list_all(site, languages, None);
    shared(site, languages, &mut jobs);
    jobs
}

/// The pages made from the content files `sources` (paths relative to the site root), in the
/// same order and with the same views as in [`jobs`].
pub(crate) fn jobs_of<'a>(
    site: &'a Site,
    languages: &'a Languages,
    sources: &'a HashSet<PathBuf>,
) -> Vec<Job<'a>> {
    list_all(site, languages, Some(sources))
}

/// The pages of every language, the site's own first.
fn list_all<'a>(
    site: &'a Site,
    languages: &'a Languages,
    only: Option<&'a HashSet<PathBuf>>,
) -> Vec<Job<'a>> {
    let mut jobs = list(site, languages, None, 0, only);
    for (i, (translated, translation)) in languages.sites.iter().zip(&site.translations).enumerate()
    {
        jobs.extend(list(translated, languages, Some(translation), i + 1, only));
    }
    jobs
}

fn list<'a>(
    site: &'a Site,
    languages: &'a Languages,
    translation: Option<&'a Translation>,
    language: usize,
    only: Option<&'a HashSet<PathBuf>>,
) -> Vec<Job<'a>> {
    let mut jobs = Jobs {
        site,
        urls: &site.urls,
        languages,
        translation,
        language,
        list: Vec::new(),
        only,
        left_out: Context::new(),
    };

    let home = views::home(site);
    let title = (site.config.title.clone(), site.config.description.as_str());
    jobs.add(Route::Home, "content/site.yaml", Some(title), "home", &home)
        // The home page leads with its own, larger search box instead of the header's.
        .insert("home_search", &true);

    for &kind in Kind::ALL {
        match kind {
            Kind::Code => code_pages(site, &mut jobs),
            Kind::Class => class_pages(site, &mut jobs),
            Kind::Compare => compare_pages(site, &mut jobs),
            Kind::Tree => decision_pages(site, &mut jobs),
            Kind::Guide => guide_pages(site, &mut jobs),
            Kind::Header => header_pages(site, &mut jobs),
            Kind::Practice => practice_pages(site, &mut jobs),
        }
    }

    extras(site, &mut jobs);
    jobs.list
}

fn code_pages<'a>(site: &'a Site, jobs: &mut Jobs<'a>) {
    let cards: Vec<_> = site.codes.values().map(|p| views::card(site, p)).collect();
    for (i, page) in site.codes.values().enumerate() {
        if !jobs.wants(&page.source) {
            continue;
        }
        let previous = i.checked_sub(1).map(|j| cards[j].clone());
        let view = views::code(site, page, previous, cards.get(i + 1).cloned());
        let title = (
            format!("{} {}", page.meta.code, page.meta.name),
            page.meta.summary.as_str(),
        );
        let route = Route::Code(page.meta.code);
        jobs.add(route, page.source.clone(), Some(title), "code", &view);
    }
}

fn class_pages<'a>(site: &'a Site, jobs: &mut Jobs<'a>) {
    for class in Class::ALL {
        let (Some(view), Some(page)) = (views::class(site, class), site.classes.get(&class)) else {
            continue;
        };
        let title = (format!("{} {}", view.slug, view.name), view.summary);
        jobs.add(
            Route::Class(class),
            page.source.clone(),
            Some(title),
            "class",
            &view,
        );
    }
}

fn compare_pages<'a>(site: &'a Site, jobs: &mut Jobs<'a>) {
    for (slug, page) in &site.comparisons {
        if !jobs.wants(&page.source) {
            continue;
        }
        let title = (page.meta.title.clone(), page.meta.summary.as_str());
        let view = views::compare(site, page);
        jobs.add(
            Route::Compare(slug),
            page.source.clone(),
            Some(title),
            "compare",
            &view,
        );
    }
}

fn guide_pages<'a>(site: &'a Site, jobs: &mut Jobs<'a>) {
    for (slug, page) in &site.guides {
        if !jobs.wants(&page.source) {
            continue;
        }
        let title = (page.meta.title.clone(), page.meta.summary.as_str());
        let view = views::guide(page);
        jobs.add(
            Route::Guide(slug),
            page.source.clone(),
            Some(title),
            "guide",
            &view,
        );
    }
}

/// The index of header fields and a page per field.
fn header_pages<'a>(site: &'a Site, jobs: &mut Jobs<'a>) {
    if site.headers.is_empty() {
        return;
    }
    let rows = views::header::index(site);
    jobs.add(Route::Headers, "content/headers", None, "headers", &rows);
    for (slug, page) in &site.headers {
        if !jobs.wants(&page.source) {
            continue;
        }
        let view = views::header::header(site, slug, page);
        let source = page.source.clone();
        jobs.add(Route::Header(slug), source, None, "header", &view);
    }
}

/// The trees' index, an overview page per tree, and a page per node.
fn decision_pages<'a>(site: &'a Site, jobs: &mut Jobs<'a>) {
    if site.trees.0.is_empty() {
        return;
    }
    let mut trees: Vec<_> = site
        .trees
        .0
        .iter()
        .map(|(slug, t)| views::decide::tree(site, slug, t))
        .collect();
    // The tree every walk starts from comes first; the others keep their slug order.
    trees.sort_by_key(|t| !t.is_start);
    jobs.add(Route::Trees, "content/decide", None, "trees", &trees);
    for (slug, tree) in &site.trees.0 {
        if !jobs.wants(&tree.source) {
            continue;
        }
        let view = views::decide::tree(site, slug, tree);
        let title = (view.title.clone(), view.summary.as_str());
        jobs.add(
            Route::Tree(slug),
            tree.source.clone(),
            Some(title),
            "tree",
            &view,
        );
        let views: Vec<_> = tree
            .nodes
            .iter()
            .filter_map(|n| Some((&n.id, views::decide::node(site, slug, tree, &n.id)?)))
            .collect();
        // The same question can appear on several branches: its title then names the answer
        // that leads to it (decide.html words the title), so every page has a title of its own.
        let mut asked = std::collections::HashMap::new();
        for (_, view) in &views {
            *asked.entry(view.question.clone()).or_insert(0) += 1;
        }
        for (id, mut view) in views {
            view.question_repeats = asked[&view.question] > 1;
            let route = Route::Node {
                tree: slug,
                node: id,
            };
            jobs.add(route, tree.source.clone(), None, "node", &view);
        }
    }
}

/// The practice index, a page per scenario, and a feedback page per option of each. Feedback
/// pages name their scenario as canonical: a searcher should land on the question, not on an
/// answer, and the sitemap lists each scenario once.
fn practice_pages<'a>(site: &'a Site, jobs: &mut Jobs<'a>) {
    if site.practice.is_empty() {
        return;
    }
    // Titles and descriptions are worded by the three practice templates.
    let index = views::practice::index(site);
    let route = Route::PracticeIndex;
    jobs.add(route, "content/practice", None, "practice", &index);
    for (number, (slug, scenario)) in site.practice.iter().enumerate() {
        if !jobs.wants(&scenario.source) {
            continue;
        }
        let Some(view) = views::practice::scenario(site, number + 1) else {
            continue;
        };
        let route = Route::Practice(slug);
        jobs.add(route, scenario.source.clone(), None, "scenario", &view);
        for chosen in &view.options {
            let Some(code) = StatusCode::new(chosen.card.code) else {
                continue;
            };
            let answer = views::practice::AnswerView {
                scenario: view.clone(),
                chosen: chosen.clone(),
            };
            let route = Route::PracticeAnswer { slug, code };
            jobs.add(route, scenario.source.clone(), None, "answer", &answer);
        }
    }
}

/// A short address: `/<code>/` leads to the code's page.
#[derive(Serialize)]
struct Redirect {
    from: String,
    to: String,
    code: u16,
    name: String,
}

/// A short address for every code, in the language of `urls` (where it has the code's page).
fn redirects(site: &Site, urls: &Urls) -> Vec<Redirect> {
    (site.codes.values())
        .filter(|page| urls.serves(Route::ShortAddress(page.meta.code)))
        .map(|page| Redirect {
            from: urls.route(Route::ShortAddress(page.meta.code)),
            to: urls.route(Route::Code(page.meta.code)),
            code: page.meta.code.get(),
            name: page.meta.name.clone(),
        })
        .collect()
}

/// `/<code>/` for every code, the address people type: a page that redirects at once to
/// `/codes/<code>/` (canonical link and meta refresh, for any static host); `_redirects` has
/// the same moves as 301s for hosts that read it (Netlify, Cloudflare Pages). Neither is in the
/// sitemap.
fn short_addresses<'a>(site: &'a Site, jobs: &mut Jobs<'a>) {
    for redirect in &redirects(site, jobs.urls) {
        let page = &site.codes[&StatusCode::new(redirect.code).expect("a served code")];
        let title = (
            format!("{} {}", redirect.code, redirect.name),
            page.meta.summary.as_str(),
        );
        let route = Route::ShortAddress(page.meta.code);
        let source = page.source.clone();
        jobs.add(route, source, Some(title), "redirect", redirect);
    }
}

/// A page in the sitemap, with its address in every language that has it.
#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    alternates: Vec<languages::PageLanguage>,
}

/// A language's folder, for the not-found rule of `_redirects`.
#[derive(Serialize)]
struct LanguageFolder {
    /// `/es/`, with the base path.
    folder: String,
    not_found: String,
}

/// The files kept once at the root for every language: the sitemap (every page in every
/// language, with its alternates), robots.txt and `_redirects` (every language's short
/// addresses, and each translation's not-found page for the addresses under its folder).
fn shared<'a>(site: &'a Site, languages: &'a Languages, list: &mut Vec<Job<'a>>) {
    let sitemap: Vec<SitemapUrl> = (list.iter())
        .filter(|j| j.route.canonical() == j.route)
        .filter(|j| !matches!(j.route, Route::NotFound | Route::OpenSearch))
        .map(|j| SitemapUrl {
            loc: j.meta.canonical_url.clone(),
            alternates: (j.meta.languages.iter())
                .filter(|l| l.has_page)
                .cloned()
                .collect(),
        })
        .collect();
    let mut jobs = Jobs {
        site,
        urls: &site.urls,
        languages,
        translation: None,
        language: 0,
        list: Vec::new(),
        only: None,
        left_out: Context::new(),
    };
    jobs.add(
        Route::Sitemap,
        "templates/sitemap.xml",
        None,
        "urls",
        &sitemap,
    );
    jobs.add(
        Route::Robots,
        "templates/robots.txt",
        None,
        "urls",
        &sitemap,
    );
    let all: Vec<Redirect> = (languages.urls().iter())
        .flat_map(|(_, urls)| redirects(site, urls))
        .collect();
    let folders: Vec<LanguageFolder> = (languages.sites.iter())
        .map(|s| LanguageFolder {
            folder: s.urls.route(Route::Home),
            not_found: s.urls.route(Route::NotFound),
        })
        .collect();
    jobs.add(
        Route::Redirects,
        "templates/_redirects",
        None,
        "redirects",
        &all,
    )
    .insert("languages", &folders);
    list.append(&mut jobs.list);
}

/// Pages that are not content entries: the indexes, the cheat sheet, the checker, the search
/// page, the OpenSearch description, the short addresses and the 404 page.
fn extras<'a>(site: &'a Site, jobs: &mut Jobs<'a>) {
    let home = views::home(site);
    // Indexes, so that shortening an address (`/codes/404/` to `/codes/`) lands on a page.
    jobs.add(Route::CodesIndex, "content/codes", None, "home", &home);
    jobs.add(Route::ClassesIndex, "content/classes", None, "home", &home);
    if !site.comparisons.is_empty() {
        jobs.add(Route::CompareIndex, "content/compare", None, "home", &home);
    }
    if !site.guides.is_empty() {
        jobs.add(Route::GuidesIndex, "content/guides", None, "home", &home);
    }
    jobs.add(
        Route::Cheatsheet,
        "content/codes",
        None,
        "cheatsheet",
        &home,
    );

    // The checker's page: its rules are a file of their own (`render::check`), fetched by the engine.
    jobs.add(Route::Check, "content/codes", None, "home", &home)
        .insert("rules_url", &site.urls.route(Route::CheckRules));

    jobs.add(Route::Search, "content/codes", None, "home", &home)
        .insert("search_page", &true);

    // Address-bar search: browsers find it through `<link rel="search">` on every page.
    let no_urls: [&str; 0] = [];
    jobs.add(
        Route::OpenSearch,
        "templates/opensearch.xml",
        None,
        "urls",
        &no_urls,
    );
    short_addresses(site, jobs);

    // Static hosts serve /404.html for unknown paths; its links are root-relative, so they work
    // at any depth.
    jobs.add(Route::NotFound, "templates/404.html", None, "home", &home)
        // Its own search box, under the guesses, is the only one (on a phone too).
        .insert("home_search", &true);
}
