//! Benchmark support: copies of the shipped site, generated stress sites, and timed runs of the
//! release binary with their peak memory.

// Shared by several bench targets; each uses only part of it.
#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.expect("readable tree");
        let target = to.join(entry.path().strip_prefix(from).expect("under root"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create dir");
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A copy of the shipped site (content, templates, static) in `dir`.
pub fn shipped_site(dir: &Path) {
    for part in ["content", "templates", "static"] {
        copy_tree(&repo_root().join(part), &dir.join(part));
    }
}

/// The shipped site plus generated comparison and guide pages, for about `pages` pages in all.
///
/// Status codes are bounded, so the site grows with pages whose bodies are real shipped
/// comparison texts (with their code links), alternating between comparisons and guides.
pub fn stress_site(dir: &Path, pages: usize) {
    shipped_site(dir);
    let compare_dir = repo_root().join("content/compare");
    let mut bodies = Vec::new();
    for entry in fs::read_dir(&compare_dir).expect("compare dir") {
        let text = fs::read_to_string(entry.expect("entry").path()).expect("utf-8");
        let body = text
            .splitn(3, "---\n")
            .nth(2)
            .expect("front matter")
            .to_owned();
        bodies.push(body);
    }
    bodies.sort();
    let codes: Vec<u16> = fs::read_dir(repo_root().join("content/codes"))
        .expect("codes dir")
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".md")?
                .parse()
                .ok()
        })
        .collect();
    let existing = count_pages(dir);
    for i in 0..pages.saturating_sub(existing) {
        let body = &bodies[i % bodies.len()];
        let (a, b) = (codes[i % codes.len()], codes[(i * 7 + 3) % codes.len()]);
        let (path, front) = if i % 2 == 0 {
            (
                dir.join(format!("content/compare/stress-{i:05}.md")),
                format!(
                    "---\ntitle: \"Stress comparison {i}\"\nsummary: Generated page {i} for benchmarks.\ncodes: [{a}, {}]\n---\n",
                    if a == b {
                        codes[(i + 1) % codes.len()]
                    } else {
                        b
                    }
                ),
            )
        } else {
            (
                dir.join(format!("content/guides/stress-{i:05}.md")),
                format!(
                    "---\ntitle: \"Stress guide {i}\"\nsummary: Generated guide {i} for benchmarks.\n---\n"
                ),
            )
        };
        fs::create_dir_all(path.parent().expect("parent")).expect("create dir");
        fs::write(path, format!("{front}{body}")).expect("write page");
    }
}

/// Pages a site under `dir` renders: one per content file, plus the home page.
pub fn count_pages(dir: &Path) -> usize {
    ["codes", "classes", "compare", "guides"]
        .iter()
        .map(|k| {
            walkdir::WalkDir::new(dir.join("content").join(k))
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .count()
        })
        .sum::<usize>()
        + 1
}

/// One timed run: wall time and peak resident memory of the child process.
pub struct Run {
    pub elapsed: Duration,
    pub peak_rss_kib: i64,
}

/// Runs the httpref binary with `args` and measures it; panics if it fails.
// The child is reaped by `wait4` (which also reports its peak memory), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
pub fn run(args: &[&str]) -> Run {
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_httpref"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn httpref");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data, zero-initialised; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    assert_eq!(waited, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "httpref {args:?} failed"
    );
    Run {
        elapsed,
        peak_rss_kib: usage.ru_maxrss,
    }
}

/// Median and minimum of `runs` timed runs after one warm-up, and the largest peak memory.
pub fn measure(args: &[&str], runs: usize) -> (Duration, Duration, i64) {
    run(args);
    let mut results: Vec<Run> = (0..runs).map(|_| run(args)).collect();
    results.sort_by_key(|r| r.elapsed);
    let peak = results.iter().map(|r| r.peak_rss_kib).max().unwrap_or(0);
    (results[results.len() / 2].elapsed, results[0].elapsed, peak)
}

/// Size of `bytes` after gzip at the given level (the weight a browser downloads).
pub fn gzip_len(bytes: &[u8], level: u32) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    encoder.write_all(bytes).expect("in-memory write");
    encoder.finish().expect("in-memory gzip").len()
}

/// Builds the site in `dir` into `dir/public` with the release binary; returns the output folder.
pub fn build(dir: &Path) -> PathBuf {
    let public = dir.join("public");
    run(&[
        "build",
        "--root",
        dir.to_str().expect("utf-8 path"),
        "--out",
        public.to_str().expect("utf-8 path"),
    ]);
    public
}
