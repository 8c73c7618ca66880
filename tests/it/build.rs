//! Building the valid fixture site: pages, links, grouping, base URLs, determinism, and what a
//! failed build leaves behind.

use std::fs;

use crate::common::*;

#[test]
fn build_prints_one_summary_line_and_writes_every_page_kind() {
    let site = fixture_site(&[]);
    let out = httpref(site.path(), &["build", "--root", "."]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.starts_with("Built 58 pages, 20 data files and 15 static files into ./public in "),
        "{text}"
    );
    assert!(text.trim_end().ends_with(" ms"), "{text}");

    // Every file, with content hashes in CSS and JavaScript names shown as HASH.
    let public = site.path().join("public");
    let files: Vec<String> = snapshot_dir(&public)
        .into_keys()
        .map(|f| match f.rsplit_once('.') {
            Some((stem, ext @ ("css" | "js" | "json"))) => match stem.rsplit_once('.') {
                Some((name, hash)) if hash.len() == 10 => format!("{name}.HASH.{ext}"),
                _ => f.clone(),
            },
            _ => f.clone(),
        })
        .collect();
    let codes = [
        "200", "204", "301", "308", "401", "403", "404", "418", "499", "500", "503",
    ];
    let mut expected: Vec<String> = [
        ".httpref-output",
        "404.html",
        "_redirects",
        "api/codes.json",
        "api/headers.json",
        "api/practice.json",
        "api/schema.json",
        "cheatsheet/index.html",
        "check.HASH.js",
        "check/index.html",
        "check/rules.json",
        "classes/2xx/index.html",
        "classes/3xx/index.html",
        "classes/4xx/index.html",
        "classes/5xx/index.html",
        "compare/401-vs-403/index.html",
        "decide.HASH.js",
        "decide/client-error/forbidden/index.html",
        "decide/client-error/hidden/index.html",
        "decide/client-error/index.html",
        "decide/client-error/secret/index.html",
        "decide/client-error/unauthenticated/index.html",
        "decide/client-error/what/index.html",
        "decide/index.html",
        "decide/start/index.html",
        "decide/start/ok/index.html",
        "decide/start/outcome/index.html",
        "favicon.svg",
        "globe.svg",
        "guides/error-bodies/index.html",
        "headers/index.html",
        "headers/www-authenticate/index.html",
        "icon-192.png",
        "icon-512.png",
        "icon-maskable-512.png",
        "index.html",
        "manifest.webmanifest",
        "notfound.HASH.js",
        "offline.HASH.js",
        "opensearch.xml",
        "practice.HASH.js",
        "practice/expired-token/401/index.html",
        "practice/expired-token/403/index.html",
        "practice/expired-token/404/index.html",
        "practice/expired-token/index.html",
        "practice/index.html",
        "robots.txt",
        "search-core.HASH.js",
        "search-index.HASH.json",
        "search.HASH.js",
        "search/entry.json",
        "search/index.html",
        "site.HASH.js",
        "sitemap.xml",
        "style.HASH.css",
        "sw.js",
        "theme.HASH.js",
        // The indexes, so that a shortened address lands on a page.
        "codes/index.html",
        "classes/index.html",
        "compare/index.html",
        "guides/index.html",
    ]
    .map(String::from)
    .to_vec();
    expected.extend(codes.iter().map(|c| format!("codes/{c}/index.html")));
    expected.extend(codes.iter().map(|c| format!("api/codes/{c}.json")));
    // Short addresses: /<code>/ for every code.
    expected.extend(codes.iter().map(|c| format!("{c}/index.html")));
    expected.sort();
    let mut files = files;
    files.sort();
    assert_eq!(files, expected);
}

/// A site outside any git checkout (the fixture, copied to a temporary folder) has no history:
/// pages show no date, and still link to edit their file in the repository `site.yaml` names.
#[test]
fn a_site_without_history_shows_no_date_and_still_links_its_repository() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    let html = page(&public, "codes/401/index.html");
    assert!(select_texts(&html, "time").is_empty());
    assert_eq!(
        select_attrs(&html, ".page-upkeep a", "href"),
        [
            "https://github.com/fixture/reference/edit/main/content/codes/401.md",
            "https://github.com/fixture/reference/issues/new?title=Problem%20on%20/codes/401/",
        ]
    );
    // A page made from a folder links the folder.
    let index = page(&public, "headers/index.html");
    assert_eq!(
        select_attrs(&index, ".page-upkeep a", "href")[0],
        "https://github.com/fixture/reference/tree/main/content/headers"
    );
}

#[test]
fn code_page_has_title_heading_spec_link_and_fact_box() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    let html = page(&public, "codes/401/index.html");

    assert_eq!(
        select_texts(&html, "title"),
        ["401 Unauthorized · Fixture Reference"]
    );
    assert_eq!(select_texts(&html, "h1"), ["401 Unauthorized"]);
    assert_eq!(
        select_attrs(&html, ".defined-in a", "href"),
        ["https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2"]
    );
    assert_eq!(
        select_attrs(&html, "link[rel=canonical]", "href"),
        ["https://fixture.example.org/codes/401/"]
    );
    // Derived, not typed: the class link comes from the code.
    assert_eq!(
        select_attrs(&html, ".breadcrumb a", "href"),
        ["/classes/4xx/"]
    );
    assert_eq!(select_texts(&html, ".breadcrumb a"), ["4xx Client Error"]);
    // Structured facts reach the rules section.
    let facts = select_texts(&html, ".rules dt");
    assert!(
        facts.contains(&"Retry".to_owned()) && facts.contains(&"Former names".to_owned()),
        "{facts:?}"
    );
    assert_eq!(
        select_texts(&html, ".headers td code"),
        ["WWW-Authenticate"]
    );
    assert_eq!(select_texts(&html, ".headers .level"), ["MUST"]);
    assert_eq!(
        select_texts(&html, ".constants code"),
        ["HTTPStatus.UNAUTHORIZED", "http.StatusUnauthorized"]
    );
    // Markdown features: heading ids, tables, footnotes, http fences, code links.
    assert_eq!(
        select_attrs(&html, ".prose h2", "id"),
        [
            "what-it-means",
            "when-to-use-it",
            "example",
            "how-clients-should-handle-it",
            "common-mistakes"
        ]
    );
    assert_eq!(select_texts(&html, ".prose table th"), ["Code", "Meaning"]);
    assert_eq!(select_texts(&html, ".prose .footnote-definition").len(), 1);
    assert_eq!(
        select_attrs(&html, ".prose pre code", "class"),
        ["language-http"]
    );
    assert!(
        select_attrs(&html, ".prose a", "href")
            .contains(&"/compare/401-vs-403/#the-short-answer".to_owned())
    );
    // Related codes, comparisons, previous/next.
    assert_eq!(
        select_attrs(&html, "#related ~ ul .code-row a", "href"),
        ["/codes/403/"]
    );
    assert_eq!(select_texts(&html, "#compared ~ ul a"), ["401 vs 403"]);
    assert_eq!(
        select_attrs(&html, ".pager a", "href"),
        ["/codes/308/", "/codes/403/"]
    );
}

#[test]
fn home_groups_every_code_under_its_class() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    let html = page(&public, "index.html");
    let groups = [
        ("2xx", vec!["200", "204"]),
        ("3xx", vec!["301", "308"]),
        ("4xx", vec!["401", "403", "404", "418", "499"]),
        ("5xx", vec!["500", "503"]),
    ];
    assert_eq!(
        select_texts(&html, ".class-group h2"),
        [
            "2xx Successful",
            "3xx Redirection",
            "4xx Client Error",
            "5xx Server Error"
        ]
    );
    for (class, codes) in groups {
        let found = select_texts(&html, &format!("section.class-{class} .row-code"));
        assert_eq!(found, codes, "class {class}");
    }
    // Unofficial codes are grouped apart under their class, and labelled.
    assert_eq!(
        select_texts(&html, "section.class-4xx .unofficial-rows .row-code"),
        ["499"]
    );
    assert_eq!(
        select_texts(&html, "#unofficial-4xx")[0]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        "Unofficial 4xx codes used by vendors, not in the IANA registry"
    );
    let class_page = page(&public, "classes/4xx/index.html");
    assert_eq!(select_texts(&class_page, "h1"), ["4xx Client Error"]);
    // Registered entries and the registry's unassigned ranges, in numeric order, one line each;
    // unofficial codes apart, so no unassigned range sits next to a code it seems to contradict.
    assert_eq!(
        select_texts(&class_page, ".members .row-code"),
        [
            "400",
            "401",
            "402",
            "403",
            "404",
            "405–417",
            "418",
            "419–499"
        ]
    );
    assert_eq!(
        select_texts(&class_page, ".members .unassigned .row-code"),
        ["400", "402", "405–417", "419–499"]
    );
    assert_eq!(
        select_texts(&class_page, ".members .badge"),
        ["Unused (reserved)"]
    );
    assert_eq!(
        select_texts(&class_page, "#unofficial ~ .unofficial-rows .row-code"),
        ["499"]
    );
    let unassigned = select_texts(&class_page, ".members .unassigned .row-summary");
    assert!(
        unassigned.iter().all(|t| t.trim_end().ends_with("as 400.")),
        "{unassigned:?}"
    );
}

#[test]
fn every_internal_link_resolves() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    assert_eq!(broken_links(&public, "/"), Vec::<String>::new());
}

#[test]
fn sub_path_base_url_prefixes_every_link() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &["--base-url", "https://example.org/http"]);
    assert_eq!(broken_links(&public, "/http/"), Vec::<String>::new());

    let html = page(&public, "codes/404/index.html");
    assert_eq!(
        select_attrs(&html, "link[rel=canonical]", "href"),
        ["https://example.org/http/codes/404/"]
    );
    let stylesheet = select_attrs(&html, "link[rel=stylesheet]", "href");
    assert!(
        stylesheet[0].starts_with("/http/style.")
            && public.join(&stylesheet[0]["/http/".len()..]).is_file(),
        "{stylesheet:?}"
    );
    let hrefs = select_attrs(&html, "a[href]", "href");
    let internal: Vec<_> = hrefs
        .iter()
        .filter(|h| !h.starts_with("http") && !h.starts_with('#'))
        .collect();
    assert!(!internal.is_empty());
    assert!(
        internal.iter().all(|h| h.starts_with("/http/")),
        "{internal:?}"
    );
}

#[test]
fn output_is_byte_identical_whatever_the_file_creation_order() {
    let first = fixture_site(&[]);
    // Recreate the content files in reverse order, so directory listing order differs.
    let second = fixture_site(&[]);
    let content = second.path().join("content");
    let files = snapshot_dir(&content);
    fs::remove_dir_all(&content).unwrap();
    for (rel, bytes) in files.iter().rev() {
        let path = content.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    let a = snapshot_dir(&build_ok(first.path(), &[]));
    let b = snapshot_dir(&build_ok(second.path(), &[]));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (rel, bytes) in &a {
        assert!(bytes == &b[rel], "{rel} differs between builds");
    }
    // And a rebuild in place gives the same bytes again.
    assert_eq!(snapshot_dir(&build_ok(first.path(), &[])), a);
}

#[test]
fn failed_build_leaves_previous_output_byte_for_byte() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    let before = snapshot_dir(&public);

    copy_tree(&fixtures().join("invalid/many-problems"), site.path());
    let out = httpref(site.path(), &["build", "--root", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(snapshot_dir(&public), before);
    let entries: Vec<_> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        entries
            .iter()
            .all(|n| !n.to_string_lossy().contains("staging")
                && !n.to_string_lossy().contains(".old-")),
        "leftover folders: {entries:?}"
    );
}

#[test]
fn successful_build_removes_stale_files() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    fs::create_dir_all(public.join("codes/999")).unwrap();
    fs::write(public.join("codes/999/index.html"), "stale").unwrap();
    fs::remove_file(site.path().join("content/guides/error-bodies.md")).unwrap();

    build_ok(site.path(), &[]);
    assert!(!public.join("codes/999").exists());
    assert!(!public.join("guides/error-bodies").exists());
    assert!(public.join("codes/404/index.html").exists());
}

#[test]
fn out_and_root_flags_are_honoured() {
    let site = fixture_site(&[]);
    let elsewhere = tempfile::tempdir().unwrap();
    let out_dir = elsewhere.path().join("site-out");
    let root = site.path().to_str().unwrap();
    let out = httpref(
        elsewhere.path(),
        &["build", "--root", root, "--out", out_dir.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out_dir.join("codes/404/index.html").is_file());
    assert!(!site.path().join("public").exists());
}

#[test]
fn refuses_to_build_over_the_sources() {
    let site = fixture_site(&[]);
    for bad in [".", "content", "templates/out"] {
        let out = httpref(site.path(), &["build", "--root", ".", "--out", bad]);
        assert_eq!(out.status.code(), Some(2), "--out {bad}");
        assert!(
            stderr(&out).contains("refusing to build into"),
            "{}",
            stderr(&out)
        );
    }
    assert!(site.path().join("content/codes/404.md").is_file());
}

#[test]
fn check_writes_nothing_and_reports_success() {
    let site = fixture_site(&[]);
    let out = httpref(site.path(), &["check", "--root", "."]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Checked 58 pages: no problems found"),
        "{}",
        stdout(&out)
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn unofficial_code_page_says_it_is_not_standard_and_who_uses_it() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    let html = page(&public, "codes/499/index.html");
    let notice = select_texts(&html, ".notice-unofficial");
    assert_eq!(notice.len(), 1);
    assert!(
        notice[0].starts_with("Not a standard status code."),
        "{notice:?}"
    );
    assert!(
        notice[0].contains("used by nginx") && notice[0].ends_with("treats it as 400."),
        "{notice:?}"
    );
    assert_eq!(select_texts(&html, "#vendor-uses"), ["Who uses it #"]);
    let uses = select_texts(&html, ".vendor-uses li");
    assert!(
        uses[0].contains("Clients never receive this status"),
        "{uses:?}"
    );
    assert_eq!(select_texts(&html, ".badge-unofficial"), ["Unofficial"]);
    // A registered code has no such notice.
    assert!(select_texts(&page(&public, "codes/404/index.html"), ".notice-unofficial").is_empty());
}

#[test]
fn decision_pages_work_as_plain_links() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);

    let first = page(&public, "decide/start/outcome/index.html");
    assert_eq!(select_texts(&first, "h1"), ["Did the request succeed?"]);
    assert_eq!(
        select_attrs(&first, "#decide .answers a", "href"),
        ["/decide/start/ok/", "/decide/client-error/what/"]
    );
    assert!(select_texts(&first, ".decide-path li").is_empty());
    let scripts = select_attrs(&first, "script[src]", "src");
    assert!(
        scripts
            .iter()
            .any(|s| s.starts_with("/decide.") && s.ends_with(".js")),
        "{scripts:?}"
    );

    // A step in another tree shows the path from the start, each step linking back.
    let deep = page(&public, "decide/client-error/secret/index.html");
    assert_eq!(
        select_texts(&deep, ".decide-path li"),
        [
            "Did the request succeed? No, the client got something wrong",
            "What is wrong with the request? The client may not do this"
        ]
    );
    assert_eq!(
        select_attrs(&deep, ".decide-path a", "href"),
        ["/decide/start/outcome/", "/decide/client-error/what/"]
    );

    // A result page shows the code's card, the backing section and links to the entry.
    let result = page(&public, "decide/client-error/hidden/index.html");
    assert_eq!(select_texts(&result, "h1"), ["Use 404 Not Found"]);
    assert_eq!(
        select_attrs(&result, ".result-entry a", "href"),
        ["/codes/404/"]
    );
    assert_eq!(
        select_attrs(&result, ".backed-by a", "href"),
        ["https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4"]
    );
    assert_eq!(
        select_texts(&result, ".notice").len(),
        1,
        "judgement calls say so"
    );

    // Code pages list the questions that lead to them.
    let code = page(&public, "codes/403/index.html");
    assert_eq!(
        select_texts(&code, ".walks li"),
        [
            "Did the request succeed? No, the client got something wrong › What is wrong with the request? The client may not do this › Must the resource stay secret? No › 403 Forbidden"
        ]
    );
    assert_eq!(
        select_attrs(&code, ".walks li > a:last-child", "href"),
        ["/decide/client-error/forbidden/"]
    );

    // The home page, the header and the class page lead into the trees.
    let home = page(&public, "index.html");
    assert_eq!(
        select_attrs(&home, ".decide-entry a", "href"),
        ["/decide/start/outcome/"]
    );
    assert!(
        select_attrs(&home, "header nav a", "href").contains(&"/decide/start/outcome/".to_owned())
    );
    let class = page(&public, "classes/4xx/index.html");
    assert_eq!(
        select_attrs(&class, ".decide-entry a", "href"),
        ["/decide/client-error/what/"]
    );
    let index = page(&public, "decide/index.html");
    assert_eq!(
        select_texts(&index, ".decide-trees > li > a:first-child"),
        [
            "Start here: Which status code should I use?",
            "Choosing a client error"
        ]
    );
    let tree = page(&public, "decide/client-error/index.html");
    assert_eq!(select_texts(&tree, ".decide-nodes .result a").len(), 3);
}

#[test]
fn css_and_js_are_hashed_and_every_page_carries_a_strict_csp() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    let files: Vec<String> = snapshot_dir(&public).into_keys().collect();
    let css: Vec<_> = files.iter().filter(|f| f.ends_with(".css")).collect();
    assert_eq!(css.len(), 1);
    assert!(
        css[0].starts_with("style.") && css[0].len() == "style..css".len() + 10,
        "{css:?}"
    );
    assert!(!files.contains(&"style.css".to_owned()) && !files.contains(&"site.js".to_owned()));

    for (rel, bytes) in snapshot_dir(&public) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = scraper::Html::parse_document(&String::from_utf8(bytes).unwrap());
        let csp = select_attrs(
            &html,
            r#"meta[http-equiv="Content-Security-Policy"]"#,
            "content",
        );
        assert_eq!(csp.len(), 1, "{rel}");
        assert!(
            csp[0].starts_with("default-src 'self';") && !csp[0].contains("unsafe-inline"),
            "{rel}"
        );
        // No inline scripts or styles, no event-handler attributes.
        for script in select_attrs(&html, "script", "src")
            .iter()
            .chain(select_attrs(&html, "link[rel=stylesheet]", "href").iter())
        {
            let file = script.trim_start_matches('/');
            assert!(
                public.join(file).is_file(),
                "{rel}: {script} is not in the output"
            );
        }
        // The one script element without `src` is the words' JSON block: data the browser never
        // runs (the CSP's `script-src 'self'` concerns executed scripts).
        assert_eq!(
            select_texts(&html, r#"script:not([src]):not([type="application/json"])"#).len(),
            0,
            "{rel}: inline script"
        );
        assert_eq!(
            select_texts(&html, "style").len(),
            0,
            "{rel}: inline style element"
        );
        assert!(
            select_attrs(&html, "[style]", "style").is_empty(),
            "{rel}: style attribute"
        );
        let text = std::fs::read_to_string(public.join(&rel)).unwrap();
        assert!(
            !text.contains(" onclick=") && !text.contains(" onload="),
            "{rel}: event handler attribute"
        );
    }
}

#[test]
fn deployment_files_sitemap_robots_404_and_social_meta() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &["--base-url", "https://example.org/http/"]);
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap())
        .collect();
    assert!(
        locs.contains(&"https://example.org/http/")
            && locs.contains(&"https://example.org/http/codes/404/"),
        "{sitemap}"
    );
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.org/http/"))
    );
    assert!(
        !locs
            .iter()
            .any(|l| l.ends_with("404.html") || l.ends_with("sitemap.xml"))
    );
    // Every page but the short addresses (`404/index.html`), which only redirect, and practice
    // feedback pages (`practice/<slug>/<code>/`), whose canonical page is their scenario.
    let pages = snapshot_dir(&public)
        .keys()
        .filter(|k| k.ends_with("index.html"))
        .filter(|k| !(k.starts_with("practice/") && k.split('/').count() == 4))
        .filter(|k| {
            !k.split('/')
                .next()
                .unwrap()
                .bytes()
                .all(|b| b.is_ascii_digit())
        })
        .count();
    assert_eq!(locs.len(), pages, "every page is in the sitemap");
    assert!(
        !locs.contains(&"https://example.org/http/404/"),
        "{sitemap}"
    );
    assert_eq!(
        std::fs::read_to_string(public.join("robots.txt")).unwrap(),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/http/sitemap.xml\n"
    );

    let not_found = page(&public, "404.html");
    assert_eq!(select_texts(&not_found, "h1"), ["Page not found"]);
    assert!(select_attrs(&not_found, "main a", "href").contains(&"/http/".to_owned()));

    let code = page(&public, "codes/404/index.html");
    assert_eq!(
        select_attrs(&code, r#"meta[property="og:url"]"#, "content"),
        ["https://example.org/http/codes/404/"]
    );
    assert_eq!(
        select_attrs(&code, r#"meta[property="og:title"]"#, "content"),
        ["404 Not Found"]
    );
    assert_eq!(
        select_attrs(&code, r#"meta[name="twitter:card"]"#, "content"),
        ["summary"]
    );
    assert_eq!(
        select_attrs(&code, r#"link[rel="icon"]"#, "href"),
        ["/http/favicon.svg"]
    );

    let cheatsheet = page(&public, "cheatsheet/index.html");
    let listed = select_texts(&cheatsheet, ".cheatsheet td:first-child");
    assert_eq!(
        listed,
        [
            "200", "204", "301", "308", "401", "403", "404", "418", "499", "500", "503"
        ]
    );
}

#[test]
fn json_api_lists_every_code_with_its_facts() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("api/codes.json")).unwrap()).unwrap();
    assert_eq!(index["version"], 1);
    let codes = index["codes"].as_array().unwrap();
    let numbers: Vec<u64> = codes.iter().map(|c| c["code"].as_u64().unwrap()).collect();
    assert_eq!(
        numbers,
        [200, 204, 301, 308, 401, 403, 404, 418, 499, 500, 503]
    );

    let unauthorized: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("api/codes/401.json")).unwrap()).unwrap();
    let c = &unauthorized["code"];
    assert_eq!(unauthorized["version"], 1);
    assert_eq!(c["name"], "Unauthorized");
    assert_eq!(c["class"], "4xx");
    assert_eq!(c["registered"], true);
    assert_eq!(c["url"], "https://fixture.example.org/codes/401/");
    assert_eq!(
        c["spec"][0]["url"],
        "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2"
    );
    assert_eq!(c["headers"][0]["name"], "WWW-Authenticate");
    assert_eq!(c["headers"][0]["level"], "MUST");
    assert_eq!(c["retry"]["when"], "after-change");
    assert_eq!(c["caching"], "explicit-only");
    assert_eq!(c["constants"][0]["library"], "Python http.HTTPStatus");
    assert_eq!(c["former_names"][0]["name"], "Not Authorized");

    let unofficial: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("api/codes/499.json")).unwrap()).unwrap();
    assert_eq!(unofficial["code"]["status"], "unofficial");
    assert_eq!(unofficial["code"]["registered"], false);
    assert_eq!(unofficial["code"]["vendors"][0]["vendor"], "nginx");
    assert_eq!(unofficial["code"]["vendors"][0]["client_sees"], false);
}

#[test]
fn search_index_is_versioned_hashed_and_decodable() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    let name = snapshot_dir(&public)
        .into_keys()
        .find(|f| f.starts_with("search-index."))
        .unwrap();
    let bytes = std::fs::read(public.join(&name)).unwrap();
    let index: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(index["v"], 1);
    // Every page's search box points at the unhashed entry file, which names this one: an edit
    // changes the index and the entry, not every page. The index can be cached forever.
    let home = page(&public, "index.html");
    assert_eq!(
        select_attrs(&home, "form.site-search", "data-index"),
        ["/search/entry.json"]
    );
    let entry: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("search/entry.json")).unwrap()).unwrap();
    assert_eq!(entry["index"], format!("/{name}"));

    // Decode the front-coded terms, the postings and the tiers as the client does.
    let docs = index["docs"].as_array().unwrap();
    let mut terms = Vec::new();
    let mut previous = String::new();
    for entry in index["terms"].as_str().unwrap().split(' ') {
        let shared = usize::from_str_radix(&entry[..1], 36).unwrap();
        previous = format!("{}{}", &previous[..shared], &entry[1..]);
        terms.push(previous.clone());
    }
    let postings: Vec<&str> = index["postings"].as_str().unwrap().split(';').collect();
    let tiers: Vec<&str> = index["tiers"].as_str().unwrap().split(' ').collect();
    assert_eq!((terms.len(), postings.len()), (tiers.len(), tiers.len()));
    let lookup = |term: &str| -> Vec<(String, u8)> {
        let i = terms
            .iter()
            .position(|t| t == term)
            .unwrap_or_else(|| panic!("no term {term}"));
        let mut doc = 0;
        postings[i]
            .split(',')
            .zip(tiers[i].bytes())
            .map(|(gap, tier)| {
                doc += usize::from_str_radix(gap, 36).unwrap();
                (docs[doc][1].as_str().unwrap().to_owned(), tier - b'0')
            })
            .collect()
    };
    assert!(
        lookup("401").contains(&("/codes/401/".to_owned(), 0)),
        "the code number is tier 0"
    );
    assert!(
        lookup("unauthorized").contains(&("/codes/401/".to_owned(), 1)),
        "the name is tier 1"
    );
    assert!(
        lookup("authorized").contains(&("/codes/401/".to_owned(), 1)),
        "former names are tier 1"
    );
    assert!(
        lookup("httpstatusunauthorized").contains(&("/codes/401/".to_owned(), 1)),
        "constants, whole"
    );
    assert!(
        lookup("mistake")
            .iter()
            .any(|(url, tier)| url == "/codes/401/" && *tier == 2),
        "headings are tier 2"
    );
    assert!(
        lookup("nginx").iter().any(|(url, _)| url == "/codes/499/"),
        "vendors are indexed"
    );
    let kinds: std::collections::BTreeSet<&str> =
        docs.iter().map(|d| d[2].as_str().unwrap()).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "class", "code", "compare", "decide", "guide", "header", "practice"
        ]
    );
    assert_eq!(index["ranges"][0], serde_json::json!([100, 199]));
}
