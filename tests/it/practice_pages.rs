//! Practice pages built from the valid fixture site's one scenario: the index, the scenario with
//! its options as plain links, a feedback page per option (right or wrong, why, the entries, the
//! comparison page, the next step), the links in from the home page and the header, and
//! `/api/practice.json`.

use crate::common::*;

const SCENARIO: &str = "https://fixture.example.org/practice/expired-token/";

#[test]
#[expect(clippy::too_many_lines, reason = "one scenario walked page by page")]
fn a_scenario_works_as_plain_links_to_feedback_pages() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);

    let index = page(&public, "practice/index.html");
    assert_eq!(
        select_attrs(&index, ".practice-list a", "href"),
        ["/practice/expired-token/"]
    );
    assert_eq!(
        select_attrs(&index, "[data-practice-start]", "href"),
        ["/practice/expired-token/"]
    );

    let scenario = page(&public, "practice/expired-token/index.html");
    assert_eq!(select_texts(&scenario, "h1"), ["Expired token"]);
    assert_eq!(
        select_texts(&scenario, ".practice-situation"),
        [
            "A mobile app calls GET /v1/orders with a bearer token that expired an hour ago. What should the API answer?"
        ]
    );
    assert_eq!(
        select_attrs(&scenario, ".practice-options a", "href"),
        [
            "/practice/expired-token/401/",
            "/practice/expired-token/403/",
            "/practice/expired-token/404/"
        ]
    );
    assert_eq!(
        select_texts(&scenario, ".practice-options a"),
        ["401 Unauthorized", "403 Forbidden", "404 Not Found"]
    );
    // The feedback for answering in place is on the page, hidden until an option is chosen.
    assert_eq!(
        select_attrs(&scenario, "[data-practice-feedback][hidden]", "id"),
        ["feedback-401", "feedback-403", "feedback-404"]
    );
    assert_eq!(
        select_attrs(&scenario, "#practice", "data-answers"),
        ["401"]
    );
    assert_eq!(
        select_attrs(&scenario, "link[rel=canonical]", "href"),
        [SCENARIO]
    );

    let wrong = page(&public, "practice/expired-token/403/index.html");
    assert_eq!(
        select_texts(&wrong, ".practice-verdict"),
        ["Not the best answer: 403 Forbidden."]
    );
    assert_eq!(
        select_texts(&wrong, ".practice-why"),
        [
            "403 says the caller is known and refused; here the token identifies no one (401 vs 403)."
        ]
    );
    assert_eq!(
        select_attrs(&wrong, ".practice-feedback a", "href"),
        [
            "/compare/401-vs-403/",
            "/practice/expired-token/",
            "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
            "/codes/403/",
            "/codes/401/",
            "/compare/401-vs-403/"
        ]
    );
    assert_eq!(
        select_texts(&wrong, ".practice-links a"),
        [
            "The entry for 403 Forbidden",
            "The entry for 401 Unauthorized",
            "Compare: 401 vs 403"
        ]
    );
    // Feedback pages send searchers to the question, and are not in the sitemap.
    assert_eq!(
        select_attrs(&wrong, "link[rel=canonical]", "href"),
        [SCENARIO]
    );
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert_eq!(sitemap.matches("/practice/expired-token/").count(), 1);
    // The set's only scenario is its last: the page says so and leads back to the list.
    assert_eq!(
        select_texts(&wrong, ".practice-next"),
        ["That was the last scenario. All scenarios"]
    );
    assert_eq!(
        select_attrs(&wrong, "[data-practice-retry]", "href"),
        ["/practice/expired-token/"]
    );
    // The answer waits, folded, until the reader asks for it; a right pick has nothing folded.
    assert_eq!(
        select_texts(&wrong, "details.practice-reveal > summary"),
        ["Show the answer"]
    );
    assert_eq!(
        select_texts(&wrong, "details.practice-reveal h3"),
        ["The answer: 401 Unauthorized"]
    );

    let right = page(&public, "practice/expired-token/401/index.html");
    assert_eq!(
        select_texts(&right, ".practice-verdict"),
        ["Right: 401 Unauthorized fits."]
    );
    assert!(select_texts(&right, ".practice-why").is_empty());
    assert!(select_texts(&right, "details.practice-reveal, [data-practice-retry]").is_empty());
    assert_eq!(
        select_texts(&right, ".practice-feedback h3"),
        ["Why 401 fits"]
    );
    // A wrong option with no comparison against the answer lists only the entries.
    let unrelated = page(&public, "practice/expired-token/404/index.html");
    assert_eq!(
        select_texts(&unrelated, ".practice-links a"),
        [
            "The entry for 404 Not Found",
            "The entry for 401 Unauthorized"
        ]
    );

    // The home page and the header lead to the practice.
    let home = page(&public, "index.html");
    assert_eq!(
        select_attrs(&home, ".practice-entry a", "href"),
        ["/practice/"]
    );
    assert!(select_attrs(&scenario, ".site-nav a", "href").contains(&"/practice/".to_owned()));
    assert_eq!(broken_links(&public, "/"), Vec::<String>::new());

    // Search has one practice document: the index.
    let index_file = std::fs::read_dir(&public)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with("search-index."))
        .unwrap();
    let search: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join(index_file)).unwrap()).unwrap();
    let practice: Vec<&serde_json::Value> = (search["docs"].as_array().unwrap().iter())
        .filter(|doc| doc[2] == "practice")
        .collect();
    assert_eq!(practice.len(), 1);
    assert_eq!(practice[0][1], "/practice/");

    // Practice is not in the offline precache (`Route::precached`): scenarios are cached when
    // visited, and feedback pages serve readers without JavaScript, who have no worker. The
    // reference pages are precached.
    let worker = std::fs::read_to_string(public.join("sw.js")).unwrap();
    assert!(!worker.contains("\"/practice/"), "{worker}");
    assert!(worker.contains("\"/codes/401/\""), "{worker}");
}

#[test]
fn the_api_lists_scenarios_with_answers_and_feedback_as_text() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("api/practice.json")).unwrap()).unwrap();
    assert_eq!(json["version"], 1);
    let scenario = &json["scenarios"][0];
    assert_eq!(scenario["slug"], "expired-token");
    assert_eq!(scenario["url"], SCENARIO);
    assert_eq!(scenario["answer"], serde_json::json!([401]));
    assert_eq!(
        scenario["explanation"],
        "The token no longer proves who the caller is (RFC 9110 §15.5.2)."
    );
    assert_eq!(
        scenario["options"][1],
        serde_json::json!({
            "code": 403,
            "right": false,
            "feedback": "403 says the caller is known and refused; here the token identifies no one (401 vs 403).",
            "url": format!("{SCENARIO}403/"),
        })
    );
    assert_eq!(
        scenario["options"][0],
        serde_json::json!({"code": 401, "right": true, "url": format!("{SCENARIO}401/")})
    );
}
