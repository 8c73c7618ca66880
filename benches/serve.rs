//! `cargo bench --bench serve`: edit-to-changed-page time of `httpref serve`, on the shipped site
//! and on the generated 10,000-page stress site: from writing a content file to the reload event
//! that names the edited page (the first look, sent before the rest of the site is rendered),
//! then fetching that page and finding the edit in it; the median over several saves, each made
//! once the previous rebuild is complete, with the rebuild times the server prints. Targets:
//! under 100 ms on the shipped site, under 300 ms on the stress site.

mod support;
// Shared with tests/it/serve.rs; the benchmark uses only part of it.
#[allow(dead_code)]
#[path = "../tests/it/common/serve_client.rs"]
mod serve_client;

use std::path::Path;
use std::time::{Duration, Instant};

const SAVES: usize = 9;

fn main() {
    let shipped = tempfile::tempdir().expect("temp dir");
    support::shipped_site(shipped.path());
    measure("shipped site", shipped.path());
    let stress = tempfile::tempdir().expect("temp dir");
    support::stress_site(stress.path(), 10_000);
    measure("stress site, 10,000 pages", stress.path());
}

/// Edits one code's text `SAVES` times and prints the median and worst edit-to-page time.
fn measure(label: &str, root: &Path) {
    let server = serve_client::start(env!("CARGO_BIN_EXE_httpref"), root);
    let events = serve_client::events(server.port);
    assert_eq!(serve_client::next_event(&events).0, "ok");

    let file = root.join("content/codes/418.md");
    let original = std::fs::read_to_string(&file).expect("418.md");
    let mut times = Vec::new();
    for save in 0..SAVES {
        std::thread::sleep(Duration::from_millis(300));
        let marker = format!("Benchmark edit {save}.");
        let edited = original.replacen(
            "## What it means",
            &format!("## What it means\n\n{marker}"),
            1,
        );
        let started = Instant::now();
        std::fs::write(&file, edited).expect("write");
        loop {
            let (event, data) = serve_client::next_event(&events);
            assert_eq!(event, "reload", "{data}");
            if data.contains("\"codes/418/index.html\"") {
                break;
            }
        }
        let (status, page) = serve_client::get(server.port, "/codes/418/");
        assert!(
            status == 200 && page.contains(&marker),
            "the edit is served"
        );
        times.push(started.elapsed());
        // The rest of the site follows; the next save waits for it, so that each save is
        // measured from an idle server.
        while !serde_json::from_str::<serde_json::Value>(&serve_client::next_event(&events).1)
            .is_ok_and(|data| data["complete"] == true)
        {}
    }
    std::fs::write(&file, original).expect("restore");
    times.sort();
    println!(
        "httpref serve, {label}, release build: edit to changed page over {SAVES} saves: \
         median {:.0} ms, worst {:.0} ms",
        times[SAVES / 2].as_secs_f64() * 1e3,
        times[SAVES - 1].as_secs_f64() * 1e3
    );
    println!("(includes the 40 ms debounce; the server's own rebuild times:)");
    let rebuilds: Vec<String> = server
        .output
        .try_iter()
        .filter(|l| l.starts_with("Rebuilt"))
        .collect();
    for line in rebuilds.iter().take(4) {
        println!("  {line}");
    }
}
