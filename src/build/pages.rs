//! The list of files the build renders through templates: one job per page, in a fixed order.

use std::path::PathBuf;

use tera::Context;

use crate::build::views::{self, PageMeta};
use crate::model::{Class, Site};

/// One page to render: where it goes, with which template, from which content file.
pub(crate) struct Job {
    pub path: String,
    pub template: &'static str,
    pub source: PathBuf,
    pub meta: PageMeta,
    pub context: Context,
}

/// Every page of the site, in a fixed order.
pub(crate) fn jobs(site: &Site) -> Vec<Job> {
    let urls = &site.urls;
    let meta = |title: String, description: &str, path: &str| PageMeta {
        title,
        description: description.to_owned(),
        canonical_url: urls.absolute(path),
    };
    let mut jobs = Vec::new();

    let mut context = Context::new();
    context.insert("home", &views::home(site));
    // The home page leads with its own, larger search box instead of the header's.
    context.insert("home_search", &true);
    jobs.push(Job {
        path: "index.html".into(),
        template: "index.html",
        source: PathBuf::from("content/site.yaml"),
        meta: meta(
            site.config.title.clone(),
            &site.config.description,
            &urls.home(),
        ),
        context,
    });

    let cards: Vec<_> = site.codes.values().map(|p| views::card(site, p)).collect();
    for (i, page) in site.codes.values().enumerate() {
        let previous = i.checked_sub(1).map(|j| cards[j].clone());
        let next = cards.get(i + 1).cloned();
        let view = views::code(site, page, previous, next);
        let title = format!("{} {}", page.meta.code, page.meta.name);
        let mut context = Context::new();
        jobs.push(Job {
            path: format!("codes/{}/index.html", page.meta.code),
            template: "code.html",
            source: page.source.clone(),
            meta: meta(title, &page.meta.summary, &view.card.url),
            context: {
                context.insert("code", &view);
                context
            },
        });
    }

    for class in Class::ALL {
        let (Some(view), Some(page)) = (views::class(site, class), site.classes.get(&class)) else {
            continue;
        };
        let title = format!("{} {}", view.slug, view.name);
        let mut context = Context::new();
        let m = meta(title, &view.summary, &view.url);
        context.insert("class", &view);
        jobs.push(Job {
            path: format!("classes/{}/index.html", class.slug()),
            template: "class.html",
            source: page.source.clone(),
            meta: m,
            context,
        });
    }

    for (slug, page) in &site.comparisons {
        let mut context = Context::new();
        context.insert("compare", &views::compare(site, page));
        jobs.push(Job {
            path: format!("compare/{slug}/index.html"),
            template: "compare.html",
            source: page.source.clone(),
            meta: meta(
                page.meta.title.clone(),
                &page.meta.summary,
                &urls.compare(slug),
            ),
            context,
        });
    }

    if !site.trees.0.is_empty() {
        let trees: Vec<_> = site
            .trees
            .0
            .iter()
            .map(|(slug, t)| views::decide::tree(site, slug, t))
            .collect();
        let mut context = Context::new();
        context.insert("trees", &trees);
        jobs.push(Job {
            path: "decide/index.html".into(),
            template: "decide-index.html",
            source: PathBuf::from("content/decide"),
            meta: meta("Which status code should I use?".to_owned(), "Answer a few questions to find the right HTTP status code, with the specification behind each answer.", &urls.decide_home()),
            context,
        });
    }
    for (slug, tree) in &site.trees.0 {
        let view = views::decide::tree(site, slug, tree);
        let mut context = Context::new();
        let m = meta(view.title.clone(), &view.summary, &view.url);
        context.insert("tree", &view);
        jobs.push(Job {
            path: format!("decide/{slug}/index.html"),
            template: "decide-tree.html",
            source: tree.source.clone(),
            meta: m,
            context,
        });
        for node in &tree.nodes {
            let Some(view) = views::decide::node(site, slug, tree, &node.id) else {
                continue;
            };
            let title = match (&view.question, &view.result) {
                (_, Some(result)) => format!("Use {} {}", result.card.code, result.card.name),
                (Some(question), None) => question.clone(),
                (None, None) => view.tree_title.clone(),
            };
            let description = match &view.result {
                Some(result) => result.why.clone(),
                None => format!(
                    "{}: step of the decision tree “{}”.",
                    title, view.tree_title
                ),
            };
            let mut context = Context::new();
            let m = meta(title, &description, &view.url);
            context.insert("node", &view);
            jobs.push(Job {
                path: format!("decide/{slug}/{}/index.html", node.id),
                template: "decide.html",
                source: tree.source.clone(),
                meta: m,
                context,
            });
        }
    }

    for (slug, page) in &site.guides {
        let mut context = Context::new();
        context.insert("guide", &views::guide(page));
        jobs.push(Job {
            path: format!("guides/{slug}/index.html"),
            template: "guide.html",
            source: page.source.clone(),
            meta: meta(
                page.meta.title.clone(),
                &page.meta.summary,
                &urls.guide(slug),
            ),
            context,
        });
    }
    extras(site, &mut jobs);
    jobs
}

/// Pages that are not content entries: the cheat sheet, the 404 page, and (listing every page
/// before them) the sitemap and robots.txt.
fn extras(site: &Site, jobs: &mut Vec<Job>) {
    let urls = &site.urls;
    let meta = |title: &str, description: &str, path: &str| PageMeta {
        title: title.to_owned(),
        description: description.to_owned(),
        canonical_url: urls.absolute(path),
    };
    let mut context = Context::new();
    context.insert("cheatsheet", &views::home(site));
    jobs.push(Job {
        path: "cheatsheet/index.html".into(),
        template: "cheatsheet.html",
        source: PathBuf::from("content/codes"),
        meta: meta(
            "HTTP status code cheat sheet",
            "Every HTTP status code on one printable page, grouped by class.",
            &urls.path("cheatsheet/"),
        ),
        context,
    });

    let mut context = Context::new();
    context.insert("home", &views::home(site));
    context.insert("search_page", &true);
    jobs.push(Job {
        path: "search/index.html".into(),
        template: "search.html",
        source: PathBuf::from("content/codes"),
        meta: meta(
            "Search",
            "Search every HTTP status code by number, name, former name or library constant.",
            &urls.path("search/"),
        ),
        context,
    });

    let sitemap: Vec<String> = jobs.iter().map(|j| j.meta.canonical_url.clone()).collect();
    let mut context = Context::new();
    context.insert("urls", &sitemap);
    jobs.push(Job {
        path: "sitemap.xml".into(),
        template: "sitemap.xml",
        source: PathBuf::from("templates/sitemap.xml"),
        meta: meta("Sitemap", "", &urls.path("sitemap.xml")),
        context,
    });
    jobs.push(Job {
        path: "robots.txt".into(),
        template: "robots.txt",
        source: PathBuf::from("templates/robots.txt"),
        meta: meta("robots.txt", "", &urls.path("robots.txt")),
        context: Context::new(),
    });
    // Static hosts serve /404.html for unknown paths; its links are root-relative, so they work
    // at any depth.
    jobs.push(Job {
        path: "404.html".into(),
        template: "404.html",
        source: PathBuf::from("templates/404.html"),
        meta: meta(
            "Page not found",
            "This page does not exist.",
            &urls.path("404.html"),
        ),
        context: Context::new(),
    });
}
