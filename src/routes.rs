//! The route table: every kind of content entry, declared once with its folder, link scheme and
//! template, and every page of the site as a [`Route`] whose address and output file come from
//! one function ([`Route::path`]).
//!
//! Adding a kind of entry means a [`Kind`] variant, a template and a view: every `match` on
//! `Kind` or `Route` that must learn the new kind is a compile error until it does.

use crate::ids::{self, Class, NodeRef, StatusCode};

/// The kinds of content entry, each a folder of files under `content/`, declared in the order
/// pages render (and the sitemap lists them): [`Kind::ALL`] is derived from this list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::VariantArray)]
pub enum Kind {
    /// `content/codes/<code>.md`, at `/codes/<code>/`.
    Code,
    /// `content/classes/<n>xx.md`, at `/classes/<n>xx/`.
    Class,
    /// `content/compare/<slug>.md`, at `/compare/<slug>/`.
    Compare,
    /// `content/decide/<tree>.yaml`, at `/decide/<tree>/` with a page per node.
    Tree,
    /// `content/guides/<slug>.md`, at `/guides/<slug>/`.
    Guide,
    /// `content/headers/<name>.md`, at `/headers/<name>/` (the field name in lower case).
    Header,
    /// `content/practice/<slug>.yaml`, at `/practice/<slug>/` with a feedback page per option.
    Practice,
}

impl Kind {
    /// Every kind, in the order pages render (and the sitemap lists them): the enum's own
    /// declaration order, derived, so no variant can be left out.
    pub const ALL: &[Kind] = <Kind as strum::VariantArray>::VARIANTS;

    /// The folder under `content/` (and under the site root) that holds this kind.
    pub const fn folder(self) -> &'static str {
        match self {
            Kind::Code => ids::CODES_DIR,
            Kind::Class => ids::CLASSES_DIR,
            Kind::Compare => ids::COMPARE_DIR,
            Kind::Guide => ids::GUIDES_DIR,
            Kind::Tree => ids::DECIDE_DIR,
            Kind::Header => ids::HEADERS_DIR,
            Kind::Practice => ids::PRACTICE_DIR,
        }
    }

    /// The scheme a Markdown link uses to address an entry of this kind (`[404](code:404)`);
    /// none for kinds that bodies do not link to by name.
    pub const fn scheme(self) -> Option<&'static str> {
        match self {
            Kind::Code => Some("code"),
            Kind::Class => Some("class"),
            Kind::Compare => Some("compare"),
            Kind::Guide => Some("guide"),
            Kind::Tree | Kind::Practice => None,
            Kind::Header => Some("header"),
        }
    }

    /// The order search ranks kinds in when scores tie: codes first, practice last.
    pub const SEARCH_RANK: [Kind; 7] = [
        Kind::Code,
        Kind::Compare,
        Kind::Class,
        Kind::Guide,
        Kind::Tree,
        Kind::Header,
        Kind::Practice,
    ];

    /// The kind's name in the search index (`docs[i][2]`), which the client ranks and labels by.
    pub const fn search_name(self) -> &'static str {
        match self {
            Kind::Code => "code",
            Kind::Class => "class",
            Kind::Compare => "compare",
            Kind::Guide => "guide",
            Kind::Tree => "decide",
            Kind::Header => "header",
            Kind::Practice => "practice",
        }
    }

    /// The kind a link scheme (without its colon) addresses.
    pub fn from_scheme(scheme: &str) -> Option<Kind> {
        Kind::ALL
            .iter()
            .copied()
            .find(|k| k.scheme() == Some(scheme))
    }

    /// The template an entry's own page renders through.
    pub const fn template(self) -> &'static str {
        match self {
            Kind::Code => "code.html",
            Kind::Class => "class.html",
            Kind::Compare => "compare.html",
            Kind::Guide => "guide.html",
            Kind::Tree => "decide-tree.html",
            Kind::Header => "header.html",
            Kind::Practice => "practice.html",
        }
    }

    /// The route of the entry whose file stem (or code) is `id`, if `id` names one at all.
    pub fn route(self, id: &str) -> Option<Route<'_>> {
        match self {
            Kind::Code => StatusCode::parse(id).map(Route::Code),
            Kind::Class => Class::from_slug(id).map(Route::Class),
            Kind::Compare => Some(Route::Compare(id)),
            Kind::Guide => Some(Route::Guide(id)),
            Kind::Tree => Some(Route::Tree(id)),
            Kind::Header => Some(Route::Header(id)),
            Kind::Practice => Some(Route::Practice(id)),
        }
    }

    /// The `##` sections the Markdown body of an entry of this kind must have, in this order (a
    /// code's depend on whether it is only in vendors' use): one table, read by the validator,
    /// which reports each missing, empty or misplaced section, and by `httpref new`, which
    /// writes them. Other sections may come between them; no section may be empty. Trees and
    /// practice scenarios are YAML, without a body.
    pub fn required_sections(self, unofficial: bool) -> &'static [&'static str] {
        match self {
            Kind::Code if unofficial => &[
                "What it means",
                "Where you meet it",
                "How clients should handle it",
                "Common mistakes",
            ],
            Kind::Code => &[
                "What it means",
                "When to use it",
                "Example",
                "How clients should handle it",
                "Common mistakes",
            ],
            Kind::Compare => &["The short answer", "Which one should I use?"],
            Kind::Header => &["What it carries", "Mistakes"],
            Kind::Class | Kind::Guide | Kind::Tree | Kind::Practice => &[],
        }
    }

    /// The required sections as a scaffold writes them: each heading, then a blank line.
    pub fn scaffold_sections(self, unofficial: bool) -> String {
        self.required_sections(unofficial)
            .iter()
            .map(|s| format!("## {s}\n"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// One file of the site, by identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    Home,
    Code(StatusCode),
    /// `/codes/`: every code, class by class.
    CodesIndex,
    /// `/classes/`: the five classes.
    ClassesIndex,
    /// `/compare/`: every comparison.
    CompareIndex,
    /// `/guides/`: every guide.
    GuidesIndex,
    /// `/<code>/`, the address people type, which sends the reader on to [`Route::Code`].
    ShortAddress(StatusCode),
    Class(Class),
    Compare(&'a str),
    Guide(&'a str),
    /// The index of every decision tree.
    Trees,
    Tree(&'a str),
    /// A question or result of a decision tree.
    Node {
        tree: &'a str,
        node: &'a str,
    },
    /// The index of every header field.
    Headers,
    /// A header field's page, by its lower-case name.
    Header(&'a str),
    /// What practice is, and every scenario.
    PracticeIndex,
    /// A scenario: the situation and the options.
    Practice(&'a str),
    /// The feedback on answering scenario `slug` with `code`.
    PracticeAnswer {
        slug: &'a str,
        code: StatusCode,
    },
    /// `/api/practice.json`, every scenario with its answers and feedback.
    ApiPractice,
    Cheatsheet,
    /// `/check/`: paste a response, see what is wrong with it (the engine runs in the browser).
    Check,
    /// `/check/rules.json`, the rules the checker applies, made from the code entries.
    CheckRules,
    Search,
    NotFound,
    Sitemap,
    Robots,
    OpenSearch,
    /// `_redirects`, the short addresses as 301s for hosts that read the file.
    Redirects,
    /// `/api/codes.json`, every code's facts.
    ApiCodes,
    /// `/api/codes/<code>.json`.
    ApiCode(StatusCode),
    /// The search index, under its content-hashed file name (`search-index.<hash>.json`).
    SearchIndex(&'a str),
    /// `search/entry.json`, the one small unhashed file that names the current search index, so
    /// that an edit changes it and not every page.
    SearchEntry,
    /// `/api/headers.json`, every header field with the codes that use it.
    ApiHeaders,
    /// `/api/schema.json`, the JSON Schema of every API document.
    ApiSchema,
    /// The web app manifest.
    Manifest,
    /// The offline service worker.
    Worker,
}

impl<'a> Route<'a> {
    /// The section of the site's menu a page belongs to, for `aria-current`: a code's or a class's
    /// class slug (`4xx`), or `decide`, `practice`, `compare`, `guides`, `headers`, `cheatsheet`.
    pub fn section(&self) -> Option<String> {
        Some(match self {
            Route::Code(code) | Route::ShortAddress(code) => code.class().slug(),
            Route::Class(class) => class.slug(),
            Route::Compare(_) | Route::CompareIndex => "compare".to_owned(),
            Route::Guide(_) | Route::GuidesIndex => "guides".to_owned(),
            Route::Trees | Route::Tree(_) | Route::Node { .. } => "decide".to_owned(),
            Route::Headers | Route::Header(_) => "headers".to_owned(),
            Route::PracticeIndex | Route::Practice(_) | Route::PracticeAnswer { .. } => {
                "practice".to_owned()
            }
            Route::Cheatsheet => "cheatsheet".to_owned(),
            Route::Check => "check".to_owned(),
            _ => return None,
        })
    }

    /// The page of a decision-tree node.
    pub fn node(at: &'a NodeRef) -> Route<'a> {
        Route::Node {
            tree: &at.tree,
            node: &at.node,
        }
    }

    /// The route's path inside the site, without a leading slash: a folder (`codes/404/`) for
    /// pages, a file name for everything else. URLs and output files both come from this.
    pub fn path(&self) -> String {
        match self {
            Route::Home => String::new(),
            Route::Code(code) => format!("{}/{code}/", Kind::Code.folder()),
            Route::ShortAddress(code) => format!("{code}/"),
            Route::CodesIndex => format!("{}/", Kind::Code.folder()),
            Route::ClassesIndex => format!("{}/", Kind::Class.folder()),
            Route::CompareIndex => format!("{}/", Kind::Compare.folder()),
            Route::GuidesIndex => format!("{}/", Kind::Guide.folder()),
            Route::Class(class) => format!("{}/{}/", Kind::Class.folder(), class.slug()),
            Route::Compare(slug) => format!("{}/{slug}/", Kind::Compare.folder()),
            Route::Guide(slug) => format!("{}/{slug}/", Kind::Guide.folder()),
            Route::Trees => format!("{}/", Kind::Tree.folder()),
            Route::Tree(slug) => format!("{}/{slug}/", Kind::Tree.folder()),
            Route::Node { tree, node } => format!("{}/{tree}/{node}/", Kind::Tree.folder()),
            Route::Headers => format!("{}/", Kind::Header.folder()),
            Route::Header(name) => format!("{}/{name}/", Kind::Header.folder()),
            Route::PracticeIndex => format!("{}/", Kind::Practice.folder()),
            Route::Practice(slug) => format!("{}/{slug}/", Kind::Practice.folder()),
            Route::PracticeAnswer { slug, code } => {
                format!("{}/{slug}/{code}/", Kind::Practice.folder())
            }
            Route::ApiPractice => "api/practice.json".to_owned(),
            Route::Cheatsheet => "cheatsheet/".to_owned(),
            Route::Check => "check/".to_owned(),
            Route::CheckRules => "check/rules.json".to_owned(),
            Route::Search => "search/".to_owned(),
            Route::NotFound => "404.html".to_owned(),
            Route::Sitemap => "sitemap.xml".to_owned(),
            Route::Robots => "robots.txt".to_owned(),
            Route::OpenSearch => "opensearch.xml".to_owned(),
            Route::Redirects => "_redirects".to_owned(),
            Route::ApiCodes => "api/codes.json".to_owned(),
            Route::ApiCode(code) => format!("api/codes/{code}.json"),
            Route::SearchIndex(file_name) => (*file_name).to_owned(),
            Route::SearchEntry => "search/entry.json".to_owned(),
            Route::ApiHeaders => "api/headers.json".to_owned(),
            Route::ApiSchema => "api/schema.json".to_owned(),
            Route::Manifest => "manifest.webmanifest".to_owned(),
            Route::Worker => "sw.js".to_owned(),
        }
    }

    /// The page search engines should index in its place: a short address's code page, and a
    /// practice feedback page's scenario (the page a searcher should land on, before answering).
    pub fn canonical(self) -> Route<'a> {
        match self {
            Route::ShortAddress(code) => Route::Code(code),
            Route::PracticeAnswer { slug, .. } => Route::Practice(slug),
            route => route,
        }
    }

    /// Whether the offline copy of the site holds this page (the worker's precache; anything is
    /// still cached once visited). Short addresses only send the reader on (offline, the
    /// not-found page's suggestions do that); practice pages, a quiz rather than reference, wait
    /// for a first visit, and their feedback pages serve readers without JavaScript, who have no
    /// worker. Files for machines are kept out by the worker's own rules.
    pub const fn precached(&self) -> bool {
        !matches!(
            self,
            Route::ShortAddress(_)
                | Route::PracticeIndex
                | Route::Practice(_)
                | Route::PracticeAnswer { .. }
        )
    }

    /// The output file, relative to the output folder: a folder route's `index.html`.
    pub fn file(&self) -> String {
        file_of(&self.path())
    }

    /// Whether the route is data that is facts, kept once at the site's root for every language
    /// (the JSON API, the checker's rules, the sitemap, robots.txt, `_redirects`); every other
    /// route has a page in each language, under its folder.
    pub const fn shared(&self) -> bool {
        matches!(
            self,
            Route::ApiCodes
                | Route::ApiCode(_)
                | Route::ApiHeaders
                | Route::ApiPractice
                | Route::ApiSchema
                | Route::CheckRules
                | Route::Sitemap
                | Route::Robots
                | Route::Redirects
        )
    }

    /// The template the route renders through, for routes rendered from templates.
    pub const fn template(&self) -> Option<&'static str> {
        match self {
            Route::Home => Some("index.html"),
            Route::Code(_) => Some(Kind::Code.template()),
            Route::ShortAddress(_) => Some("redirect.html"),
            Route::CodesIndex => Some("codes-index.html"),
            Route::ClassesIndex => Some("classes-index.html"),
            Route::CompareIndex => Some("compare-index.html"),
            Route::GuidesIndex => Some("guides-index.html"),
            Route::Class(_) => Some(Kind::Class.template()),
            Route::Compare(_) => Some(Kind::Compare.template()),
            Route::Guide(_) => Some(Kind::Guide.template()),
            Route::Trees => Some("decide-index.html"),
            Route::Tree(_) => Some(Kind::Tree.template()),
            Route::Node { .. } => Some("decide.html"),
            Route::Headers => Some("headers-index.html"),
            Route::Header(_) => Some(Kind::Header.template()),
            Route::PracticeIndex => Some("practice-index.html"),
            Route::Practice(_) => Some(Kind::Practice.template()),
            Route::PracticeAnswer { .. } => Some("practice-answer.html"),
            Route::Cheatsheet => Some("cheatsheet.html"),
            Route::Check => Some("check.html"),
            Route::Search => Some("search.html"),
            Route::NotFound => Some("404.html"),
            Route::Sitemap => Some("sitemap.xml"),
            Route::Robots => Some("robots.txt"),
            Route::OpenSearch => Some("opensearch.xml"),
            Route::Redirects => Some("_redirects"),
            Route::ApiCodes
            | Route::ApiCode(_)
            | Route::SearchIndex(_)
            | Route::SearchEntry
            | Route::ApiHeaders
            | Route::ApiPractice
            | Route::CheckRules
            | Route::ApiSchema
            | Route::Manifest
            | Route::Worker => None,
        }
    }
}

/// The output file of a route path ([`Route::path`], perhaps under a language's folder): a
/// folder's `index.html`.
pub fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    }
}

/// Every template some route renders through: the templates a site must have.
pub const TEMPLATES: &[&str] = &[
    "index.html",
    "codes-index.html",
    "classes-index.html",
    "compare-index.html",
    "guides-index.html",
    "code.html",
    "redirect.html",
    "class.html",
    "compare.html",
    "guide.html",
    "decide-index.html",
    "decide-tree.html",
    "decide.html",
    "headers-index.html",
    "header.html",
    "practice-index.html",
    "practice.html",
    "practice-answer.html",
    "cheatsheet.html",
    "check.html",
    "search.html",
    "404.html",
    "sitemap.xml",
    "robots.txt",
    "opensearch.xml",
    "_redirects",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_folders_and_the_rest_are_files() {
        assert_eq!(Route::Home.file(), "index.html");
        assert_eq!(
            Route::Code(StatusCode::new(404).unwrap()).path(),
            "codes/404/"
        );
        assert_eq!(
            Route::Code(StatusCode::new(404).unwrap()).file(),
            "codes/404/index.html"
        );
        assert_eq!(
            Route::ShortAddress(StatusCode::new(404).unwrap()).file(),
            "404/index.html"
        );
        assert_eq!(Route::Class(Class::new(4).unwrap()).path(), "classes/4xx/");
        let at = NodeRef {
            tree: "start".to_owned(),
            node: "q1".to_owned(),
        };
        assert_eq!(Route::node(&at).file(), "decide/start/q1/index.html");
        assert_eq!(Route::PracticeIndex.path(), "practice/");
        let answer = Route::PracticeAnswer {
            slug: "expired-token",
            code: StatusCode::new(401).unwrap(),
        };
        assert_eq!(answer.file(), "practice/expired-token/401/index.html");
        assert_eq!(answer.canonical(), Route::Practice("expired-token"));
        assert_eq!(Route::ApiPractice.file(), "api/practice.json");
        assert_eq!(Route::Check.file(), "check/index.html");
        assert_eq!(Route::CheckRules.file(), "check/rules.json");
        assert_eq!(Route::Sitemap.file(), "sitemap.xml");
        assert_eq!(Route::Headers.file(), "headers/index.html");
        assert_eq!(Route::Header("retry-after").path(), "headers/retry-after/");
        assert_eq!(Route::ApiHeaders.file(), "api/headers.json");
        assert_eq!(
            Route::ApiCode(StatusCode::new(418).unwrap()).file(),
            "api/codes/418.json"
        );
    }

    #[test]
    fn schemes_name_their_kind() {
        for &kind in Kind::ALL {
            if let Some(scheme) = kind.scheme() {
                assert_eq!(Kind::from_scheme(scheme), Some(kind));
            }
        }
        assert_eq!(Kind::from_scheme("codes"), None);
    }

    #[test]
    fn search_ranks_every_kind_once() {
        for &kind in Kind::ALL {
            let places = Kind::SEARCH_RANK.iter().filter(|k| **k == kind).count();
            assert_eq!(places, 1, "{kind:?}");
        }
    }

    #[test]
    fn every_template_a_kind_names_is_required() {
        for &kind in Kind::ALL {
            assert!(TEMPLATES.contains(&kind.template()), "{kind:?}");
        }
    }
}
