//! `cargo bench --bench search`: the search index and client against MiniSearch, a well-kept
//! client-side search library, on the same documents and queries.
//!
//! Prints, for the shipped site and the generated 10,000-page stress site: index build time,
//! index size (raw and gzip), and query latency (median and p95 over a fixed query set) for both;
//! then the time from the first keystroke to the first result in headless Chromium on the shipped
//! site. Needs Node.js and Debian's chromium; installs the pinned npm packages in benches/search/.

mod support;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Loads `dir` as a site and times the index build (median of five); writes the index and the
/// exported documents beside it for the node half of the benchmark.
fn index(dir: &Path, name: &str) -> (String, String) {
    let (site, _) = httpref::load(dir, &httpref::LoadOptions::default()).expect("the site loads");
    let mut times = Vec::new();
    let mut built = None;
    for _ in 0..5 {
        let started = Instant::now();
        built = Some(httpref::render::search::build(&site));
        times.push(started.elapsed());
    }
    times.sort();
    let index = built.expect("built five times");
    println!(
        "{name:<11} {:>6} docs  httpref index: built in {:>7.1} ms, {:>8.1} KB raw, {:>7.1} KB gzip",
        index.documents,
        times[2].as_secs_f64() * 1e3,
        index.bytes.len() as f64 / 1024.0,
        support::gzip_len(&index.bytes, 6) as f64 / 1024.0
    );
    let index_path = dir.join("index.json");
    let docs_path = dir.join("docs.json");
    fs::write(&index_path, &index.bytes).expect("write index");
    let docs = serde_json::to_vec(&httpref::render::search::export_documents(&site))
        .expect("docs serialize");
    fs::write(&docs_path, docs).expect("write docs");
    (
        index_path.display().to_string(),
        docs_path.display().to_string(),
    )
}

fn node(args: &[&str]) {
    let script = support::repo_root().join("benches/search/compare.mjs");
    let status = Command::new("node")
        .arg(script)
        .args(args)
        .status()
        .expect("node runs");
    assert!(status.success(), "the node benchmark failed");
}

fn main() {
    // The pinned npm packages: MiniSearch here, playwright-core for the browser half.
    for dir in ["benches/search", "tests/e2e"] {
        let dir = support::repo_root().join(dir);
        if !dir.join("node_modules").is_dir() {
            let status = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&dir)
                .status()
                .expect("npm runs");
            assert!(status.success(), "npm ci failed in {}", dir.display());
        }
    }

    let shipped = tempfile::tempdir().expect("temp dir");
    support::shipped_site(shipped.path());
    let (index_path, docs_path) = index(shipped.path(), "shipped");
    node(&[
        "--label",
        "shipped",
        "--index",
        &index_path,
        "--docs",
        &docs_path,
    ]);

    let stress = tempfile::tempdir().expect("temp dir");
    support::stress_site(stress.path(), 10_000);
    let (index_path, docs_path) = index(stress.path(), "stress-10k");
    node(&[
        "--label",
        "stress-10k",
        "--index",
        &index_path,
        "--docs",
        &docs_path,
    ]);

    let public = support::build(shipped.path());
    node(&["--browser", public.to_str().expect("utf-8 path")]);
}
