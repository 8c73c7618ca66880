//! Build phase: render every page of a loaded [`Site`] through the templates into an [`Output`].
//!
//! Building never reads content files; it only turns the validated model into files.

pub mod output;
pub mod templates;
pub mod views;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tera::Context;

use crate::diagnostics::Diagnostics;
use crate::model::{Class, Site};
use output::{Output, OutputError};
use templates::Templates;
use views::PageMeta;

/// What a build produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildReport {
    pub pages: usize,
    pub static_files: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{0}")]
    Diagnostics(Diagnostics),
    #[error("cannot write the site: {0}")]
    Output(#[from] OutputError),
}

impl From<Diagnostics> for BuildError {
    fn from(d: Diagnostics) -> Self {
        BuildError::Diagnostics(d)
    }
}

/// One page to render: where it goes, with which template, from which content file.
struct Job {
    path: String,
    template: &'static str,
    source: PathBuf,
    meta: PageMeta,
    context: Context,
}

/// Renders all pages and copies `static/`. Every render error is collected before giving up,
/// and nothing is committed by this function: the caller commits the output on success.
pub fn build(
    site: &Site,
    root: &Path,
    templates: &Templates,
    output: &Output,
) -> Result<BuildReport, BuildError> {
    let site_view = views::site(site);
    // Rendering is CPU work and writing is file-system latency: both overlap well across
    // threads. Results come back in job order, so reports stay deterministic.
    let results: Vec<Result<(), PageError>> = jobs(site)
        .into_par_iter()
        .map(|job| {
            let mut context = job.context;
            context.insert("site", &site_view);
            context.insert("page", &job.meta);
            let html = templates
                .render(job.template, &context, root, &job.source)
                .map_err(PageError::Render)?;
            output
                .write(&job.path, html.as_bytes())
                .map_err(PageError::Write)
        })
        .collect();
    let mut diags = Diagnostics::default();
    // A broken template fails the same way for every entry: report each place once.
    let mut reported = HashSet::new();
    let mut pages = 0;
    for result in results {
        match result {
            Ok(()) => pages += 1,
            Err(PageError::Render(d)) => {
                if reported.insert((d.path.clone(), d.line, d.col)) {
                    diags.push(d);
                }
            }
            Err(PageError::Write(e)) => return Err(e.into()),
        }
    }
    diags.into_result()?;
    let static_files = output.copy_tree(&root.join("static"))?;
    Ok(BuildReport {
        pages,
        static_files,
    })
}

enum PageError {
    Render(crate::diagnostics::Diagnostic),
    Write(OutputError),
}

/// Every page of the site, in a fixed order.
fn jobs(site: &Site) -> Vec<Job> {
    let urls = &site.urls;
    let meta = |title: String, description: &str, path: &str| PageMeta {
        title,
        description: description.to_owned(),
        canonical_url: urls.absolute(path),
    };
    let mut jobs = Vec::new();

    let mut context = Context::new();
    context.insert("home", &views::home(site));
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
    jobs
}
