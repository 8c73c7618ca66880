//! `httpref serve`: pages from memory, rebuild and reload on save, the error overlay's data while
//! a broken edit is in place, recovery, path traversal and the 404 page.
#![cfg(feature = "serve")]

use std::time::Instant;

use crate::common::serve_client::{
    events, get, get_with_host, next_event, next_rebuild, request, start,
};
use crate::common::*;

#[test]
fn serves_rebuilds_reloads_and_recovers() {
    let site = fixture_site(&[]);
    let server = start(env!("CARGO_BIN_EXE_httpref"), site.path());
    let port = server.port;

    let (status, home) = get(port, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains(
            "<script src=\"/__httpref/livereload.js\" data-page=\"index.html\" defer></script></head>"
        ),
        "reload script injected"
    );
    assert!(
        home.contains(&format!("http://127.0.0.1:{port}/")),
        "base URL rewritten to the local address"
    );
    let (status, script) = get(port, "/__httpref/livereload.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));
    let (status, _) = get(port, "/codes/404");
    assert_eq!(status, 301, "folders without a slash redirect");

    let rx = events(port);
    assert_eq!(next_event(&rx).0, "ok");

    // An edit is rebuilt and announced; the page shows it.
    let file = site.path().join("content/codes/404.md");
    let original = std::fs::read_to_string(&file).unwrap();
    let edited_at = Instant::now();
    std::fs::write(
        &file,
        original.replace(
            "Nothing is found at the target URI.",
            "Edited while serving.",
        ),
    )
    .unwrap();
    // First the edited file's own pages, ahead of the rest of the site: only the tabs showing a
    // changed file reload, so the event names the files.
    let (event, data) = next_event(&rx);
    assert_eq!(event, "reload");
    eprintln!(
        "edit to reload event: {:.0} ms (debug build)",
        edited_at.elapsed().as_secs_f64() * 1e3
    );
    let first: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(first["complete"], false, "{data}");
    let changed = changed_files(&data);
    assert!(
        changed.contains(&"codes/404/index.html".to_owned()),
        "{changed:?}"
    );
    assert!(
        changed.iter().all(|page| page.contains("404/")),
        "only pages made from 404.md come first: {changed:?}"
    );
    assert!(get(port, "/codes/404/").1.contains("Edited while serving."));
    // Then the rest of the build, which does not name the page shown first again (its tab would
    // reload twice for the same bytes).
    let (event, data) = next_event(&rx);
    assert_eq!(event, "reload");
    let complete: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(complete["complete"], true, "{data}");
    let changed = changed_files(&data);
    for page in ["codes/404/index.html", "codes/401/index.html"] {
        assert!(!changed.contains(&page.to_owned()), "{page} in {changed:?}");
    }
    assert!(get(port, "/codes/404/").1.contains("Edited while serving."));

    // A broken edit keeps the last good site and reports the problem with its location.
    std::fs::write(
        &file,
        original.replace("name: Not Found", "nmae: Not Found"),
    )
    .unwrap();
    let (event, data) = next_event(&rx);
    assert_eq!(event, "build-error");
    let message: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert!(
        message["message"]
            .as_str()
            .unwrap()
            .starts_with("content/codes/404.md:3:1: error: unknown field `nmae`"),
        "{data}"
    );
    let (status, page) = get(port, "/codes/404/");
    assert_eq!(status, 200);
    assert!(
        page.contains("Edited while serving."),
        "the last good page is still served"
    );
    let status_json: serde_json::Value =
        serde_json::from_str(&get(port, "/__httpref/status").1).unwrap();
    assert_eq!(status_json["ok"], false);
    // A page opened now learns of the failure at once, so its overlay shows.
    let late = events(port);
    assert_eq!(next_event(&late).0, "build-error");

    // Fixing it rebuilds, reloads and clears the error.
    std::fs::write(&file, &original).unwrap();
    assert_eq!(next_rebuild(&rx).0, "reload");
    let status_json: serde_json::Value =
        serde_json::from_str(&get(port, "/__httpref/status").1).unwrap();
    assert_eq!(status_json["ok"], true);
    assert!(
        get(port, "/codes/404/")
            .1
            .contains("Nothing is found at the target URI.")
    );
}

/// The files a `reload` event names as changed.
fn changed_files(data: &str) -> Vec<String> {
    let event: serde_json::Value = serde_json::from_str(data).unwrap();
    event["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn each_rebuild_names_the_files_it_changed_renamed_added_removed_or_retemplated() {
    let site = fixture_site(&[]);
    let server = start(env!("CARGO_BIN_EXE_httpref"), site.path());
    let port = server.port;
    let rx = events(port);
    assert_eq!(next_event(&rx).0, "ok");
    // Every page that shows 499's name must change with it, though most of their own files
    // are untouched; which pages those are, a full build of the edited site says.
    let file = site.path().join("content/codes/499.md");
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        original.replace("name: Client Closed Request", "name: Client Went Away"),
    )
    .unwrap();
    let (event, data) = next_rebuild(&rx);
    assert_eq!(event, "reload", "{data}");
    let changed = changed_files(&data);
    let public = build_ok(site.path(), &[]);
    let showing: Vec<String> = snapshot_dir(&public)
        .into_iter()
        .filter(|(path, bytes)| {
            path.ends_with(".html") && String::from_utf8_lossy(bytes).contains("Client Went Away")
        })
        .map(|(path, _)| path)
        .collect();
    assert!(showing.len() > 2, "{showing:?}");
    for page in &showing {
        assert!(changed.contains(page), "{page} in {changed:?}");
        assert!(
            get(port, &format!("/{page}"))
                .1
                .contains("Client Went Away"),
            "{page}"
        );
    }
    assert!(changed.len() < 20, "{changed:?}");

    // A new page is a changed file, and so is a removed one (its tab then shows the 404 page).
    let guides = site.path().join("content/guides");
    let guide = std::fs::read_to_string(guides.join("error-bodies.md")).unwrap();
    std::fs::write(
        guides.join("second.md"),
        guide.replace("title: Error bodies", "title: A second guide"),
    )
    .unwrap();
    let (event, data) = next_rebuild(&rx);
    assert_eq!(event, "reload", "{data}");
    assert!(
        changed_files(&data).contains(&"guides/second/index.html".to_owned()),
        "{data}"
    );
    std::fs::remove_file(guides.join("second.md")).unwrap();
    let (event, data) = next_rebuild(&rx);
    assert_eq!(event, "reload", "{data}");
    assert!(
        changed_files(&data).contains(&"guides/second/index.html".to_owned()),
        "{data}"
    );
    assert_eq!(get(port, "/guides/second/").0, 404);

    // The site's title is in the view every page shares: every page is rendered again.
    let config = site.path().join("content/site.yaml");
    let site_yaml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        site_yaml.replace("title: Fixture Reference", "title: Renamed Reference"),
    )
    .unwrap();
    let (event, data) = next_rebuild(&rx);
    assert_eq!(event, "reload", "{data}");
    let changed = changed_files(&data);
    for page in [
        "index.html",
        "codes/401/index.html",
        "guides/error-bodies/index.html",
    ] {
        assert!(changed.contains(&page.to_owned()), "{page} in {changed:?}");
        let html = scraper::Html::parse_document(&get(port, &format!("/{page}")).1);
        assert_eq!(
            select_texts(&html, ".site-title"),
            ["Renamed Reference"],
            "{page}"
        );
    }

    // A template edit reloads the templates: every page that uses it changes.
    let footer = site.path().join("templates/base.html");
    let base = std::fs::read_to_string(&footer).unwrap();
    std::fs::write(
        &footer,
        base.replace("</footer>", "<p>Edited footer.</p></footer>"),
    )
    .unwrap();
    let (event, data) = next_rebuild(&rx);
    assert_eq!(event, "reload", "{data}");
    let changed = changed_files(&data);
    for page in [
        "index.html",
        "codes/401/index.html",
        "classes/4xx/index.html",
    ] {
        assert!(changed.contains(&page.to_owned()), "{page} in {changed:?}");
    }
    let html = scraper::Html::parse_document(&get(port, "/codes/401/").1);
    assert_eq!(
        select_texts(&html, "footer p").last().unwrap(),
        "Edited footer."
    );
}

#[test]
fn requests_cannot_leave_the_site_and_unknown_paths_get_the_404_page() {
    let site = fixture_site(&[]);
    std::fs::write(site.path().join("secret.txt"), "do not serve").unwrap();
    let server = start(env!("CARGO_BIN_EXE_httpref"), site.path());
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/codes/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/../../../../etc/passwd",
    ] {
        let (status, body) = get(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("do not serve") && !body.contains("root:"),
            "{path} leaked a file"
        );
    }
    let (status, body) = get(server.port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the site's 404 page");
}

#[test]
fn build_never_injects_the_reload_script() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    for (rel, bytes) in snapshot_dir(&public) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__httpref"),
            "{rel}"
        );
    }
}

#[test]
fn a_site_that_never_built_still_shows_its_problems_and_recovers() {
    let site = fixture_site(&["many-problems"]);
    let server = start(env!("CARGO_BIN_EXE_httpref"), site.path());
    let (status, page) = get(server.port, "/codes/404/");
    assert_eq!(status, 404);
    assert!(
        page.contains("The site has not built yet.") && page.contains("/__httpref/livereload.js"),
        "{page}"
    );
    let rx = events(server.port);
    assert_eq!(next_event(&rx).0, "build-error");
    // Repair every broken file: the site builds and open pages reload.
    crate::common::copy_tree(&fixtures().join("valid-site"), site.path());
    let template = "templates/class.html";
    std::fs::copy(repo_root().join(template), site.path().join(template)).unwrap();
    loop {
        let (event, _) = next_event(&rx);
        if event == "reload" {
            break;
        }
    }
    assert_eq!(get(server.port, "/codes/404/").0, 200);
}

#[test]
fn answers_only_requests_addressed_to_the_preview() {
    let site = fixture_site(&[]);
    let server = start(env!("CARGO_BIN_EXE_httpref"), site.path());
    let port = server.port;
    // A page on a rebound name (DNS rebinding) reaches 127.0.0.1 with its own Host header.
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        "127.0.0.1:1".to_owned(),
    ] {
        for path in ["/", "/codes/404/", "/__httpref/status", "/__httpref/events"] {
            let (status, body) = get_with_host(port, path, &host);
            assert_eq!(status, 421, "{host}{path}");
            assert!(body.contains("Misdirected request"), "{body}");
            assert!(!body.contains("<html"), "no page content for {host}{path}");
        }
    }
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        assert_eq!(get_with_host(port, "/codes/404/", &host).0, 200, "{host}");
    }
    // Two Host lines, the first one local: which one a proxy in front reads is anyone's guess.
    let (status, body) = request(
        port,
        &format!(
            "GET /codes/404/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(status, 400, "{body}");
    assert!(!body.contains("<html"));
    // An absolute-form target takes the place of Host (RFC 9112, section 3.2.2).
    let absolute = |target: &str| {
        request(
            port,
            &format!(
                "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
            ),
        )
    };
    let (status, body) = absolute("http://evil.example/codes/404/");
    assert_eq!(status, 421, "{body}");
    assert!(!body.contains("<html"));
    assert_eq!(
        absolute(&format!("http://127.0.0.1:{port}/codes/404/")).0,
        200
    );
}

#[test]
fn a_fifo_in_content_is_reported_and_never_freezes_rebuilds() {
    let site = fixture_site(&[]);
    let server = start(env!("CARGO_BIN_EXE_httpref"), site.path());
    let rx = events(server.port);
    assert_eq!(next_event(&rx).0, "ok");
    let fifo = site.path().join("content/codes/402.md");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // The rebuild does not block on the pipe: it fails with the problem, at once.
    let (event, data) = next_event(&rx);
    assert_eq!(event, "build-error", "{data}");
    assert!(
        data.contains("content/codes/402.md") && data.contains("not a regular file"),
        "{data}"
    );
    let (_, status) = get(server.port, "/__httpref/status");
    assert!(status.contains("\"ok\":false"), "{status}");
    // Removing it lets the next rebuild through.
    std::fs::remove_file(&fifo).unwrap();
    loop {
        if next_event(&rx).0 == "reload" {
            break;
        }
    }
    assert!(
        get(server.port, "/__httpref/status")
            .1
            .contains("\"ok\":true")
    );
}

/// An alias bomb saved into content, and a template over its render budget, are problems in the
/// overlay like any other: the preview keeps running and serving the last good site.
#[test]
fn a_yaml_bomb_or_a_runaway_template_saved_while_serving_is_reported_and_survived() {
    let site = fixture_site(&[]);
    let server = start(env!("CARGO_BIN_EXE_httpref"), site.path());
    let rx = events(server.port);
    assert_eq!(next_event(&rx).0, "ok");
    let code = site.path().join("content/codes/404.md");
    let good = std::fs::read_to_string(&code).unwrap();
    let mut bomb = "lol0: &a0 [x, x, x, x, x, x, x, x, x, x]\n".to_owned();
    for i in 1..9 {
        bomb += &format!(
            "lol{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 10].join(", ")
        );
    }
    std::fs::write(&code, good.replacen("---\n", &format!("---\n{bomb}"), 1)).unwrap();
    let (event, data) = next_event(&rx);
    assert_eq!(event, "build-error", "{data}");
    assert!(
        data.contains("aliases copy more than 10000 values"),
        "{data}"
    );
    assert_eq!(
        get(server.port, "/codes/404/").0,
        200,
        "the last good site is served"
    );

    std::fs::write(&code, &good).unwrap();
    while next_event(&rx).0 != "reload" {}
    let template = site.path().join("templates/code.html");
    let text = std::fs::read_to_string(&template).unwrap();
    let runaway = "{% block content %}{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}";
    std::fs::write(&template, text.replacen("{% block content %}", runaway, 1)).unwrap();
    let (event, data) = next_event(&rx);
    assert_eq!(event, "build-error", "{data}");
    assert!(data.contains("render budget exceeded"), "{data}");
    assert_eq!(get(server.port, "/codes/404/").0, 200, "still serving");
    std::fs::write(&template, &text).unwrap();
    while next_event(&rx).0 != "reload" {}
    assert!(
        get(server.port, "/__httpref/status")
            .1
            .contains("\"ok\":true")
    );
}

/// Whatever a run of saves does, the preview ends up serving what a fresh build of the same files
/// gives: the kept drafts, bodies, citations and pages, and the first look at each edit, must never
/// leave a stale file behind.
#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario of saves, each step checked against a fresh build"
)]
fn after_every_save_the_preview_serves_what_a_fresh_build_gives() {
    let site = fixture_site(&[]);
    let server = start(env!("CARGO_BIN_EXE_httpref"), site.path());
    let port = server.port;
    let rx = events(port);
    assert_eq!(next_event(&rx).0, "ok");
    let edit = |path: &str, from: &str, to: &str| {
        let file = site.path().join(path);
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains(from), "{path} has `{from}`");
        std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
    };
    let matches_a_fresh_build = |after: &str| {
        let options = httpref::LoadOptions {
            base_url: Some(format!("http://127.0.0.1:{port}/")),
            cache: None,
        };
        let (_, files) = httpref::build_in_memory(site.path(), &options).unwrap();
        let text_files = files.iter().filter(|(path, _)| {
            [".html", ".json", ".xml", ".txt", "_redirects"]
                .iter()
                .any(|end| path.ends_with(end))
        });
        let mut compared = 0;
        for (path, bytes) in text_files {
            let (status, served) = get(port, &format!("/{path}"));
            let tag = format!(
                "<script src=\"/__httpref/livereload.js\" data-page=\"{path}\" defer></script>"
            );
            assert_eq!(status, 200, "{path} after {after}");
            assert!(
                served.replacen(&tag, "", 1) == String::from_utf8_lossy(bytes),
                "{path} is stale after {after}"
            );
            compared += 1;
        }
        assert!(compared > 50, "{compared} files compared");
    };
    let saved = |after: &str| {
        let (event, data) = next_rebuild(&rx);
        assert_eq!(event, "reload", "{after}: {data}");
        matches_a_fresh_build(after);
    };

    edit(
        "content/codes/404.md",
        "Nothing is found at the target URI.",
        "Nothing at all is found here.",
    );
    saved("a body edit");
    edit(
        "content/codes/499.md",
        "name: Client Closed Request",
        "name: Client Went Away",
    );
    saved("a name that other pages show");
    edit(
        "content/guides/error-bodies.md",
        "\n## ",
        "\nSee [a code](code:402).\n\n## ",
    );
    assert_eq!(
        next_rebuild(&rx).0,
        "build-error",
        "a link to a code with no entry"
    );
    edit("content/guides/error-bodies.md", "(code:402)", "(code:418)");
    saved("the link fixed");
    edit(
        "content/decide/client-error.yaml",
        "What is wrong with the request?",
        "What went wrong with the request?",
    );
    saved("a decision tree edit");
    edit(
        "content/practice/expired-token.yaml",
        "expired an hour ago",
        "expired a day ago",
    );
    saved("a practice scenario edit");
    let guide =
        std::fs::read_to_string(site.path().join("content/guides/error-bodies.md")).unwrap();
    std::fs::write(
        site.path().join("content/guides/second.md"),
        guide.replacen("title: Error bodies", "title: A second guide", 1),
    )
    .unwrap();
    saved("a new guide");
    edit(
        "content/compare/401-vs-403.md",
        "\n## ",
        "\nSee [the second guide](guide:second).\n\n## ",
    );
    saved("a link to the new guide");
    std::fs::remove_file(site.path().join("content/guides/second.md")).unwrap();
    assert_eq!(
        next_rebuild(&rx).0,
        "build-error",
        "the linked guide is gone"
    );
    edit(
        "content/compare/401-vs-403.md",
        "(guide:second)",
        "(guide:error-bodies)",
    );
    saved("the link moved to a guide that exists");
    edit(
        "content/site.yaml",
        "title: Fixture Reference",
        "title: Renamed Reference",
    );
    saved("the site's title");
    edit(
        "templates/base.html",
        "</footer>",
        "<p>Edited footer.</p></footer>",
    );
    saved("a template edit");
}
