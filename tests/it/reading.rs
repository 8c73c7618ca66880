//! How pages read (issue 10), checked on the built HTML: the code page's order (facts strip,
//! first section, constants, rules), no empty sections, the short addresses and `_redirects`,
//! the not-found page's material for suggestions, and the decision pages' routes, results and
//! restarts.

use crate::common::*;
use scraper::{ElementRef, Html, Selector};

fn texts(el: ElementRef) -> String {
    el.text().collect::<Vec<_>>().join(" ")
}

/// Position in document order of the first element matching `selector`.
fn position(html: &Html, selector: &str) -> Option<usize> {
    let sel = Selector::parse(selector).unwrap();
    let target = html.select(&sel).next()?.id();
    html.tree.nodes().position(|n| n.id() == target)
}

#[test]
fn code_page_answers_first_then_details() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    let html = page(&public, "codes/401/index.html");

    // The facts strip: short labelled values, each linking to its detail on the page.
    let strip = select_texts(&html, ".facts-strip li");
    assert!(
        strip.contains(&"Must send: WWW-Authenticate".to_owned()),
        "{strip:?}"
    );
    assert!(strip.iter().any(|s| s.starts_with("Retry: ")), "{strip:?}");
    let ids = select_attrs(&html, "[id]", "id");
    let strip_links = select_attrs(&html, ".facts-strip a[href^='#']", "href");
    assert!(!strip_links.is_empty(), "no link in the facts strip");
    for href in strip_links {
        assert!(ids.contains(&href[1..].to_owned()), "{href} has no target");
    }

    // Order: header, strip, the first prose section, the constants, the rules, the rest.
    let order = [
        "h1",
        ".facts-strip",
        "#what-it-means",
        ".constants",
        "#rules",
        "#when-to-use-it",
    ];
    let at: Vec<usize> = order.iter().map(|s| position(&html, s).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{order:?} at {at:?}");
    assert_eq!(
        select_attrs(&html, ".copy-constant", "data-copy"),
        ["HTTPStatus.UNAUTHORIZED", "http.StatusUnauthorized"]
    );

    // "On this page": every level-2 section, in the side column and the phone disclosure alike.
    let h2: Vec<String> = select_attrs(&html, ".page-main h2[id]", "id")
        .into_iter()
        .map(|id| format!("#{id}"))
        .collect();
    assert_eq!(select_attrs(&html, ".toc-side a", "href"), h2);
    assert_eq!(select_attrs(&html, ".toc-inline a", "href"), h2);
    // 401 has no visitor section, so no shortcut to one.
    assert!(select_texts(&html, ".visitor-shortcut").is_empty());
}

#[test]
fn shipped_pages_have_no_empty_sections_and_say_things_once() {
    let (_out, public) = build_shipped(&[]);
    let section = Selector::parse("section, aside, .facts-strip, .constants, ul, ol, dl").unwrap();
    let heading = Selector::parse("h1, h2, h3, p.toc-title, p.constants-title").unwrap();
    let mut checked = 0;
    for (rel, bytes) in snapshot_dir(&public) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = Html::parse_document(&String::from_utf8(bytes).unwrap());
        for el in html.select(&section) {
            checked += 1;
            // A search form's result list and a hidden panel fill in with JavaScript.
            let hidden = std::iter::once(el)
                .chain(el.ancestors().filter_map(ElementRef::wrap))
                .any(|e| e.value().attr("hidden").is_some());
            if hidden || el.value().attr("role") == Some("listbox") {
                continue;
            }
            let all = texts(el);
            let headings: String = el.select(&heading).map(texts).collect();
            let rest = all.replace(&headings, "");
            assert!(
                !rest.trim().is_empty(),
                "{rel}: an empty <{}> {:?}",
                el.value().name(),
                el.value().attr("class")
            );
        }
    }

    assert!(checked > 1000, "only {checked} sections and lists checked");

    // Unofficial codes with no rules have no rules panel, and a vendor source is named once.
    for code in ["460", "499"] {
        let html = page(&public, &format!("codes/{code}/index.html"));
        assert!(select_texts(&html, ".rules").is_empty(), "{code}");
        assert!(select_texts(&html, ".facts-strip").is_empty(), "{code}");
        let vendors = select_texts(&html, ".vendor-uses a");
        assert!(!vendors.is_empty(), "{code}: no vendor source");
        for link in vendors {
            let first = link.split(':').next().unwrap();
            assert_eq!(link.matches(first).count(), 1, "{code}: {link}");
        }
        assert_eq!(select_texts(&html, ".notice-unofficial").len(), 1);
    }

    // What to do first: a sentence per reader under the summary; for codes people meet in a
    // browser the visitor's sentence links to the visitor section (it replaced the old shortcut).
    let html = page(&public, "codes/404/index.html");
    assert_eq!(
        select_texts(&html, ".code-header .first-steps dt"),
        [
            "If you called an API:",
            "If you run the server:",
            "Saw this on a website?"
        ]
    );
    assert_eq!(
        select_attrs(&html, ".code-header .first-steps-visitor a", "href"),
        ["#seeing-this-as-a-visitor"]
    );
    assert!(select_texts(&html, ".visitor-shortcut").is_empty());

    // No table has an empty header cell.
    let th = Selector::parse("th").unwrap();
    let mut cells = 0;
    for (rel, bytes) in snapshot_dir(&public) {
        if rel.ends_with(".html") {
            let html = Html::parse_document(&String::from_utf8(bytes).unwrap());
            for cell in html.select(&th) {
                cells += 1;
                assert!(
                    !texts(cell).trim().is_empty(),
                    "{rel}: an empty table header cell"
                );
            }
        }
    }
    assert!(cells > 100, "only {cells} table header cells found");
}

#[test]
fn short_addresses_redirect_to_code_pages() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &["--base-url", "https://example.org/http/"]);
    let html = page(&public, "404/index.html");
    assert_eq!(
        select_attrs(&html, r#"meta[http-equiv="refresh"]"#, "content"),
        ["0; url=/http/codes/404/"]
    );
    assert_eq!(
        select_attrs(&html, "link[rel=canonical]", "href"),
        ["https://example.org/http/codes/404/"]
    );
    assert_eq!(
        select_attrs(&html, r#"meta[name="robots"]"#, "content"),
        ["noindex"]
    );
    assert_eq!(select_attrs(&html, "main a", "href"), ["/http/codes/404/"]);

    let redirects = std::fs::read_to_string(public.join("_redirects")).unwrap();
    let rules: Vec<&str> = redirects
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert_eq!(rules.len(), 2 * 11, "{redirects}");
    assert!(
        rules.contains(&"/http/404 /http/codes/404/ 301"),
        "{redirects}"
    );
    assert!(
        rules.contains(&"/http/404/ /http/codes/404/ 301"),
        "{redirects}"
    );
    assert!(
        rules.iter().all(|r| r.split(' ').count() == 3),
        "{redirects}"
    );
}

#[test]
fn not_found_page_carries_every_code_and_a_search_box() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    let html = page(&public, "404.html");
    assert_eq!(
        select_attrs(&html, ".code-list li", "data-code"),
        [
            "200", "204", "301", "308", "401", "403", "404", "418", "499", "500", "503"
        ]
    );
    assert_eq!(
        select_attrs(&html, "main form[role=search] input[type=search]", "name"),
        ["q"]
    );
    // It is the page's only search box: the header's is left out.
    assert_eq!(select_attrs(&html, "input[type=search]", "name"), ["q"]);
    assert!(select_texts(&html, ".guesses h2") == ["Did you mean"]);
    assert!(
        select_attrs(&html, "script", "src")
            .iter()
            .any(|s| s.starts_with("/notfound.") && s.ends_with(".js"))
    );
    // The most looked-up codes the site has, in a box of their own (the guesses are another).
    assert_eq!(
        select_texts(&html, ".suggestions .row-code"),
        ["403", "404", "500", "503"]
    );
}

#[test]
fn decision_pages_open_on_the_outcome_and_never_claim_answers_not_given() {
    let (_out, public) = build_shipped(&[]);
    let home = page(&public, "index.html");
    assert!(
        select_attrs(&home, "header nav a", "href").contains(&"/decide/start/outcome/".to_owned())
    );
    let first = page(&public, "decide/start/outcome/index.html");
    assert_eq!(
        select_texts(&first, "h1"),
        ["What happened to the request?"]
    );

    let index = page(&public, "decide/index.html");
    let trees = select_texts(&index, ".decide-trees > li > a:first-child");
    assert_eq!(trees[0], "Start here: Which status code should I use?");

    // 206 is reached from two questions (success and conditional requests): the page as served
    // cannot know the reader's route, so it shows none, and its title names no question.
    let merged = page(&public, "decide/success/partial-content/index.html");
    assert!(select_texts(&merged, ".decide-path li").is_empty());
    assert_eq!(
        select_attrs(&merged, ".decide-path[hidden]", "aria-label").len(),
        1
    );
    assert!(select_texts(&merged, "title")[0].starts_with("Use 206 Partial Content"));
    // 201 has one way in, from a question that two trees lead to: the page shows that one answer,
    // which every route gives, and names it in its title; nothing above it.
    let created = page(&public, "decide/success/created/index.html");
    assert_eq!(
        select_texts(&created, ".decide-path .answer"),
        ["It created a new resource"]
    );
    assert!(
        select_texts(&created, "title")[0]
            .starts_with("It created a new resource: use 201 Created")
    );
    // 501 is reached from the 4xx tree and the 5xx tree: no path, no question in the title.
    let not_implemented = page(&public, "decide/server-error/not-implemented/index.html");
    assert!(select_texts(&not_implemented, ".decide-path li").is_empty());
    assert!(select_texts(&not_implemented, "title")[0].starts_with("Use 501 Not Implemented"));
    // A question only one route reaches shows the answers that must have been given.
    let single = page(&public, "decide/client-error/what-is-wrong/index.html");
    assert_eq!(
        select_attrs(&single, ".decide-path", "aria-label"),
        ["Your answers so far"]
    );
    // "Start over" restarts the whole walk, and the first question has none (it would lead to
    // itself).
    assert_eq!(
        select_attrs(&single, "[data-decide-restart]", "href"),
        ["/decide/start/outcome/"]
    );
    assert!(select_attrs(&first, "[data-decide-restart]", "href").is_empty());

    // Result pages: the headers to send and the near alternatives, with links.
    let result = page(&public, "decide/client-error/unauthorized/index.html");
    let headers = select_texts(&result, ".send-headers code");
    assert!(
        headers.contains(&"WWW-Authenticate".to_owned()),
        "{headers:?}"
    );
    let alternatives = select_attrs(&result, ".alternatives a[href^='/codes/']", "href");
    assert!(!alternatives.is_empty());
    assert!(!alternatives.contains(&"/codes/401/".to_owned()));
    // "Consider 410 if it is gone for good": a sibling answer, with its step.
    let not_found = page(&public, "decide/client-error/not-found/index.html");
    assert!(
        select_texts(&not_found, ".alternatives li")
            .iter()
            .any(|t| t.starts_with("Consider 410 Gone if the answer to “")
                && t.contains("” is “Yes, it was removed")),
        "{:?}",
        select_texts(&not_found, ".alternatives li")
    );
    // Every result page names alternatives: its siblings, or else the code's related codes; its
    // title stays short and names a question's answer only where every route gives it; its
    // headers to send are response fields at a level that means sending.
    let mut results = 0;
    for (rel, bytes) in snapshot_dir(&public.join("decide")) {
        let html = Html::parse_document(&String::from_utf8(bytes).unwrap());
        if select_texts(&html, "h1")[0].starts_with("Use ") {
            results += 1;
            assert!(
                !select_texts(&html, ".alternatives li").is_empty(),
                "decide/{rel}: no alternatives"
            );
            let title = select_texts(&html, "title").remove(0);
            let title = title.split(" · ").next().unwrap();
            assert!(title.chars().count() <= 70, "decide/{rel}: {title}");
            let levels = select_texts(&html, "#send + .send-headers .level");
            assert!(
                !levels.iter().any(|l| l.ends_with("NOT")),
                "decide/{rel}: {levels:?}"
            );
            assert!(
                !select_texts(&html, "#send + .send-headers li")
                    .iter()
                    .any(|l| l.contains("in the request")),
                "decide/{rel}"
            );
        }
    }
    assert!(results > 50, "{results} result pages");
    // If-None-Match is a request field: it is not among 412's headers to send.
    let failed = page(&public, "decide/caching/precondition-failed/index.html");
    let sent = select_texts(&failed, "#send + .send-headers code");
    assert!(!sent.contains(&"If-None-Match".to_owned()), "{sent:?}");
    // The codes people confuse, each with its reason: 401 on 403's page, 503 on 429's.
    let forbidden = page(&public, "decide/client-error/forbidden/index.html");
    assert!(
        select_texts(&forbidden, ".alternatives li")
            .iter()
            .any(|t| t.starts_with("401 Unauthorized: The credentials are missing")),
        "{:?}",
        select_texts(&forbidden, ".alternatives li")
    );
}

#[test]
fn request_fields_are_shown_apart_and_never_as_what_the_response_must_send() {
    let (_out, public) = build_shipped(&[]);
    let fields = |html: &Html, group: &str| {
        select_texts(
            html,
            &format!("#headers-{group} + table td[data-label=Field] code"),
        )
    };

    // 425's only rule is the Early-Data request field: no "Must send" chip, one request table.
    let html = page(&public, "codes/425/index.html");
    let strip = select_texts(&html, ".facts-strip li");
    assert!(!strip.iter().any(|s| s.contains("Early-Data")), "{strip:?}");
    assert_eq!(fields(&html, "request"), ["Early-Data"]);
    assert!(fields(&html, "response").is_empty());

    // 304: the response's MUSTs in the strip, the conditions it answers in their own table.
    let html = page(&public, "codes/304/index.html");
    let chip = select_texts(&html, ".facts-strip li.fact-headers").join(" ");
    assert!(chip.starts_with("Must send: ETag"), "{chip}");
    assert!(!chip.contains("If-"), "{chip}");
    assert_eq!(
        fields(&html, "request"),
        ["If-None-Match", "If-Modified-Since"]
    );
    assert!(fields(&html, "response").contains(&"Last-Modified".to_owned()));

    // A justified level says why, next to its rule.
    let html = page(&public, "codes/511/index.html");
    let why = select_texts(&html, "#headers + table .justification");
    assert_eq!(why.len(), 1, "{why:?}");
    assert!(why[0].starts_with("Why this level:"), "{why:?}");
}
