//! The shipped decision trees answer the scenarios real API work brings, walked by answer labels
//! from the start question.

use std::path::PathBuf;

use httpref::model::decide::NodeKind;

/// The start question's answer for conditional requests.
const P: &str =
    "A conditional header (If-None-Match, If-Match…) decides it, or one you require is missing";
const C: &str = "The request is wrong, not allowed or over a limit";
/// The start question's answer for interim (1xx) responses.
const I: &str = "Nothing final yet: the server answers before its final response";

/// (expected code, scenario, answer labels from the start question)
const SCENARIOS: &[(u16, &str, &[&str])] = &[
    (
        201,
        "POST that created a resource",
        &[
            "It succeeded, or the server took on the work",
            "It created a new resource",
        ],
    ),
    (
        202,
        "request accepted for later processing",
        &[
            "It succeeded, or the server took on the work",
            "The work is queued or still running, and may yet fail",
        ],
    ),
    (
        204,
        "DELETE with nothing to return",
        &[
            "It succeeded, or the server took on the work",
            "It's done, and nothing needs to go back in the body",
            "Nothing: keep its current view as it is",
        ],
    ),
    (
        206,
        "partial download (Range request)",
        &[
            "It succeeded, or the server took on the work",
            "It's done, and there is content to send back",
            "Only the byte ranges the client asked for in Range",
        ],
    ),
    (
        308,
        "moved for good, method must be preserved",
        &[
            "The client should go to a different URL",
            "The same resource now lives at another URL",
            "Yes, the old URL is gone for good",
            "Yes, clients send POST, PUT, PATCH or DELETE here",
        ],
    ),
    (
        301,
        "moved for good, plain page move (GET ok)",
        &[
            "The client should go to a different URL",
            "The same resource now lives at another URL",
            "Yes, the old URL is gone for good",
            "No, it's a page fetched with GET; switching to GET is fine",
        ],
    ),
    (
        303,
        "form POST followed by a GET",
        &[
            "The client should go to a different URL",
            "The request was handled; the client should GET a result page",
        ],
    ),
    (
        307,
        "temporary move keeping the method",
        &[
            "The client should go to a different URL",
            "The same resource now lives at another URL",
            "No, the old URL stays the one to use",
            "Yes, the method and body must be kept",
        ],
    ),
    (
        304,
        "cached copy still valid (conditional GET)",
        &[
            P,
            "A GET or HEAD with If-None-Match or If-Modified-Since",
            "Yes, an ETag matches or it hasn't changed since that date",
        ],
    ),
    (
        400,
        "malformed JSON",
        &[
            C,
            "The message: its body, URL, headers or delivery",
            "The body",
            "It doesn't parse, such as malformed JSON",
        ],
    ),
    (
        401,
        "missing or expired token",
        &[
            C,
            "The caller: credentials, permissions or request rate",
            "No credentials, or invalid or expired ones",
        ],
    ),
    (
        403,
        "valid token without the needed role",
        &[
            C,
            "The caller: credentials, permissions or request rate",
            "Valid credentials, but this caller may not do this",
            "Yes, it may know the resource exists",
        ],
    ),
    (
        404,
        "resource that must stay secret (hide existence)",
        &[
            C,
            "The caller: credentials, permissions or request rate",
            "Valid credentials, but this caller may not do this",
            "No, its existence must stay hidden",
        ],
    ),
    (
        405,
        "method the resource does not support",
        &[
            C,
            "The target: the URL, the resource or the method",
            "It exists, but not for this method",
            "Yes, just not for this resource",
        ],
    ),
    (
        409,
        "duplicate e-mail at sign-up",
        &[
            C,
            "The resource's current state: the request clashes with it",
            "A unique value, like an e-mail address, is taken",
        ],
    ),
    (
        412,
        "edit that lost a race (stale ETag in If-Match)",
        &[
            P,
            "A write with If-Match, If-Unmodified-Since or If-None-Match",
            "No, the ETag or date is stale, or If-None-Match found a resource",
        ],
    ),
    (
        428,
        "server requires a conditional request (no If-Match)",
        &[
            P,
            "A write with no precondition, where your API requires one",
        ],
    ),
    (
        422,
        "well-formed body that fails validation",
        &[
            C,
            "The message: its body, URL, headers or delivery",
            "The body",
            "It parses, but values fail validation",
        ],
    ),
    (
        415,
        "unsupported Content-Type",
        &[
            C,
            "The message: its body, URL, headers or delivery",
            "The body",
            "Its Content-Type or Content-Encoding isn't one you accept",
        ],
    ),
    (
        413,
        "body too large",
        &[
            C,
            "The message: its body, URL, headers or delivery",
            "The body",
            "It's larger than this endpoint accepts",
        ],
    ),
    (
        429,
        "client over its rate limit",
        &[
            C,
            "The caller: credentials, permissions or request rate",
            "It sends more requests than its limit allows",
        ],
    ),
    (
        451,
        "content blocked for legal reasons",
        &[
            C,
            "The target: the URL, the resource or the method",
            "It exists, but a legal demand stops you serving it",
        ],
    ),
    (
        410,
        "resource gone for good",
        &[
            C,
            "The target: the URL, the resource or the method",
            "Nothing exists at this URL",
            "Yes, it was removed and won't come back",
        ],
    ),
    (
        500,
        "unhandled exception",
        &[
            "The server, or a server behind it, failed",
            "Your own code, configuration or storage failed",
            "Something you didn't anticipate: an exception, a bug, a bad config",
        ],
    ),
    (
        503,
        "planned maintenance",
        &[
            "The server, or a server behind it, failed",
            "The service is down for now: maintenance, overload or start-up",
        ],
    ),
    (
        502,
        "upstream answered garbage",
        &[
            "The server, or a server behind it, failed",
            "An upstream server that your gateway or proxy called",
            "It answered with something invalid or unusable",
        ],
    ),
    (
        504,
        "upstream timed out",
        &[
            "The server, or a server behind it, failed",
            "An upstream server that your gateway or proxy called",
            "It took the request but didn't answer in time",
        ],
    ),
    (
        501,
        "method the server does not implement at all",
        &[
            "The server, or a server behind it, failed",
            "The server lacks a feature the request needs",
            "The request method, for every resource",
        ],
    ),
    (
        200,
        "plain successful GET",
        &[
            "It succeeded, or the server took on the work",
            "It's done, and there is content to send back",
            "The whole resource or the result of the operation",
        ],
    ),
    (
        100,
        "upload headers sent with Expect: 100-continue, body welcome",
        &[
            I,
            "The client sent Expect: 100-continue and may now send its body",
        ],
    ),
    (
        101,
        "WebSocket handshake over HTTP/1.1 accepted",
        &[
            I,
            "The client asked in Upgrade to switch protocols, and you agree",
        ],
    ),
    (
        103,
        "preload hints while the page is rendered",
        &[
            I,
            "Hints, such as Link preloads, to use while the final response is prepared",
        ],
    ),
];

#[test]
fn every_scenario_reaches_its_code() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let site = httpref::load::content(&root, &httpref::LoadOptions::default())
        .expect("shipped content loads");
    let mut failures = Vec::new();
    for (code, scenario, labels) in SCENARIOS {
        match site.trees.walk(labels).map(|node| &node.kind) {
            Some(NodeKind::Result(result)) if result.code.get() == *code => {}
            Some(NodeKind::Result(result)) => {
                failures.push(format!("{scenario}: got {} instead of {code}", result.code))
            }
            Some(NodeKind::Question { text, .. }) => {
                failures.push(format!("{scenario}: stopped at the question {text:?}"))
            }
            None => failures.push(format!("{scenario}: a label did not match any answer")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_code_reachable_from_the_trees_has_an_entry_and_a_way_back() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let site = httpref::load::content(&root, &httpref::LoadOptions::default())
        .expect("shipped content loads");
    for tree in site.trees.0.values() {
        for node in &tree.nodes {
            if let NodeKind::Result(result) = &node.kind {
                assert!(
                    site.codes.contains_key(&result.code),
                    "{} has no entry",
                    result.code
                );
                assert!(
                    !site.trees.walks_to(result.code, 1).is_empty(),
                    "no walk from the start reaches {}",
                    result.code
                );
            }
        }
    }
}
