//! What a pull request or a bad file can never do (issue 13): read outside the site root, put
//! something executable into a page, replace a generated page, destroy a folder httpref did not
//! write, leave a half-swapped site, hang or exhaust the build, or crash on a closed pipe.
//! The hostile inputs are fixtures under tests/fixtures/hostile/ or are made here when they
//! cannot be committed (links to system files, FIFOs, very large files).
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// The valid fixture with one hostile overlay from tests/fixtures/hostile/ laid over it.
fn hostile_site(case: &str) -> tempfile::TempDir {
    let site = fixture_site(&[]);
    copy_tree(&fixtures().join("hostile").join(case), site.path());
    site
}

/// Runs httpref with `args` in `cwd`, failing the test (rather than hanging it) after `limit` of
/// wall time. With `address_space` (bytes), the child runs under that `RLIMIT_AS`, so a runaway is
/// a failed test (killed, or out of memory), never a hung or thrashing machine. Returns the output
/// and the CPU time (user and system) the child used: unlike wall time, it does not grow when
/// other tests or other work share the machine, so bounds on it do not flake under load.
fn httpref_within(
    cwd: &Path,
    args: &[&str],
    limit: Duration,
    address_space: Option<u64>,
) -> (std::process::Output, Duration) {
    use std::io::Read;
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    let mut command = Command::new(env!("CARGO_BIN_EXE_httpref"));
    command
        .args(args)
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(bytes) = address_space {
        // SAFETY: setrlimit is async-signal-safe and touches only the child.
        unsafe {
            command.pre_exec(move || {
                let limit = libc::rlimit {
                    rlim_cur: bytes,
                    rlim_max: bytes,
                };
                if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let started = Instant::now();
    #[expect(
        clippy::zombie_processes,
        reason = "reaped by wait4 below, which also reports the CPU time"
    )]
    let mut child = command.spawn().unwrap();
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    // Both pipes are read while the child runs, so a long report never blocks it on a full pipe.
    let drain = |pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let mut pipe = pipe;
            pipe.read_to_end(&mut bytes).unwrap();
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: waits for our own child only; std's Child is never waited on after this.
        let reaped = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if reaped == pid {
            break;
        }
        assert_eq!(reaped, 0, "wait4: {}", std::io::Error::last_os_error());
        if started.elapsed() > limit {
            // SAFETY: kills and reaps our own child.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::wait4(pid, &mut status, 0, &mut usage);
            }
            panic!("httpref {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let seconds = |t: libc::timeval| {
        Duration::from_secs(u64::try_from(t.tv_sec).unwrap())
            + Duration::from_micros(u64::try_from(t.tv_usec).unwrap())
    };
    let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    let output = std::process::Output {
        status: std::process::ExitStatus::from_raw(status),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    };
    (output, cpu)
}

/// `check` under a 100 MB address space, within `limit`.
fn check_bounded(site: &Path, limit: Duration) -> (std::process::Output, Duration) {
    httpref_within(
        site,
        &["check", "--root", "."],
        limit,
        Some(100 * 1024 * 1024),
    )
}

fn problem_lines(report: &str) -> Vec<&str> {
    report.lines().filter(|l| l.contains(": error: ")).collect()
}

/// `build` fails with `report` and the previous output is byte-for-byte as it was.
fn build_is_refused_and_keeps_the_previous_site(site: &Path, good: &tempfile::TempDir) {
    let previous = build_ok(good.path(), &[]);
    let before = snapshot_dir(&previous);
    let out = previous.to_str().unwrap().to_owned();
    let result = httpref(site, &["build", "--root", ".", "--out", &out]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    assert_eq!(snapshot_dir(&previous), before);
}

#[test]
fn raw_html_script_links_and_heading_attributes_are_refused_where_they_are() {
    let site = hostile_site("raw-html");
    let out = httpref(site.path(), &["check", "--root", "."]);
    assert_eq!(out.status.code(), Some(1));
    let report = stderr(&out);
    let located: Vec<&str> = problem_lines(&report)
        .iter()
        .map(|l| l.split(": error: ").next().unwrap())
        .collect();
    assert_eq!(
        located,
        [
            "content/codes/404.md:20:1",
            "content/codes/404.md:22:8",
            "content/codes/404.md:22:41",
            "content/codes/404.md:22:75",
            "content/codes/404.md:24:1",
            "content/codes/404.md:26:1",
            "content/codes/404.md:45:1",
            "content/codes/404.md:47:1",
            "content/decide/start.yaml:8:93",
        ],
        "{report}"
    );
    insta::assert_snapshot!("raw-html", report);
    build_is_refused_and_keeps_the_previous_site(site.path(), &fixture_site(&[]));
}

#[test]
fn a_static_file_cannot_replace_a_generated_page() {
    let site = hostile_site("static-override");
    let out = httpref(site.path(), &["check", "--root", "."]);
    assert_eq!(out.status.code(), Some(1));
    let report = stderr(&out);
    let problems = problem_lines(&report);
    assert_eq!(problems.len(), 1, "{report}");
    assert!(
        problems[0].starts_with("static/codes/404/index.html:")
            && problems[0].contains("`codes/404/index.html`")
            && problems[0].contains("`content/codes/404.md`"),
        "names both: {report}"
    );
    build_is_refused_and_keeps_the_previous_site(site.path(), &fixture_site(&[]));
}

#[test]
fn links_out_of_the_root_are_refused_and_their_targets_never_shown() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    fs::write(&secret, "root:x:0:0:SECRET-LINE\nAPI_TOKEN=SECRET-TOKEN\n").unwrap();
    let site = fixture_site(&[]);
    let root = site.path();
    symlink("/proc/self/environ", root.join("static/env.txt")).unwrap();
    symlink(&secret, root.join("static/notes.txt")).unwrap();
    symlink(&secret, root.join("content/codes/402.md")).unwrap();
    symlink(&secret, root.join("templates/partials/leak.html")).unwrap();
    symlink(outside.path(), root.join("static/elsewhere")).unwrap();
    // A link that stays inside the site is an ordinary file.
    symlink("favicon.svg", root.join("static/icon.svg")).unwrap();

    let out = httpref(root, &["check", "--root", "."]);
    assert_eq!(out.status.code(), Some(1));
    let report = stderr(&out);
    let mut refused: Vec<&str> = problem_lines(&report)
        .iter()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    refused.sort();
    assert_eq!(
        refused,
        [
            "content/codes/402.md",
            "static/elsewhere",
            "static/env.txt",
            "static/notes.txt",
            "templates/partials/leak.html"
        ],
        "{report}"
    );
    assert!(report.contains("outside the site root"), "{report}");
    for leaked in ["SECRET", "root:x", "PATH=", "HOME="] {
        assert!(!report.contains(leaked), "{leaked} in:\n{report}");
    }
    let out = httpref(root, &["build", "--root", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!root.join("public").exists());

    // A whole content folder linked to the file system's root is refused, not walked.
    let guides = root.join("content/guides");
    fs::remove_dir_all(&guides).unwrap();
    symlink("/", &guides).unwrap();
    let (out, _) = httpref_within(
        root,
        &["check", "--root", "."],
        Duration::from_secs(30),
        None,
    );
    let report = stderr(&out);
    assert!(
        problem_lines(&report)
            .iter()
            .any(|l| l.starts_with("content/guides:") && l.contains("outside the site root")),
        "{report}"
    );
    assert!(!report.contains("content/guides/etc"), "{report}");
    fs::remove_file(&guides).unwrap();
    copy_tree(&fixtures().join("valid-site/content/guides"), &guides);

    // With the outside links gone, the inside one builds and is published as a copy.
    for link in [
        "static/env.txt",
        "static/notes.txt",
        "static/elsewhere",
        "content/codes/402.md",
        "templates/partials/leak.html",
    ] {
        fs::remove_file(root.join(link)).unwrap();
    }
    let public = build_ok(root, &[]);
    assert_eq!(
        fs::read(public.join("icon.svg")).unwrap(),
        fs::read(root.join("static/favicon.svg")).unwrap()
    );
}

#[test]
fn pipes_devices_and_huge_files_are_reported_not_read() {
    let site = fixture_site(&[]);
    let root = site.path();
    let fifo = root.join("content/codes/402.md");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    symlink("/dev/zero", root.join("content/codes/405.md")).unwrap();
    // A regular file over the limit, as a sparse file (no disk used).
    let huge = fs::File::create(root.join("content/codes/406.md")).unwrap();
    huge.set_len(64 * 1024 * 1024).unwrap();

    let (out, _) = httpref_within(
        root,
        &["check", "--root", "."],
        Duration::from_secs(30),
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let report = stderr(&out);
    let problems = problem_lines(&report);
    let about = |file: &str| -> String {
        problems
            .iter()
            .filter(|l| l.starts_with(file))
            .map(|l| l.to_string())
            .collect()
    };
    assert!(
        about("content/codes/402.md").contains("not a regular file"),
        "{report}"
    );
    assert!(
        about("content/codes/405.md").contains("outside the site root"),
        "{report}"
    );
    assert!(
        about("content/codes/406.md").contains("too large"),
        "{report}"
    );
}

#[test]
fn never_replaces_a_folder_it_did_not_write() {
    let site = fixture_site(&[]);
    let docs = site.path().join("docs");
    fs::create_dir(&docs).unwrap();
    fs::write(docs.join("notes.txt"), "my notes").unwrap();
    let out = httpref(site.path(), &["build", "--root", ".", "--out", "docs"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("httpref did not write it") && err.contains("--out"),
        "says how to proceed: {err}"
    );
    assert_eq!(
        fs::read_to_string(docs.join("notes.txt")).unwrap(),
        "my notes"
    );

    // `..` from inside the site is the site's own parent: refused with the same clarity.
    let out = httpref(
        &site.path().join("content"),
        &["build", "--root", "..", "--out", ".."],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("would replace the site's sources"),
        "{}",
        stderr(&out)
    );
    let out = httpref(site.path(), &["build", "--root", ".", "--out", ".."]);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("refusing"),
        "a refusal, not an I/O error: {}",
        stderr(&out)
    );

    // A folder httpref wrote is replaced as usual.
    build_ok(site.path(), &["--out", "site-out"]);
    build_ok(site.path(), &["--out", "site-out"]);
}

/// Kills builds at many points; after each, the output is absent (never built) or one whole
/// site, and the next build leaves no staging or old folders behind.
#[test]
fn killed_builds_leave_a_whole_site_and_no_debris() {
    let site = fixture_site(&[]);
    let root = site.path();
    let public = build_ok(root, &[]);
    let whole = |public: &Path| {
        public.join(".httpref-output").is_file()
            && public.join("index.html").is_file()
            && public.join("codes/404/index.html").is_file()
    };
    for delay_ms in [0u64, 2, 4, 6, 8, 10, 15, 20, 30, 40, 60, 80] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_httpref"))
            .args(["build", "--root", "."])
            .current_dir(root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        assert!(whole(&public), "after a kill at {delay_ms} ms");
    }
    build_ok(root, &[]);
    let debris: Vec<String> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert!(debris.is_empty(), "{debris:?}");
    assert!(whole(&public));
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    let site = fixture_site(&[]);
    for args in [
        &["check", "--root", "."][..],
        &["check", "--root", ".", "--format", "github"][..],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_httpref"))
            .args(args)
            .current_dir(site.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away, as `| true` does
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("failed printing"),
            "{err}"
        );
    }
}

/// A tree of `layers` diamonds: each layer asks two questions whose answers rejoin, so the
/// number of routes to the last result doubles with every layer (2^layers) while the nodes
/// grow by three.
fn diamond_tree(layers: usize) -> String {
    let mut yaml =
        String::from("title: Diamonds\nsummary: Many routes to one result.\nroot: q0\nnodes:\n");
    for i in 0..layers {
        let next = if i + 1 == layers {
            "end".to_owned()
        } else {
            format!("q{}", i + 1)
        };
        yaml += &format!(
            "  - id: q{i}\n    question: \"Layer {i}?\"\n    answers:\n      - {{ label: Left, goto: l{i} }}\n      - {{ label: Right, goto: r{i} }}\n"
        );
        for side in ["l", "r"] {
            yaml += &format!(
                "  - id: {side}{i}\n    question: \"Side {side}{i}?\"\n    answers:\n      - {{ label: Go on, goto: {next} }}\n      - {{ label: Stop, goto: stop }}\n"
            );
        }
    }
    yaml + "  - id: end\n    result: { code: 200, why: Every layer passed. }\n  - id: stop\n    result: { code: 404, why: Stopped. }\n"
}

/// A chain of `length` questions, each with a way out.
fn chain_tree(length: usize) -> String {
    let mut yaml = String::from("title: Chain\nsummary: A very long walk.\nroot: q0\nnodes:\n");
    for i in 0..length {
        let next = if i + 1 == length {
            "end".to_owned()
        } else {
            format!("q{}", i + 1)
        };
        yaml += &format!(
            "  - id: q{i}\n    question: \"Step {i}?\"\n    answers:\n      - {{ label: Next, goto: {next} }}\n      - {{ label: Stop, goto: end }}\n"
        );
    }
    yaml + "  - id: end\n    result: { code: 200, why: Done. }\n"
}

#[test]
fn decision_trees_with_a_billion_routes_check_in_linear_time() {
    let site = fixture_site(&[]);
    fs::write(
        site.path().join("content/decide/diamonds.yaml"),
        diamond_tree(30),
    )
    .unwrap();
    // Reachable from the start, so every walk to 200 and 404 from the start could go through it.
    let start = site.path().join("content/decide/start.yaml");
    let text = fs::read_to_string(&start).unwrap().replace(
        "        goto: client-error/what\n",
        "        goto: client-error/what\n      - label: \"Through the diamonds\"\n        goto: diamonds/q0\n",
    );
    assert!(text.contains("diamonds/q0"));
    fs::write(&start, text).unwrap();
    let started = Instant::now();
    let (out, _) = httpref_within(
        site.path(),
        &["check", "--root", "."],
        Duration::from_secs(60),
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    eprintln!("2^30 routes: check in {:?}", started.elapsed());
    let public = build_ok(site.path(), &[]);
    // The last result's page shows one walk: 60 questions, not 2^30 routes.
    let html = page(&public, "decide/diamonds/end/index.html");
    assert!(select_texts(&html, "li").len() < 200);
}

#[test]
fn an_endless_chain_of_questions_is_one_clear_error() {
    let site = fixture_site(&[]);
    fs::write(
        site.path().join("content/decide/chain.yaml"),
        // Under the 1,000 items a YAML list may hold, so the walk bound is what it meets.
        chain_tree(900),
    )
    .unwrap();
    let (out, _) = httpref_within(
        site.path(),
        &["check", "--root", "."],
        Duration::from_secs(60),
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let report = stderr(&out);
    let problems = problem_lines(&report);
    assert_eq!(problems.len(), 1, "{report}");
    assert!(
        problems[0].starts_with("content/decide/chain.yaml:")
            && problems[0].contains("takes 65 questions, more than the 64"),
        "{report}"
    );
}

#[test]
fn templates_cannot_read_the_environment_or_files() {
    let site = fixture_site(&[]);
    let template = site.path().join("templates/robots.txt");
    let original = fs::read_to_string(&template).unwrap();
    for call in [
        "{{ get_env(name=\"PATH\") }}",
        "{{ read_file(path=\"/etc/passwd\") }}",
        "{% include \"../../etc/passwd\" %}",
    ] {
        fs::write(&template, format!("{original}{call}\n")).unwrap();
        let out = httpref(site.path(), &["check", "--root", "."]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{call}: {err}");
        assert!(err.contains("templates/robots.txt"), "{call}: {err}");
        assert!(
            !err.contains("/usr/bin") && !err.contains("root:x"),
            "{err}"
        );
    }
}

#[test]
fn data_files_linked_out_of_the_root_are_refused_and_never_printed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    fs::write(&secret, "rfc9999\tSECRET-TOKEN\n").unwrap();
    let site = fixture_site(&[]);
    let specs = site.path().join("content/specs");
    fs::create_dir_all(&specs).unwrap();
    symlink(&secret, specs.join("unindexed.txt")).unwrap();
    let libraries = site.path().join("content/libraries");
    fs::create_dir_all(&libraries).unwrap();
    symlink(&secret, libraries.join("python.tsv")).unwrap();
    let out = httpref(site.path(), &["check", "--root", "."]);
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(!all.contains("SECRET"), "{all}");
    assert!(all.contains("outside the site root"), "{all}");
}

#[test]
fn a_data_file_replaced_by_a_broken_link_is_reported_not_skipped() {
    // Skipping it would switch its checks off: a pull request could silence the registry check.
    let site = fixture_site(&[]);
    let registry = site.path().join("content/iana-status-codes.csv");
    fs::remove_file(&registry).unwrap();
    symlink("nowhere.csv", &registry).unwrap();
    let out = httpref(site.path(), &["check", "--root", "."]);
    let report = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        problem_lines(&report)
            .iter()
            .any(|l| l.starts_with("content/iana-status-codes.csv:")
                && l.contains("link to nothing")),
        "{report}"
    );
}

/// Nine lines whose aliases would copy 10^9 values: "billion laughs".
fn alias_bomb(indent: &str) -> String {
    let mut yaml = format!("{indent}lol0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let row = vec![format!("*a{}", i - 1); 10].join(", ");
        yaml.push_str(&format!("{indent}lol{i}: &a{i} [{row}]\n"));
    }
    yaml
}

#[test]
fn alias_bombs_in_every_kind_of_yaml_stop_at_once_in_little_memory() {
    let bomb = alias_bomb("");
    // A mapping-valued anchor, copied by aliases that are mappings themselves.
    let mut mapping_bomb =
        "m0: &m0 { a: x, b: x, c: x, d: x, e: x, f: x, g: x, h: x, i: x, j: x }\n".to_owned();
    for i in 1..9 {
        let fields: Vec<String> = (0..10).map(|k| format!("k{k}: *m{}", i - 1)).collect();
        mapping_bomb.push_str(&format!("m{i}: &m{i} {{ {} }}\n", fields.join(", ")));
    }
    // Each file, and the bomb planted at its top (after `---` in front matter).
    let cases = [
        ("content/codes/404.md", &bomb),
        ("content/site.yaml", &bomb),
        ("content/decide/start.yaml", &bomb),
        ("content/practice/expired-token.yaml", &bomb),
        ("content/codes/403.md", &mapping_bomb),
    ];
    for (file, bomb) in cases {
        let site = fixture_site(&[]);
        let path = site.path().join(file);
        let text = fs::read_to_string(&path).unwrap();
        let planted = match text.strip_prefix("---\n") {
            Some(rest) => format!("---\n{bomb}{rest}"),
            None => format!("{bomb}{text}"),
        };
        fs::write(&path, planted).unwrap();
        let (out, elapsed) = check_bounded(site.path(), Duration::from_secs(30));
        let report = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{file}: {report}");
        let problems = problem_lines(&report);
        assert!(
            problems.iter().any(|l| l.starts_with(&format!("{file}:"))
                && l.contains("aliases copy more than 10000 values")),
            "{file}: {report}"
        );
        eprintln!("alias bomb in {file}: stopped after {elapsed:?} of CPU time");
        assert!(elapsed < Duration::from_secs(5), "{file}: {elapsed:?}");
    }
}

#[test]
fn wide_and_repetitive_yaml_is_read_in_linear_time() {
    // 75,000 keys in one mapping, and one key written 55,000 times (0.9 MB each).
    let wide: String = (0..75_000).map(|i| format!("k{i}: {i}\n")).collect();
    let repeated = "k: 1\n".repeat(55_000);
    let many_mappings: String = (0..20_000)
        .map(|i| format!("m{i}: {{ a: 1, a: 2 }}\n"))
        .collect();
    for (name, yaml) in [
        ("wide", wide),
        ("repeated", repeated),
        ("many repeats", many_mappings),
    ] {
        let site = fixture_site(&[]);
        let path = site.path().join("content/decide/start.yaml");
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, format!("{yaml}{text}")).unwrap();
        let (out, elapsed) = check_bounded(site.path(), Duration::from_secs(60));
        let report = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {report}");
        // At most 50 problems listed per file, whatever the file holds.
        let listed = problem_lines(&report).len();
        assert!(listed <= 51, "{name}: {listed} problems listed");
        assert!(
            report.len() < 100_000,
            "{name}: a report of {} bytes",
            report.len()
        );
        eprintln!("{name}: check in {elapsed:?} of CPU time");
        assert!(elapsed < Duration::from_secs(10), "{name}: {elapsed:?}");
    }
}

#[test]
fn file_names_cannot_write_into_the_terminal_or_the_ci_log() {
    let site = fixture_site(&[]);
    let code = fs::read_to_string(site.path().join("content/codes/404.md")).unwrap();
    let name =
        "content/guides/x\n::error file=README.md::all good\u{1b}[2J\u{1b}[Hno problems found.md";
    fs::create_dir_all(site.path().join("content/guides")).unwrap();
    fs::write(site.path().join(name), code.replace("code: 404", "code: x")).unwrap();
    fs::write(site.path().join("static/a\u{1b}[31m.css"), "body{}").unwrap();
    let out = httpref(site.path(), &["check", "--root", "."]);
    let report = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    for line in report.lines() {
        assert!(
            !line.trim_start().starts_with("::"),
            "{line:?} in:\n{report}"
        );
        assert!(!line.contains('\u{1b}'), "{line:?}");
    }
    assert!(
        report.contains("x\\n::error file=README.md::all good\\u{1b}[2J"),
        "{report}"
    );
    let out = httpref(site.path(), &["check", "--root", ".", "--format", "github"]);
    let annotations = stdout(&out);
    assert!(!annotations.contains('\u{1b}'), "{annotations}");
    for line in annotations.lines() {
        assert!(line.starts_with("::error file="), "{line:?}");
        let file = line.split(',').next().unwrap();
        assert!(!file["::error".len()..].contains("::"), "{line:?}");
    }
}

#[test]
fn names_that_cannot_be_published_everywhere_are_refused() {
    use std::os::unix::ffi::OsStrExt;
    let site = fixture_site(&[]);
    let dir = site.path().join("static");
    for name in [
        &b"a%2Fb.txt"[..],
        b"back\\slash.txt",
        b"line\nbreak.txt",
        b"bad\xff.txt",
        b"bad\xfe.txt",
        b"what?.txt",
    ] {
        fs::write(dir.join(std::ffi::OsStr::from_bytes(name)), "x").unwrap();
    }
    let out = httpref(site.path(), &["check", "--root", "."]);
    let report = stderr(&out);
    let problems = problem_lines(&report);
    assert_eq!(problems.len(), 6, "{report}");
    for shown in [
        "static/a%2Fb.txt:",
        "static/back\\slash.txt:",
        "static/line\\nbreak.txt:",
        "static/bad\\xFF.txt:",
        "static/bad\\xFE.txt:",
        "static/what?.txt:",
    ] {
        assert!(
            problems
                .iter()
                .any(|l| l.starts_with(shown) && l.contains("file name cannot be published")),
            "{shown} in:\n{report}"
        );
    }
}

#[test]
fn static_files_that_are_one_on_a_case_insensitive_host_are_refused() {
    let site = fixture_site(&[]);
    let dir = site.path().join("static");
    fs::create_dir_all(dir.join("Codes/404")).unwrap();
    fs::write(dir.join("Codes/404/index.html"), "<p>not the page</p>").unwrap();
    fs::write(dir.join("INDEX.HTML"), "<p>not the home page</p>").unwrap();
    fs::write(dir.join("codes"), "a file where a folder is needed").unwrap();
    let out = httpref(site.path(), &["check", "--root", "."]);
    let report = stderr(&out);
    let problems = problem_lines(&report);
    assert_eq!(problems.len(), 3, "{report}");
    for (file, other) in [
        (
            "static/Codes/404/index.html:",
            "`codes/404/index.html`, generated from `content/codes/404.md`",
        ),
        ("static/INDEX.HTML:", "`index.html`"),
        ("static/codes:", "`codes/"),
    ] {
        assert!(
            problems
                .iter()
                .any(|l| l.starts_with(file) && l.contains(other)),
            "{file} {other} in:\n{report}"
        );
    }
    // Two static files that differ only in Unicode form (NFC and NFD).
    let site = fixture_site(&[]);
    fs::write(site.path().join("static/caf\u{e9}.txt"), "1").unwrap();
    fs::write(site.path().join("static/cafe\u{301}.txt"), "2").unwrap();
    let report = stderr(&httpref(site.path(), &["check", "--root", "."]));
    assert_eq!(problem_lines(&report).len(), 1, "{report}");
    assert!(report.contains("same name as"), "{report}");
}
