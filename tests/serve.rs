//! `httpref serve`: pages from memory, rebuild and reload on save, the error overlay's data while
//! a broken edit is in place, recovery, path traversal and the 404 page.
#![cfg(feature = "serve")]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::*;

/// A running `httpref serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_httpref"))
        .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200))
            && let Some(rest) = line.split("http://127.0.0.1:").nth(1)
        {
            let port = rest
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .split('/')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            return Server { child, port };
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("httpref serve did not start");
}

/// A raw HTTP/1.1 GET, so the request path is sent exactly as given (no client normalisation).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).unwrap().parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// Server-sent events as `(event, data)` pairs.
fn events(port: u16) -> Receiver<(String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /__httpref/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_owned();
            } else if let Some(data) = line.strip_prefix("data: ")
                && tx.send((event.clone(), data.to_owned())).is_err()
            {
                break;
            }
        }
    });
    rx
}

fn next_event(rx: &Receiver<(String, String)>) -> (String, String) {
    rx.recv_timeout(Duration::from_secs(20))
        .expect("an event within 20 s")
}

#[test]
fn serves_rebuilds_reloads_and_recovers() {
    let site = fixture_site(&[]);
    let server = start(site.path());
    let port = server.port;

    let (status, home) = get(port, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains("<script src=\"/__httpref/livereload.js\" defer></script></head>"),
        "reload script injected"
    );
    assert!(
        home.contains(&format!("http://127.0.0.1:{port}/")),
        "base URL rewritten to the local address"
    );
    let (status, script) = get(port, "/__httpref/livereload.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));
    let (status, _) = get(port, "/codes/404");
    assert_eq!(status, 301, "folders without a slash redirect");

    let rx = events(port);
    assert_eq!(next_event(&rx).0, "ok");

    // An edit is rebuilt and announced; the page shows it.
    let file = site.path().join("content/codes/404.md");
    let original = std::fs::read_to_string(&file).unwrap();
    let edited_at = Instant::now();
    std::fs::write(
        &file,
        original.replace(
            "Nothing is found at the target URI.",
            "Edited while serving.",
        ),
    )
    .unwrap();
    assert_eq!(next_event(&rx).0, "reload");
    eprintln!(
        "edit to reload event: {:.0} ms (debug build)",
        edited_at.elapsed().as_secs_f64() * 1e3
    );
    assert!(get(port, "/codes/404/").1.contains("Edited while serving."));

    // A broken edit keeps the last good site and reports the problem with its location.
    std::fs::write(
        &file,
        original.replace("name: Not Found", "nmae: Not Found"),
    )
    .unwrap();
    let (event, data) = next_event(&rx);
    assert_eq!(event, "build-error");
    let message: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert!(
        message["message"]
            .as_str()
            .unwrap()
            .starts_with("content/codes/404.md:3:1: error: unknown field `nmae`"),
        "{data}"
    );
    let (status, page) = get(port, "/codes/404/");
    assert_eq!(status, 200);
    assert!(
        page.contains("Edited while serving."),
        "the last good page is still served"
    );
    let status_json: serde_json::Value =
        serde_json::from_str(&get(port, "/__httpref/status").1).unwrap();
    assert_eq!(status_json["ok"], false);
    // A page opened now learns of the failure at once, so its overlay shows.
    let late = events(port);
    assert_eq!(next_event(&late).0, "build-error");

    // Fixing it rebuilds, reloads and clears the error.
    std::fs::write(&file, &original).unwrap();
    assert_eq!(next_event(&rx).0, "reload");
    let status_json: serde_json::Value =
        serde_json::from_str(&get(port, "/__httpref/status").1).unwrap();
    assert_eq!(status_json["ok"], true);
    assert!(
        get(port, "/codes/404/")
            .1
            .contains("Nothing is found at the target URI.")
    );
}

#[test]
fn requests_cannot_leave_the_site_and_unknown_paths_get_the_404_page() {
    let site = fixture_site(&[]);
    std::fs::write(site.path().join("secret.txt"), "do not serve").unwrap();
    let server = start(site.path());
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/codes/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/../../../../etc/passwd",
    ] {
        let (status, body) = get(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("do not serve") && !body.contains("root:"),
            "{path} leaked a file"
        );
    }
    let (status, body) = get(server.port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the site's 404 page");
}

#[test]
fn build_never_injects_the_reload_script() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    for (rel, bytes) in snapshot_dir(&public) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__httpref"),
            "{rel}"
        );
    }
}
