//! Load phase: walk `content/`, read every file into the file format ([`crate::model::file`]),
//! check it across entries and build the model from it (parse, don't validate: the model types
//! cannot hold what the checks reject).
//!
//! Loading never writes anything. It keeps going after a problem so that one run reports every
//! problem in every file; it returns a [`Site`] only when nothing was found.

pub(crate) mod cache;
pub(crate) mod citations;
mod decide;
mod entries;
mod folder;
mod practice;
mod translations;
pub(crate) mod validate;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::files::SiteFile;
use crate::markdown;
use crate::model::file::CodeFile;
use crate::model::{Class, CodeMeta, LinkSites, Page, Site, SiteConfig, StatusCode};
use crate::registry::Registry;
use crate::source::SourceFile;
use crate::urls::Urls;
pub(crate) use entries::Entries;
pub(crate) use folder::{Folder, Loaded, LoadedFolder, Markdown, folder_is_listable, load_folder};
use yaml::{Seg, Yaml};

/// Settings that come from the command line rather than from content.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Overrides `base_url` from `content/site.yaml`.
    pub base_url: Option<String>,
    /// Rendered bodies kept from earlier loads (`httpref serve`); `None` renders every body.
    pub cache: Option<std::sync::Arc<cache::Cache>>,
}

/// A content file whose front matter parsed, before cross-entry checks and body rendering.
#[derive(Debug, Clone)]
pub(crate) struct Parsed<M> {
    pub meta: M,
    /// Shared: `httpref serve` keeps drafts between rebuilds and hands out copies.
    pub src: Arc<SourceFile>,
    /// The file name without `.md`: the code, class or slug the file stands for.
    pub stem: String,
    yaml_start: usize,
    yaml_end: usize,
    body_start: usize,
    /// Where the front matter's fields are, parsed once for all of the file's diagnostics.
    fields: Arc<yaml::Fields>,
}

impl<M> Parsed<M> {
    pub fn yaml(&self) -> Yaml<'_> {
        Yaml {
            src: &self.src,
            text: &self.src.text[self.yaml_start..self.yaml_end],
            offset: self.yaml_start,
        }
    }

    /// A diagnostic at a front-matter field.
    pub fn at(&self, path: &[Seg], message: impl Into<String>) -> Diagnostic {
        self.fields.in_yaml(self.yaml(), path, message)
    }

    pub fn body(&self) -> &str {
        &self.src.text[self.body_start..]
    }
}

/// Loads and validates the site under `root`.
#[expect(clippy::too_many_lines, reason = "not yet split into named steps")]
pub fn content(root: &Path, options: &LoadOptions) -> Result<Site, Diagnostics> {
    let mut diags = Diagnostics::default();
    let content = crate::layout::SiteLayout::new(root).content();
    if !content.is_dir() {
        return Err(Diagnostic::at_file(
            display_path(root, &content),
            "content directory not found",
        )
        .hint("run httpref from the site root, or pass --root DIR")
        .into());
    }

    let config = load_config(root, &mut diags);
    let urls = config
        .as_ref()
        .and_then(|(config, src)| site_urls(config, src, options, &mut diags));

    let cache = options.cache.as_deref();
    let entries = Entries::load(root, cache, &mut diags);
    let registry = load_registry(root, &mut diags);
    let index = validate::Index::new(&entries, &mut diags);
    let specs = citations::Specs::load(root, &mut diags);
    let citing = cache::Citing::new(&specs, cache);
    citations::check(&entries, &specs, &|src, d| citing.check(src, d), &mut diags);
    let Entries {
        codes,
        classes,
        comparisons,
        guides,
        headers,
        trees: tree_drafts,
    } = entries;
    validate::header::rules_have_entries(&codes, &headers, &mut diags);
    if let Some((registry, csv)) = &registry {
        validate::registry::check(&codes, registry, csv, &mut diags);
    }
    let code_metas = parse_each(&codes.drafts, &mut diags, |d, diags| {
        validate::fields::code(d, &index, diags)
    });
    let libraries = crate::constants::load(root, &mut diags);
    // Codes whose file is broken count as present: they are reported once, at their own file.
    let code_numbers: std::collections::BTreeSet<u16> = (codes.drafts.iter())
        .map(|d| d.meta.code.0)
        .chain(codes.unparsed.iter().filter_map(|stem| stem.parse().ok()))
        .collect();
    let compat = crate::compat::load(root, codes.complete.then_some(&code_numbers), &mut diags);
    check_constants(&codes.drafts, &libraries, &mut diags);
    let class_metas = parse_each(&classes.drafts, &mut diags, validate::fields::class);
    let compare_metas = parse_each(&comparisons.drafts, &mut diags, |d, diags| {
        validate::fields::comparison(d, &index, diags)
    });
    let guide_metas = parse_each(&guides.drafts, &mut diags, validate::fields::guide);
    let header_metas = parse_each(&headers.drafts, &mut diags, validate::header::header);
    let practice_drafts = load_folder(
        root,
        &practice::PracticeFolder { specs: &specs },
        &mut diags,
    );

    // Bodies are rendered only once links can be checked against every entry. Without a valid
    // base URL they are still rendered against a stand-in, so their link problems are reported too.
    let stand_in;
    let link_urls = match &urls {
        Some(urls) => urls,
        None => {
            stand_in = Urls::new("https://stand-in.invalid/").expect("a valid URL");
            &stand_in
        }
    };
    let bodies = cache::Bodies::new(&index, link_urls, cache);
    let mut links = LinkSites::new();
    let mut finish = Finish {
        bodies: &bodies,
        diags: &mut diags,
        links: &mut links,
    };
    let codes: BTreeMap<StatusCode, Page<CodeMeta>> =
        (finish.pages(codes.drafts, code_metas, validate::body::code))
            .map(|(_, p)| (p.meta.code, p))
            .collect();
    let classes = (finish.pages(classes.drafts, class_metas, validate::body::class))
        .filter_map(|(stem, p)| Class::from_slug(&stem).map(|c| (c, p)))
        .collect();
    let comparisons = (finish.pages(
        comparisons.drafts,
        compare_metas,
        validate::body::comparison,
    ))
    .collect();
    let guides = (finish.pages(guides.drafts, guide_metas, validate::body::guide)).collect();
    let headers = (finish.pages(headers.drafts, header_metas, validate::body::header)).collect();

    let tree_files = tree_drafts.drafts.len() + tree_drafts.unparsed.len();
    let trees = decide::build(tree_drafts, &index, link_urls, &mut diags, &mut links);
    // Walks are checked only against a complete set of trees: a broken tree is reported once.
    let walkable = (trees.0.len() == tree_files).then_some(&trees);
    let practice = practice::build(
        practice_drafts.drafts,
        &index,
        link_urls,
        walkable,
        &mut diags,
        &mut links,
    );

    // A missing config or base URL has always been reported above.
    match (config, urls) {
        (Some((config, _)), Some(urls)) if diags.is_empty() => {
            let mut site = Site {
                config,
                urls,
                history: cache
                    .map_or_else(|| crate::history::History::read(root), |c| c.history(root)),
                registry: registry.map(|(registry, _)| registry).unwrap_or_default(),
                trees,
                practice,
                libraries,
                compat,
                unindexed: specs.unindexed(),
                links,
                codes,
                classes,
                comparisons,
                guides,
                headers,
                translations: Vec::new(),
            };
            let urls = site.urls.clone();
            translations::attach(root, &mut site, &index, &urls, &mut diags);
            if diags.is_empty() {
                Ok(site)
            } else {
                Err(diags.sorted())
            }
        }
        _ => Err(diags.sorted()),
    }
}

/// Checks every `constants:` name against the library tables (see [`crate::constants`]).
fn check_constants(
    drafts: &[Parsed<CodeFile>],
    libraries: &crate::constants::Libraries,
    diags: &mut Diagnostics,
) {
    for draft in drafts {
        let at = |path: &[Seg], message: String| draft.at(path, message);
        for (library, name) in draft.meta.constants.by_library() {
            validate::constants::check(libraries, library, draft.meta.code.0, name, &at, diags);
        }
    }
}

/// Checks each draft's fields and builds its model (`None` where a problem was reported).
fn parse_each<F, M>(
    drafts: &[Parsed<F>],
    diags: &mut Diagnostics,
    parse: impl Fn(&Parsed<F>, &mut Diagnostics) -> Option<M>,
) -> Vec<Option<M>> {
    drafts.iter().map(|draft| parse(draft, diags)).collect()
}

/// Where [`Finish::pages`] renders bodies and reports what it finds.
struct Finish<'a> {
    bodies: &'a cache::Bodies<'a>,
    diags: &'a mut Diagnostics,
    links: &'a mut LinkSites,
}

impl Finish<'_> {
    /// Renders each draft's body, reporting links that point nowhere and whatever `check_body`
    /// finds, and keys the page of each draft whose fields were good (`metas`, in draft order)
    /// by its stem.
    fn pages<F, M>(
        &mut self,
        drafts: Vec<Parsed<F>>,
        metas: Vec<Option<M>>,
        check_body: fn(&Parsed<F>, &markdown::Rendered, &mut Diagnostics),
    ) -> std::vec::IntoIter<(String, Page<M>)> {
        let pages: Vec<_> = (drafts.into_iter().zip(metas))
            .filter_map(|(draft, meta)| {
                let body = self.bodies.render(&draft, check_body);
                self.diags.extend(body.problems.iter().cloned());
                self.links
                    .insert(draft.src.path.clone(), body.links.clone());
                let page = Page {
                    meta: meta?,
                    source: draft.src.path.clone(),
                    body: body.rendered.clone(),
                };
                Some((draft.stem, page))
            })
            .collect();
        pages.into_iter()
    }
}

fn load_config(root: &Path, diags: &mut Diagnostics) -> Option<(SiteConfig, SourceFile)> {
    let path = crate::layout::SiteLayout::new(root).site_file();
    let src = match SourceFile::read(root, &path) {
        Ok(src) => src,
        Err(d) => {
            diags.push(
                d.hint("create content/site.yaml with title, description, base_url and language"),
            );
            return None;
        }
    };
    let yaml = Yaml {
        src: &src,
        text: &src.text,
        offset: 0,
    };
    match yaml.parse::<SiteConfig>() {
        Ok(config) => {
            diags.extend(validate::site::repository(&config, &yaml));
            diags.extend(validate::site::translations(&config, &yaml));
            diags.extend(validate::site::catalogues(&config, &yaml, root));
            Some((config, src))
        }
        Err(problems) => {
            diags.extend(problems);
            None
        }
    }
}

/// The registry copy, if the site keeps one (`content/iana-status-codes.csv`).
fn load_registry(root: &Path, diags: &mut Diagnostics) -> Option<(Registry, SourceFile)> {
    let src = SourceFile::read_optional(
        root,
        &crate::layout::SiteLayout::new(root).registry_file(),
        diags,
    )?;
    match Registry::parse(&src.text) {
        Ok(registry) => Some((registry, src)),
        Err(e) => {
            diags.push(
                src.diagnostic_at_line(e.line.max(1), 1, format!("invalid registry copy: {}", e.message))
                    .hint("replace it with IANA's http-status-codes-1.csv using `httpref registry update FILE`"),
            );
            None
        }
    }
}

fn site_urls(
    config: &SiteConfig,
    src: &SourceFile,
    options: &LoadOptions,
    diags: &mut Diagnostics,
) -> Option<Urls> {
    let (value, from_cli) = match &options.base_url {
        Some(url) => (url.as_str(), true),
        None => (config.base_url.as_str(), false),
    };
    match Urls::new(value) {
        Ok(urls) => Some(urls),
        Err(why) => {
            let d = if from_cli {
                Diagnostic::at_file("--base-url", format!("invalid base URL `{value}`: {why}"))
            } else {
                Yaml {
                    src,
                    text: &src.text,
                    offset: 0,
                }
                .diagnostic(
                    &[Seg::Key("base_url".into())],
                    format!("invalid base URL `{value}`: {why}"),
                )
            };
            diags.push(d.expected("an absolute http(s) URL such as `https://example.org/` or `https://example.org/http/`"));
            None
        }
    }
}

/// Reads and parses one content file (or takes the kept draft, if its text is unchanged).
fn load_file<M: DeserializeOwned + Clone + Send + 'static>(
    root: &Path,
    file: &SiteFile,
    stem: &str,
    cache: Option<&cache::Cache>,
) -> Result<Parsed<M>, Vec<Diagnostic>> {
    if let Some(draft) = cache.and_then(|cache| cache.draft(file, stem)) {
        return Ok(draft);
    }
    let src = SourceFile::read(root, &file.path).map_err(|d| vec![d])?;
    let fm = src.split_front_matter().map_err(|d| vec![d])?;
    let (yaml_start, yaml_end, body_start) = (
        fm.yaml_offset,
        fm.yaml_offset + fm.yaml.len(),
        fm.body_offset,
    );
    let meta = Yaml {
        src: &src,
        text: fm.yaml,
        offset: fm.yaml_offset,
    }
    .parse::<M>()?;
    let draft = Parsed {
        meta,
        stem: stem.to_owned(),
        src: Arc::new(src),
        yaml_start,
        yaml_end,
        body_start,
        fields: Arc::default(),
    };
    if let Some(cache) = cache {
        cache.keep_draft(file, &draft);
    }
    Ok(draft)
}
