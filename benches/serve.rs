//! `cargo bench --bench serve`: edit-to-reload time of `httpref serve` on the shipped site: from
//! writing a content file to the browser's reload event, ten times, with the rebuild time the
//! server prints. Target: under 200 ms.

mod support;
// Shared with tests/serve.rs; the benchmark uses only part of it.
#[allow(dead_code)]
#[path = "../tests/common/serve_client.rs"]
mod serve_client;

use std::time::{Duration, Instant};

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    support::shipped_site(dir.path());
    let server = serve_client::start(env!("CARGO_BIN_EXE_httpref"), dir.path());
    let events = serve_client::events(server.port);
    assert_eq!(serve_client::next_event(&events).0, "ok");

    let file = dir.path().join("content/codes/418.md");
    let original = std::fs::read_to_string(&file).expect("418.md");
    let mut times = Vec::new();
    for round in 0..10 {
        std::thread::sleep(Duration::from_millis(300));
        let edited = original.replacen(
            "## What it means",
            &format!("## What it means\n\nEdit {round}."),
            1,
        );
        let started = Instant::now();
        std::fs::write(&file, edited).expect("write");
        let (event, _) = serve_client::next_event(&events);
        assert_eq!(event, "reload");
        times.push(started.elapsed());
    }
    std::fs::write(&file, original).expect("restore");
    let rebuilds: Vec<String> = server
        .output
        .try_iter()
        .filter(|l| l.starts_with("Rebuilt"))
        .collect();
    times.sort();
    println!(
        "httpref serve, shipped site, release build: edit to reload event over 10 edits: median {:.0} ms, worst {:.0} ms",
        times[5].as_secs_f64() * 1e3,
        times[9].as_secs_f64() * 1e3
    );
    println!("(includes the 40 ms debounce; the server's own rebuild times:)");
    for line in rebuilds.iter().take(4) {
        println!("  {line}");
    }
}
