//! `cargo bench --bench build`: times the release binary on the shipped site and on generated
//! stress sites of about 1,000 and 10,000 pages, printing times and peak memory.
//!
//! Figures only; no thresholds. Set HTTPREF_BENCH_RUNS to change the number of timed runs.

mod support;

fn main() {
    // `cargo bench` passes `--bench`; this harness takes no other arguments.
    let runs: usize = std::env::var("HTTPREF_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    println!(
        "Release binary; median (and best) of {runs} runs after a warm-up (at most 5 for 10k pages)."
    );
    println!(
        "check: load, validate, render every page in memory and check its links (the generator's own work)."
    );
    println!(
        "build: check plus writing the files and swapping the output folder (adds file-system time)."
    );
    println!(
        "{:<11} {:>7} {:>6} {:>9} {:>10} {:>9} {:>9}",
        "site", "entries", "files", "check ms", "build ms", "best ms", "peak MiB"
    );
    let sites: [(&str, Option<usize>); 3] = [
        ("shipped", None),
        ("stress-1k", Some(1_000)),
        ("stress-10k", Some(10_000)),
    ];
    for (name, size) in sites {
        let dir = tempfile::tempdir().expect("temp dir");
        match size {
            None => support::shipped_site(dir.path()),
            Some(pages) => support::stress_site(dir.path(), pages),
        }
        // Content entries, and the files a build writes for them (pages, data, index, assets).
        let entries = support::count_pages(dir.path()) - 1;
        let root = dir.path().to_str().expect("utf-8 path");
        let out = dir.path().join("public");
        let out = out.to_str().expect("utf-8 path");
        let runs = if entries > 5_000 { runs.min(5) } else { runs };
        let (check, _, _) = support::measure(&["check", "--root", root], runs);
        let (build, best, peak_kib) =
            support::measure(&["build", "--root", root, "--out", out], runs);
        let files = walkdir::WalkDir::new(out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .count();
        println!(
            "{name:<11} {entries:>7} {files:>6} {:>9.1} {:>10.1} {:>9.1} {:>9.1}",
            check.as_secs_f64() * 1e3,
            build.as_secs_f64() * 1e3,
            best.as_secs_f64() * 1e3,
            peak_kib as f64 / 1024.0,
        );
    }
}
