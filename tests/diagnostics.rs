//! One invalid fixture per failure mode: `check` and `build` exit 1 and name the file, line,
//! column and field of every problem. The full reports are snapshots (tests/snapshots/).

mod common;

use std::path::Path;

use common::*;

/// Runs `check` on the valid fixture with `case` laid over it; returns stderr.
fn check_case(site: &Path) -> String {
    let out = httpref(site, &["check", "--root", "."]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "check should fail:\n{err}");
    assert!(
        stdout(&out).is_empty(),
        "nothing on stdout when check fails"
    );
    assert!(!site.join("public").exists(), "check never writes");
    err
}

/// Asserts each `path:line:col: error: message` prefix appears at the start of a line.
fn assert_locations(report: &str, expected: &[&str]) {
    for prefix in expected {
        assert!(
            report.lines().any(|l| l.starts_with(prefix)),
            "missing `{prefix}` in:\n{report}"
        );
    }
    let count = report.lines().filter(|l| l.contains(": error: ")).count();
    assert_eq!(
        count,
        expected.len(),
        "unexpected number of problems in:\n{report}"
    );
}

fn case(name: &str, expected: &[&str]) {
    let site = fixture_site(&[name]);
    let report = check_case(site.path());
    assert_locations(&report, expected);
    insta::assert_snapshot!(name, report);

    // `build` reports the same problems and writes nothing.
    let out = httpref(site.path(), &["build", "--root", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), report);
    assert!(!site.path().join("public").exists());
}

#[test]
fn malformed_yaml() {
    // The parser gives up on line 4; the mistake is the `[` on line 3.
    case(
        "malformed-yaml",
        &["content/codes/404.md:3:7: error: list is not closed: this `[` has no closing `]`"],
    );
}

#[test]
fn missing_front_matter() {
    case(
        "missing-front-matter",
        &["content/codes/404.md:1:1: error: missing front matter"],
    );
}

#[test]
fn missing_fields_are_all_reported() {
    case(
        "missing-field",
        &[
            "content/codes/404.md:2:1: error: missing field `name` [field `name`]",
            "content/codes/404.md:2:1: error: missing field `summary` [field `summary`]",
        ],
    );
}

#[test]
fn unknown_fields_get_did_you_mean() {
    let site = fixture_site(&["unknown-field"]);
    let report = check_case(site.path());
    assert_locations(
        &report,
        &[
            "content/codes/404.md:3:1: error: unknown field `nmae` [field `nmae`]",
            "content/codes/404.md:11:1: error: unknown field `alias` [field `alias`]",
        ],
    );
    assert!(report.contains("help: did you mean `name`?"), "{report}");
    assert!(report.contains("help: did you mean `aliases`?"), "{report}");
    insta::assert_snapshot!("unknown-field", report);
}

#[test]
fn wrong_types_point_at_the_value() {
    case(
        "wrong-type",
        &[
            "content/codes/404.md:8:14: error: wrong type: found floating point `15.5` [field `spec[0].section`]",
            "content/codes/404.md:10:16: error: wrong type: found string \"abc\" [field `related[1]`]",
        ],
    );
}

#[test]
fn unknown_enum_value_gets_did_you_mean() {
    case(
        "unknown-value",
        &["content/codes/404.md:5:9: error: `standrad` is not an allowed value [field `status`]"],
    );
}

#[test]
fn code_must_match_file_name() {
    case(
        "code-mismatch",
        &[
            "content/codes/404.md:2:7: error: code 405 does not match the file name 404.md [field `code`]",
        ],
    );
}

#[test]
fn duplicate_code() {
    case(
        "duplicate-code",
        &["content/codes/archive/404.md:2:7: error: duplicate code 404 [field `code`]"],
    );
}

#[test]
fn code_outside_the_valid_range() {
    case(
        "code-out-of-range",
        &["content/codes/600.md:2:7: error: code 600 is outside 100–599 [field `code`]"],
    );
}

#[test]
fn expiry_date_must_be_on_the_calendar() {
    // Written YYYY-MM-DD, but February 2026 has no 30th; the registry comparison stays quiet.
    case(
        "impossible-expiry-date",
        &[
            "content/codes/419.md:6:10: error: `2026-02-30` is not a date: February 2026 has 28 days [field `expires`]",
        ],
    );
}

#[test]
fn related_code_without_entry() {
    case(
        "unknown-related-code",
        &["content/codes/404.md:10:16: error: no entry for code 498 [field `related[1]`]"],
    );
}

#[test]
fn markdown_link_to_code_without_entry() {
    case(
        "unknown-link-code",
        &["content/codes/404.md:19:27: error: link to unknown code `409`"],
    );
}

#[test]
fn template_render_error_names_template_and_entry() {
    let site = fixture_site(&["template-render-error"]);
    let report = check_case(site.path());
    let first = report.lines().find(|l| l.contains(": error: ")).unwrap();
    assert!(first.starts_with("templates/code.html:4:"), "{report}");
    assert!(
        first.contains("(while rendering content/codes/"),
        "{report}"
    );
    // Reported once, not once per code page.
    assert_eq!(
        report.lines().filter(|l| l.contains(": error: ")).count(),
        1,
        "{report}"
    );
    insta::assert_snapshot!("template-render-error", report);
}

#[test]
fn template_syntax_error() {
    case("template-syntax-error", &["templates/class.html:4:"]);
}

#[test]
fn non_utf8_file() {
    case(
        "non-utf8",
        &["content/codes/404.md:4:22: error: file is not valid UTF-8 (invalid byte 0xFF)"],
    );
}

#[test]
fn invalid_base_url() {
    case(
        "invalid-base-url",
        &["content/site.yaml:3:11: error: invalid base URL `fixture.example.org`"],
    );
}

#[test]
fn invalid_repository() {
    case(
        "invalid-repository",
        &[
            "content/site.yaml:6:8: error: `https://github.com/fixture/reference?x=\"><script>` is not a repository address",
            "content/site.yaml:7:11: error: `-main` is not a branch name",
        ],
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    let site = fixture_site(&[]);
    std::os::unix::fs::symlink(
        "does-not-exist.md",
        site.path().join("content/codes/402.md"),
    )
    .unwrap();
    let report = check_case(site.path());
    assert_locations(
        &report,
        &["content/codes/402.md:1:1: error: cannot read file:"],
    );
}

#[test]
fn every_problem_in_every_file_is_reported_in_one_run() {
    case(
        "many-problems",
        &[
            "content/codes/401.md:10:16: error: no entry for code 402 [field `related[1]`]",
            "content/codes/404.md:3:1: error: unknown field `nmae` [field `nmae`]",
            "content/compare/401-vs-403.md:4:8: error: a comparison needs at least two codes [field `codes`]",
            "content/compare/401-vs-403.md:6:5: error: link to unknown code `498`",
            "content/site.yaml:3:11: error: invalid base URL `fixture.example.org`",
            "templates/class.html:4:",
        ],
    );
}

#[test]
fn entries_must_agree_with_the_registry_copy() {
    case(
        "registry-mismatch",
        &[
            "content/codes/401.md:7:5: error: the defining reference disagrees with the IANA registry [field `spec[0]`]",
            "content/codes/404.md:3:7: error: name `Not Found` does not match the IANA registry [field `name`]",
            "content/codes/503.md:5:9: error: code 503 is not in the IANA registry [field `status`]",
            "content/iana-status-codes.csv:12:1: error: registered code 402 `Payment Required` has no entry",
        ],
    );
}

#[test]
fn first_steps_are_sentences() {
    case(
        "first-steps-empty",
        &[
            "content/codes/500.md:17:8: error: `first_steps.api` is not one sentence on one line [field `first_steps.api`]",
        ],
    );
}

#[test]
fn registry_note_needs_a_display_name() {
    // 418's registry name is "(Unused)", which nobody says; the entry must give "I'm a teapot".
    case(
        "registry-note-without-display-name",
        &[
            "content/codes/418.md:3:7: error: `(Unused)` is the registry's note, not a name people use [field `name`]",
        ],
    );
}

#[test]
fn unofficial_code_must_name_its_vendor() {
    case(
        "unofficial-without-vendor",
        &[
            "content/codes/499.md:5:9: error: an unofficial code must name the vendor that emits it [field `status`]",
        ],
    );
}

#[test]
fn header_requirement_needs_a_level_and_a_source() {
    case(
        "header-without-level-or-source",
        &[
            "content/codes/401.md:21:5: error: missing field `level` [field `headers[0].level`]",
            "content/codes/401.md:21:5: error: missing field `spec` [field `headers[0].spec`]",
        ],
    );
}

#[test]
fn required_sections_must_exist_and_have_content() {
    case(
        "missing-section",
        &[
            "content/codes/404.md:17:1: error: missing section `## How clients should handle it`",
            "content/codes/404.md:21:1: error: section `## When to use it` is empty",
        ],
    );
}

#[test]
fn decision_answer_leading_nowhere() {
    let site = fixture_site(&["decide-dangling"]);
    let report = check_case(site.path());
    assert_locations(
        &report,
        &[
            "content/decide/client-error.yaml:19:15: error: node `secret`: answer `No` leads to `forbiden`, which does not exist [field `nodes[1].answers[1].goto`]",
            "content/decide/client-error.yaml:25:9: error: node `forbidden`: not reachable from the tree's root `what` [field `nodes[3].id`]",
        ],
    );
    assert!(
        report.contains("help: did you mean `forbidden`?"),
        "{report}"
    );
    insta::assert_snapshot!("decide-dangling", report);
}

#[test]
fn decision_cycle() {
    case(
        "decide-cycle",
        &[
            "content/decide/client-error.yaml:19:15: error: node `secret`: answer `No` closes a cycle: client-error/secret → client-error/what → client-error/secret [field `nodes[1].answers[1].goto`]",
            "content/decide/client-error.yaml:25:9: error: node `forbidden`: not reachable from the tree's root `what` [field `nodes[3].id`]",
        ],
    );
}

#[test]
fn decision_node_not_reachable_from_root() {
    case(
        "decide-unreachable",
        &[
            "content/decide/client-error.yaml:36:9: error: node `orphan`: not reachable from the tree's root `what` [field `nodes[5].id`]",
        ],
    );
}

#[test]
fn decision_question_with_one_answer() {
    case(
        "decide-one-answer",
        &[
            "content/decide/client-error.yaml:15:5: error: node `secret`: a question needs at least two answers, found 1 [field `nodes[1].answers`]",
        ],
    );
}

#[test]
fn decision_result_code_without_entry() {
    case(
        "decide-unknown-code",
        &[
            "content/decide/client-error.yaml:27:13: error: node `forbidden`: result code 402 has no entry [field `nodes[3].result.code`]",
        ],
    );
}

#[test]
fn decision_confusable_codes_need_an_entry_and_a_reason() {
    case(
        "decide-confusable",
        &[
            "content/decide/client-error.yaml:33:17: error: node `forbidden`: confusable code 402 has no entry [field `nodes[3].result.confusable[1].code`]",
            "content/decide/client-error.yaml:36:19: error: node `forbidden`: the confusable code has no reason [field `nodes[3].result.confusable[2].reason`]",
        ],
    );
}

#[test]
fn decision_result_reference_names_one_document() {
    // A result's `spec` follows the rules of every other reference (it used to go unchecked).
    case(
        "decide-bad-reference",
        &[
            "content/decide/client-error.yaml:29:13: error: node `forbidden`: a reference needs exactly one of `rfc`, `draft` or `url` [field `nodes[3].result.spec`]",
        ],
    );
}

#[test]
fn decision_duplicate_node_id() {
    case(
        "decide-duplicate-id",
        &[
            "content/decide/client-error.yaml:36:9: error: node `forbidden`: duplicate node id [field `nodes[5].id`]",
        ],
    );
}

#[test]
fn check_also_checks_anchors_in_the_rendered_pages() {
    let site = fixture_site(&["broken-anchor"]);
    let report = check_case(site.path());
    assert_locations(
        &report,
        &[
            "content/codes/404.md:19:49: error: link to `/codes/401/#no-such-section`: that page has no element with id `no-such-section`",
        ],
    );
    insta::assert_snapshot!("broken-anchor", report);
    // The build itself does not check links; `check` is the gate for pull requests.
    assert!(
        httpref(site.path(), &["build", "--root", "."])
            .status
            .success()
    );
}

#[test]
fn github_format_prints_annotations() {
    let site = fixture_site(&["many-problems"]);
    let out = httpref(site.path(), &["check", "--root", ".", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert_eq!(lines.len(), 6, "{lines:#?}");
    assert!(
        lines.iter().all(|l| l.starts_with("::error file=")),
        "{lines:#?}"
    );
    assert_eq!(
        lines[1],
        "::error file=content/codes/404.md,line=3,col=1,title=httpref check%3A nmae::unknown field `nmae`%0Aexpected: one of `code`, `name`, `display_name`, `summary`, `status`, `expires`, `spec`, `related`, `aliases`, `former_names`, `content`, `caching`, `retry`, `first_steps`, `headers`, `constants`, `vendor_uses`%0Ahint: did you mean `name`?"
    );
    insta::assert_snapshot!("github-format", stdout(&out));
}

#[test]
fn unreadable_template_is_reported_once_without_knock_on_errors() {
    // Every page template extends base.html; none of them is reported as broken because of it,
    // and base.html is not also "missing".
    case(
        "template-not-utf8",
        &["templates/base.html:3:11: error: file is not valid UTF-8 (invalid byte 0xE9)"],
    );
}

#[test]
fn a_broken_tree_file_adds_no_errors_to_other_trees() {
    // start.yaml leads into client-error/what; that answer is not reported as dangling.
    case(
        "decide-broken-file",
        &[
            "content/decide/client-error.yaml:3:7: error: list is not closed: this `[` has no closing `]`",
        ],
    );
}

#[test]
fn a_content_folder_that_cannot_be_listed_is_reported_once() {
    // Tests run as root here, so permissions cannot make a folder unreadable: a file where the
    // folder should be fails the same way. Links to comparisons (401.md has one) are not
    // reported as broken, since nobody can tell which comparisons exist.
    let site = fixture_site(&[]);
    let compare = site.path().join("content/compare");
    std::fs::remove_dir_all(&compare).unwrap();
    std::fs::write(&compare, "not a folder\n").unwrap();
    let report = check_case(site.path());
    assert_locations(
        &report,
        &["content/compare:1:1: error: this is not a folder"],
    );
    insta::assert_snapshot!("content-folder-not-listable", report);
}

#[test]
fn comparisons_and_guides_have_their_sections_in_order_and_none_empty() {
    case(
        "page-sections",
        &[
            "content/compare/401-vs-403.md:6:1: error: section `## Which one should I use?` is out of order",
            "content/compare/401-vs-403.md:14:1: error: section `## Side by side` is empty",
            "content/guides/error-bodies.md:5:1: error: section `## Problem details` is empty",
        ],
    );
}

#[test]
fn a_duplicate_key_is_reported_at_the_repeat() {
    case(
        "duplicate-key",
        &[
            "content/codes/404.md:12:1: error: duplicate field `name` [field `name`]",
            "content/codes/404.md:17:3: error: duplicate field `when` [field `retry.when`]",
        ],
    );
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    // The YAML parser itself gives up at 8:15, where the runaway string ends.
    case(
        "unclosed-quote",
        &[
            "content/codes/404.md:4:10: error: quoted text is not closed: this `\"` has no closing `\"`",
        ],
    );
}

#[test]
fn an_unclosed_quote_with_a_quote_on_a_later_line_is_reported_where_it_opens() {
    // The runaway text ends at the next `'`, three lines on, where the parser gives up.
    case(
        "unclosed-quote-late",
        &[
            "content/codes/404.md:13:10: error: quoted text is not closed: this `'` has no closing `'`",
        ],
    );
}

#[test]
fn an_unclosed_brace_is_reported_where_it_opens() {
    case(
        "unclosed-brace",
        &["content/codes/404.md:7:5: error: mapping is not closed: this `{` has no closing `}`"],
    );
}

#[test]
fn a_duplicate_key_in_an_inline_mapping_is_reported_at_the_repeat() {
    case(
        "duplicate-key-inline",
        &[
            "content/codes/404.md:7:61: error: duplicate field `rfc` [field `spec[0].rfc`]",
            "content/codes/404.md:10:1: error: duplicate field `related` [field `related`]",
        ],
    );
}

#[test]
fn every_bad_item_of_a_list_is_reported_at_its_own_column() {
    case(
        "bad-list-items",
        &[
            "content/codes/404.md:10:16: error: wrong type: found floating point `1e308` [field `related[1]`]",
            "content/codes/404.md:10:23: error: wrong value: found integer `-5` [field `related[2]`]",
        ],
    );
}

#[test]
fn a_control_character_is_reported_where_it_is() {
    case(
        "control-character",
        &["content/codes/404.md:3:10: error: control character U+0000 (NUL) is not allowed"],
    );
}

#[test]
fn a_code_that_is_not_a_status_code_says_what_a_code_is() {
    let site = fixture_site(&["not-a-status-code"]);
    let report = check_case(site.path());
    assert_locations(
        &report,
        &[
            "content/codes/0.md:2:1: error: file name `0.md` is not a status code",
            "content/codes/0.md:2:7: error: code 0 is outside 100–599 [field `code`]",
            "content/codes/401.md:2:7: error: wrong type: found string \"10^32\" [field `code`]",
            "content/codes/404.md:2:7: error: wrong value: found integer `-404` [field `code`]",
        ],
    );
    // Each message says what a code must be.
    let notes = report
        .lines()
        .filter(|l| l.contains("note: expected a three-digit status code from 100 to 599"))
        .count()
        + report
            .lines()
            .filter(|l| l.contains("note: expected a file named after its code, a three-digit status code from 100 to 599"))
            .count();
    assert_eq!(notes, 4, "{report}");
    insta::assert_snapshot!("not-a-status-code", report);
}

#[test]
fn example_malformed_start_line() {
    case(
        "example-malformed-start-line",
        &[
            "content/codes/404.md:28:1: error: malformed request line `GET /fixture page HTTP/1.1`",
            "content/codes/404.md:33:1: error: malformed status line `HTTP/1.1 40 Not Found`",
        ],
    );
}

#[test]
fn example_malformed_header_in_a_list_item() {
    // The block is indented inside a list item: the column is that of the line's text.
    case(
        "example-malformed-header",
        &[
            "content/guides/error-bodies.md:15:3: error: `Content-Type application/problem+json` is not a header line",
            "content/guides/error-bodies.md:16:3: error: malformed header line `Content Language: en`",
        ],
    );
}

#[test]
fn example_request_body_without_length() {
    case(
        "example-body-without-length",
        &[
            "content/compare/401-vs-403.md:21:1: error: this request has a body but no `Content-Length` or `Transfer-Encoding`",
        ],
    );
}

#[test]
fn example_content_length_mismatch() {
    case(
        "example-content-length-mismatch",
        &[
            "content/codes/404.md:35:1: error: `Content-Length: 24` but the body shown is 20 bytes",
            "content/codes/404.md:45:1: error: `Content-Length: 48211` but no body is shown",
        ],
    );
}

#[test]
fn example_body_on_bodiless_response() {
    case(
        "example-body-on-bodiless",
        &[
            "content/codes/204.md:34:1: error: a 204 response must not carry `Content-Length`",
            "content/codes/204.md:36:1: error: a 204 response cannot have a body",
        ],
    );
}

#[test]
fn invented_constant() {
    // The name is checked against content/libraries/python.tsv, generated from CPython's source.
    case(
        "invented-constant",
        &[
            "content/codes/401.md:26:11: error: `HTTPStatus.UNAUTHORISED` is not a constant of Python http.HTTPStatus [field `constants.python`]",
        ],
    );
}

#[test]
fn removed_constant_presented_as_current() {
    case(
        "removed-constant",
        &[
            "content/codes/420.md:9:11: error: `HttpStatus.METHOD_FAILURE` was removed in Spring 7.0.0 [field `constants.spring`]",
        ],
    );
}

#[test]
fn citation_of_an_invented_section() {
    // With a title, the hint names the section that has it; without, the nearest number.
    case(
        "citation-invented-section",
        &[
            "content/codes/404.md:10:27: error: RFC 9110 has no section 15.5.55 [field `spec[1].section`]",
            "content/codes/404.md:21:33: error: RFC 9110 has no section 8.33 [field `headers[0].spec.section`]",
        ],
    );
}

#[test]
fn citation_with_a_wrong_title() {
    case(
        "citation-wrong-title",
        &[
            "content/codes/404.md:9:12: error: RFC 9110 §15.5.5 is titled `404 Not Found`, not `Not Found` [field `spec[0].title`]",
        ],
    );
}

#[test]
fn citation_of_an_rfc_without_an_index() {
    case(
        "citation-no-index",
        &[
            "content/codes/404.md:13:37: error: RFC 7231 has no section index, so this citation cannot be checked [field `former_names[0].spec.rfc`]",
        ],
    );
}

#[test]
fn section_links_in_bodies_are_checked() {
    // A link to a whole RFC (no #section-) is not a section citation and needs no index; a link
    // whose text names another section than its anchor is reported at the text.
    case(
        "citation-bad-link",
        &[
            "content/codes/404.md:20:21: error: link: RFC 9110 has no section 15.5.55",
            "content/codes/404.md:21:19: error: link: RFC 7231 has no section index, so this citation cannot be checked",
            "content/codes/404.md:23:22: error: the link text `RFC 9110 §15.5.4` does not match where it goes: RFC 9110 §15.5.5 (`404 Not Found`)",
        ],
    );
}

#[test]
fn compat_extract_naming_a_code_without_a_page() {
    case(
        "compat-code-without-page",
        &[
            "content/compat/http-status.json:7:5: error: browser support for 103, which has no page [field `status.103`]",
        ],
    );
}

#[test]
fn compat_extract_that_is_not_bcd() {
    // The site's own API file for 308, put where the extract belongs.
    case(
        "compat-not-bcd",
        &[
            "content/compat/http-status.json:2:14: error: not a browser-compat extract: invalid type: integer `1`, expected a string",
        ],
    );
}

#[test]
fn header_field_without_an_entry() {
    case(
        "header-missing-entry",
        &[
            "content/codes/401.md:25:11: error: header field `Retry-After` has no entry [field `headers[1].name`]",
        ],
    );
}

#[test]
fn header_entry_named_for_another_field() {
    case(
        "header-name-mismatch",
        &[
            "content/headers/www-authenticate.md:2:7: error: header name `Proxy-Authenticate` does not match the file name www-authenticate.md [field `name`]",
        ],
    );
}

#[test]
fn header_entry_with_an_unknown_field() {
    let site = fixture_site(&["header-unknown-field"]);
    let report = check_case(site.path());
    assert_locations(
        &report,
        &["content/headers/www-authenticate.md:4:1: error: unknown field `syntx` [field `syntx`]"],
    );
    assert!(report.contains("help: did you mean `syntax`?"), "{report}");
    insta::assert_snapshot!("header-unknown-field", report);
}

/// Each practice fixture replaces (or adds to) the valid site's one scenario with one fault.
#[test]
fn practice_scenarios() {
    let file = "content/practice/expired-token.yaml";
    let cases: &[(&str, String)] = &[
        ("practice-too-few-options", format!("{file}:8:1: error: 2 options [field `options`]")),
        (
            "practice-answer-not-offered",
            format!("{file}:5:15: error: answer 500 is not among the options [field `answer[1]`]"),
        ),
        (
            "practice-wrong-option-without-feedback",
            format!("{file}:12:11: error: option 404 is wrong and has no feedback [field `options[2].code`]"),
        ),
        (
            "practice-right-option-with-feedback",
            format!("{file}:10:15: error: option 401 is a right answer and has feedback [field `options[0].feedback`]"),
        ),
        (
            "practice-duplicate-option",
            format!("{file}:12:11: error: option 403 is offered twice [field `options[2].code`]"),
        ),
        (
            "practice-code-without-entry",
            format!("{file}:12:11: error: 402 has no entry [field `options[2].code`]"),
        ),
        (
            "practice-unknown-rfc-section",
            format!("{file}:7:69: error: link: RFC 9110 has no section 15.5.99"),
        ),
        (
            "practice-no-citation",
            format!("{file}:6:14: error: the explanation cites no section [field `explanation`]"),
        ),
        (
            "practice-raw-html",
            format!("{file}:3:46: error: raw HTML `<b>` is not allowed in content [field `scenario`]"),
        ),
        (
            "practice-unknown-comparison",
            format!("{file}:11:92: error: link to unknown comparison `401-vs-999` [field `options[1].feedback`]"),
        ),
        (
            "practice-not-kebab",
            "content/practice/Not_Kebab.yaml:1:1: error: `Not_Kebab.yaml` is not a valid scenario name".to_owned(),
        ),
        (
            "practice-duplicate-title",
            "content/practice/revoked-token.yaml:1:8: error: same title as expired-token.yaml [field `title`]".to_owned(),
        ),
        (
            "practice-walk-label-mismatch",
            format!("{file}:16:5: error: no answer of the question \"What is wrong with the request?\" reads \"The client is not authenticated\" [field `walk[1]`]"),
        ),
        (
            "practice-walk-reaches-other-code",
            format!("{file}:17:5: error: the walk reaches 403, which is not an acceptable answer [field `walk[2]`]"),
        ),
        (
            "practice-walk-stops-at-question",
            format!("{file}:15:5: error: the walk stops at the question \"What is wrong with the request?\" [field `walk[0]`]"),
        ),
        (
            "practice-unknown-field",
            format!("{file}:14:1: error: unknown field `hint` [field `hint`]"),
        ),
    ];
    for (name, expected) in cases {
        case(name, &[expected.as_str()]);
    }
}

// Bounds and messages of the bounded-by-construction round: each fixture fails on the code
// before it (a crash, a runaway, or a report in the wrong place or words).

#[test]
fn a_yaml_alias_bomb_stops_at_the_alias_bound() {
    case(
        "yaml-alias-bomb",
        &["content/codes/404.md:15:47: error: aliases copy more than 10000 values in one file"],
    );
}

#[test]
fn a_mapping_with_too_many_fields_stops_at_the_bound() {
    case(
        "yaml-too-many-fields",
        &["content/codes/404.md:1013:3: error: more than 1000 fields in one mapping"],
    );
}

#[test]
fn values_nested_too_deep_stop_at_the_bound() {
    case(
        "yaml-too-deep",
        &["content/codes/404.md:12:38: error: values nest more than 32 levels deep"],
    );
}

#[test]
fn a_file_lists_fifty_problems_and_counts_the_rest() {
    let site = fixture_site(&["many-repeated-keys"]);
    let report = check_case(site.path());
    // An unknown field and 60 repeated keys: 50 listed, then one line for the other 11.
    assert_eq!(
        report
            .lines()
            .filter(|l| l.contains(": error: duplicate field `rfc`"))
            .count(),
        49,
        "{report}"
    );
    assert!(
        report.lines().any(|l| l
            .starts_with("content/codes/404.md:61:18: error: and 11 more problems in this file")),
        "{report}"
    );
    assert!(
        report.starts_with("== content/codes/404.md (61 problems)"),
        "{report}"
    );
    assert!(
        report.trim_end().ends_with("61 problems found in 1 file"),
        "{report}"
    );
}

#[test]
fn a_tab_in_yaml_indentation_is_reported_at_the_tab() {
    case(
        "yaml-tab-indent",
        &["content/codes/404.md:15:1: error: tab in indentation: YAML indents with spaces only"],
    );
}

#[test]
fn lone_carriage_returns_are_named_as_such() {
    case(
        "cr-line-ends",
        &["content/codes/404.md:1:4: error: line break is a lone carriage return (CR)"],
    );
}

#[test]
fn an_out_of_range_number_gets_its_range() {
    let site = fixture_site(&["number-out-of-range"]);
    let report = check_case(site.path());
    assert_locations(
        &report,
        &[
            "content/codes/404.md:7:10: error: wrong value: found integer `99999999999` [field `spec[0].rfc`]",
        ],
    );
    assert!(
        report.contains("expected a whole number from 0 to 4294967295"),
        "{report}"
    );
    assert!(
        report.contains("the number is out of range for this field"),
        "{report}"
    );
}

#[test]
fn control_characters_in_a_body_are_refused_where_they_are() {
    case(
        "control-character-body",
        &[
            "content/codes/404.md:23:17: error: control character U+0000 (NUL) is not allowed",
            "content/codes/404.md:23:43: error: control character U+001B (escape) is not allowed",
        ],
    );
}

#[test]
fn an_empty_site_yaml_is_called_an_empty_file() {
    case(
        "empty-site-yaml",
        &["content/site.yaml:1:1: error: the file must be a mapping of fields"],
    );
}

#[test]
fn raw_html_in_a_tree_explanation_is_reported_at_its_line() {
    case(
        "decide-explanation-raw-html",
        &[
            "content/decide/start.yaml:9:26: error: node `outcome`: raw HTML `<script>` is not allowed in content",
        ],
    );
}

#[test]
fn a_cycle_through_two_trees_is_reported_in_both() {
    case(
        "decide-cycle-across-trees",
        &[
            "content/decide/client-error.yaml:17:15: error: node `secret`: answer `Yes, hide that it exists` closes a cycle: client-error/secret → start/outcome → client-error/what → client-error/secret",
            "content/decide/client-error.yaml:30:9: error: node `hidden`: not reachable",
            "content/decide/start.yaml:13:15: error: node `outcome`: answer `No, the client got something wrong` closes a cycle: start/outcome → client-error/what → client-error/secret → start/outcome",
        ],
    );
}

#[test]
fn an_unclosed_template_block_is_reported_where_it_opens() {
    case(
        "template-unclosed-block",
        &["templates/code.html:3:25: error: template syntax error: `{% if %}` is not closed"],
    );
}

#[test]
fn a_template_over_its_render_budget_stops_with_the_template_and_the_page() {
    let site = fixture_site(&["template-render-budget"]);
    let started = std::time::Instant::now();
    let report = check_case(site.path());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "stopped in time"
    );
    let problems: Vec<&str> = report.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(problems.len(), 1, "{report}");
    // The inner loop crosses the bound: its iteration count, or in a slow (debug) build the
    // page's time.
    assert!(
        problems[0].starts_with(
            "templates/code.html:2:76: error: template error: render budget exceeded: "
        ),
        "{report}"
    );
    assert!(
        problems[0].contains("(while rendering content/codes/"),
        "{report}"
    );
}

#[test]
fn list_comprehensions_are_refused_in_templates() {
    case(
        "template-list-comprehension",
        &["templates/code.html:2:26: error: list comprehensions are not allowed in templates"],
    );
}

#[test]
fn a_header_name_that_cannot_be_a_file_name_gets_no_rename_hint() {
    let site = fixture_site(&["header-name-not-a-file-name"]);
    let report = check_case(site.path());
    assert!(
        report.contains("does not match the file name www-authenticate.md"),
        "{report}"
    );
    assert!(!report.contains("rename the file to"), "{report}");
}

#[test]
fn level_stronger_than_the_cited_text() {
    case(
        "level-stronger-than-text",
        &[
            "content/codes/401.md:22:12: error: level stronger than the text: the rule says MUST for `WWW-Authenticate`, but RFC 9110 §11.4 says SHOULD: «Upon receipt of a request",
        ],
    );
}

#[test]
fn level_weaker_than_the_cited_text() {
    case(
        "level-weaker-than-text",
        &[
            "content/codes/401.md:22:12: error: level weaker than the text: the rule says SHOULD for `WWW-Authenticate`, but RFC 9110 §15.5.2 says MUST: «The server generating a 401 response MUST send",
        ],
    );
}

#[test]
fn convention_where_the_cited_text_says_must() {
    case(
        "level-convention-against-must",
        &[
            "content/codes/401.md:22:12: error: `WWW-Authenticate` is a convention here, but RFC 9110 §15.5.2 says MUST: «The server generating a 401 response",
        ],
    );
}

#[test]
fn level_citing_a_section_that_never_names_the_field() {
    case(
        "level-field-not-named",
        &[
            "content/codes/401.md:24:33: error: RFC 9110 §15.5.4 has no BCP 14 sentence that names `WWW-Authenticate` [field `headers[0].spec.section`]",
        ],
    );
}

#[test]
fn justification_with_nothing_to_justify() {
    case(
        "level-needless-justification",
        &[
            "content/codes/401.md:25:20: error: a justification, but the cited section supports this level as it stands [field `headers[0].justification`]",
        ],
    );
}

#[test]
fn example_date_with_the_wrong_weekday() {
    case(
        "example-wrong-weekday",
        &[
            "content/codes/404.md:34:7: error: `Tue, 15 Nov 2026 08:12:31 GMT`: 15 Nov 2026 is a Sunday, not a Tuesday",
        ],
    );
}

#[test]
fn example_date_that_is_not_a_date() {
    case(
        "example-not-a-date",
        &[
            "content/codes/404.md:34:7: error: `Sun, 31 Feb 2026 08:12:31 GMT` is not a date: Feb 2026 has 28 days",
        ],
    );
}

#[test]
fn header_example_date_with_the_wrong_weekday() {
    case(
        "header-example-wrong-weekday",
        &[
            "content/headers/date.md:6:5: error: `Tue, 15 Nov 2026 08:12:31 GMT`: 15 Nov 2026 is a Sunday, not a Tuesday [field `examples[0]`]",
        ],
    );
}
