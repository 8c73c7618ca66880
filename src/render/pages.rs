//! The list of files the build renders through templates: one job per page, in a fixed order.

use std::path::PathBuf;

use serde::Serialize;
use tera::Context;

use crate::model::decide::NodeRef;
use crate::model::{Class, Site};
use crate::render::views::{self, PageMeta};
use crate::urls::Urls;

/// One page to render: where it goes, with which template, from which content file.
pub(crate) struct Job {
    pub path: String,
    pub template: &'static str,
    pub source: PathBuf,
    pub meta: PageMeta,
    pub context: Context,
}

/// Builds jobs whose head (title, description, canonical URL) comes from the site's URLs.
struct Jobs<'a> {
    urls: &'a Urls,
    list: Vec<Job>,
}

impl Jobs<'_> {
    /// Adds a page at `path` (relative to the output) whose URL is `url`, giving the template
    /// `view` under the name `key`.
    #[allow(clippy::too_many_arguments)]
    fn add<T: Serialize>(
        &mut self,
        path: String,
        url: &str,
        template: &'static str,
        source: impl Into<PathBuf>,
        (title, description): (String, &str),
        key: &'static str,
        view: &T,
    ) -> &mut Context {
        let mut context = Context::new();
        context.insert(key, view);
        let meta = PageMeta {
            title,
            description: description.to_owned(),
            canonical_url: self.urls.absolute(url),
        };
        self.list.push(Job {
            path,
            template,
            source: source.into(),
            meta,
            context,
        });
        &mut self.list.last_mut().expect("just pushed").context
    }
}

/// Every page of the site, in a fixed order.
pub(crate) fn jobs(site: &Site) -> Vec<Job> {
    let urls = &site.urls;
    let mut jobs = Jobs {
        urls,
        list: Vec::new(),
    };

    let home = views::home(site);
    let title = (site.config.title.clone(), site.config.description.as_str());
    jobs.add(
        "index.html".into(),
        &urls.home(),
        "index.html",
        "content/site.yaml",
        title,
        "home",
        &home,
    )
    // The home page leads with its own, larger search box instead of the header's.
    .insert("home_search", &true);

    let cards: Vec<_> = site.codes.values().map(|p| views::card(site, p)).collect();
    for (i, page) in site.codes.values().enumerate() {
        let previous = i.checked_sub(1).map(|j| cards[j].clone());
        let view = views::code(site, page, previous, cards.get(i + 1).cloned());
        let title = (
            format!("{} {}", page.meta.code, page.meta.name),
            page.meta.summary.as_str(),
        );
        let path = format!("codes/{}/index.html", page.meta.code);
        jobs.add(
            path,
            &view.card.url,
            "code.html",
            page.source.clone(),
            title,
            "code",
            &view,
        );
    }

    for class in Class::ALL {
        let (Some(view), Some(page)) = (views::class(site, class), site.classes.get(&class)) else {
            continue;
        };
        let title = (
            format!("{} {}", view.slug, view.name),
            view.summary.as_str(),
        );
        let path = format!("classes/{}/index.html", class.slug());
        jobs.add(
            path,
            &view.url,
            "class.html",
            page.source.clone(),
            title,
            "class",
            &view,
        );
    }

    for (slug, page) in &site.comparisons {
        let title = (page.meta.title.clone(), page.meta.summary.as_str());
        let view = views::compare(site, page);
        let path = format!("compare/{slug}/index.html");
        jobs.add(
            path,
            &urls.compare(slug),
            "compare.html",
            page.source.clone(),
            title,
            "compare",
            &view,
        );
    }

    decision_pages(site, &mut jobs);

    for (slug, page) in &site.guides {
        let title = (page.meta.title.clone(), page.meta.summary.as_str());
        let path = format!("guides/{slug}/index.html");
        jobs.add(
            path,
            &urls.guide(slug),
            "guide.html",
            page.source.clone(),
            title,
            "guide",
            &views::guide(page),
        );
    }

    extras(site, &mut jobs);
    jobs.list
}

/// The trees' index, an overview page per tree, and a page per node.
fn decision_pages(site: &Site, jobs: &mut Jobs) {
    let urls = &site.urls;
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
    let title = (
        "Decision trees: every way to choose a status code".to_owned(),
        "Answer a few questions to find the right HTTP status code, with the specification behind each answer.",
    );
    jobs.add(
        "decide/index.html".into(),
        &urls.decide_home(),
        "decide-index.html",
        "content/decide",
        title,
        "trees",
        &trees,
    );
    for (slug, tree) in &site.trees.0 {
        let view = views::decide::tree(site, slug, tree);
        let title = (view.title.clone(), view.summary.as_str());
        let path = format!("decide/{slug}/index.html");
        jobs.add(
            path,
            &view.url,
            "decide-tree.html",
            tree.source.clone(),
            title,
            "tree",
            &view,
        );
        let views: Vec<_> = tree
            .nodes
            .iter()
            .filter_map(|n| views::decide::node(site, slug, tree, &n.id))
            .collect();
        // The same question can appear on several branches: its title then names the answer
        // that leads to it, so every page has a title of its own.
        let mut asked = std::collections::HashMap::new();
        for view in &views {
            *asked.entry(view.question.clone()).or_insert(0) += 1;
        }
        for view in &views {
            let after = view
                .path
                .last()
                .map(|step| format!("{} {}", step.question, step.answer));
            let heading = match (&view.question, &view.result, &after) {
                (_, Some(result), Some(after)) => {
                    format!("{after}: use {} {}", result.card.code, result.card.name)
                }
                (_, Some(result), None) => format!("Use {} {}", result.card.code, result.card.name),
                (Some(question), None, Some(after)) if asked[&view.question] > 1 => {
                    format!("{question} ({after})")
                }
                (Some(question), None, _) => question.clone(),
                (None, None, _) => view.tree_title.clone(),
            };
            let description = match &view.result {
                Some(result) => result.why.clone(),
                None => format!(
                    "{heading}: step of the decision tree “{}”.",
                    view.tree_title
                ),
            };
            let at = NodeRef {
                tree: slug.clone(),
                node: view.id.clone(),
            };
            let path = format!("decide/{slug}/{}/index.html", view.id);
            jobs.add(
                path,
                &urls.decide_node(&at),
                "decide.html",
                tree.source.clone(),
                (heading, &description),
                "node",
                view,
            );
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

/// `/<code>/` for every code, the address people type: a page that redirects at once to
/// `/codes/<code>/` (canonical link and meta refresh, for any static host), and `_redirects`
/// with the same moves as 301s for hosts that read it (Netlify, Cloudflare Pages). Neither is
/// in the sitemap.
fn short_addresses(site: &Site, jobs: &mut Jobs) {
    let urls = &site.urls;
    let redirects: Vec<Redirect> = site
        .codes
        .values()
        .map(|page| Redirect {
            from: urls.path(&format!("{}/", page.meta.code)),
            to: urls.code(page.meta.code),
            code: page.meta.code.get(),
            name: page.meta.name.clone(),
        })
        .collect();
    for (redirect, page) in redirects.iter().zip(site.codes.values()) {
        let title = (
            format!("{} {}", redirect.code, redirect.name),
            page.meta.summary.as_str(),
        );
        jobs.add(
            format!("{}/index.html", redirect.code),
            &redirect.to,
            "redirect.html",
            page.source.clone(),
            title,
            "redirect",
            redirect,
        );
    }
    jobs.add(
        "_redirects".into(),
        &urls.path("_redirects"),
        "_redirects",
        "templates/_redirects",
        ("Redirects".to_owned(), ""),
        "redirects",
        &redirects,
    );
}

/// Pages that are not content entries: the cheat sheet, the search page, the 404 page, and
/// (listing every page before them) the sitemap and robots.txt.
fn extras(site: &Site, jobs: &mut Jobs) {
    let urls = &site.urls;
    let home = views::home(site);
    let title = (
        "HTTP status code cheat sheet".to_owned(),
        "Every HTTP status code on one printable page, grouped by class.",
    );
    let url = urls.path("cheatsheet/");
    jobs.add(
        "cheatsheet/index.html".into(),
        &url,
        "cheatsheet.html",
        "content/codes",
        title,
        "cheatsheet",
        &home,
    );

    let title = (
        "Search".to_owned(),
        "Search every HTTP status code by number, name, former name or library constant.",
    );
    let url = urls.path("search/");
    jobs.add(
        "search/index.html".into(),
        &url,
        "search.html",
        "content/codes",
        title,
        "home",
        &home,
    )
    .insert("search_page", &true);

    let sitemap: Vec<String> = jobs
        .list
        .iter()
        .map(|j| j.meta.canonical_url.clone())
        .collect();
    let url = urls.path("sitemap.xml");
    jobs.add(
        "sitemap.xml".into(),
        &url,
        "sitemap.xml",
        "templates/sitemap.xml",
        ("Sitemap".to_owned(), ""),
        "urls",
        &sitemap,
    );
    let url = urls.path("robots.txt");
    jobs.add(
        "robots.txt".into(),
        &url,
        "robots.txt",
        "templates/robots.txt",
        ("robots.txt".to_owned(), ""),
        "urls",
        &sitemap,
    );
    // Address-bar search: browsers find it through `<link rel="search">` on every page.
    let url = urls.path("opensearch.xml");
    jobs.add(
        "opensearch.xml".into(),
        &url,
        "opensearch.xml",
        "templates/opensearch.xml",
        ("OpenSearch description".to_owned(), ""),
        "urls",
        &sitemap,
    );
    short_addresses(site, jobs);

    // Static hosts serve /404.html for unknown paths; its links are root-relative, so they work
    // at any depth.
    let title = ("Page not found".to_owned(), "This page does not exist.");
    let url = urls.path("404.html");
    jobs.add(
        "404.html".into(),
        &url,
        "404.html",
        "templates/404.html",
        title,
        "home",
        &home,
    );
}
