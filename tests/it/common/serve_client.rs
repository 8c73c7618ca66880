//! A client for `httpref serve`, shared by its tests and its benchmark: start the server on a
//! free port, raw HTTP GETs (request paths sent exactly as given), and server-sent events.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// A running `httpref serve`, killed when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    /// Lines the server prints after starting (rebuild times).
    #[allow(
        dead_code,
        reason = "benches/serve.rs, which includes this file, reads it"
    )]
    pub output: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start(binary: &str, root: &Path) -> Server {
    let mut child = Command::new(binary)
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
            return Server {
                child,
                port,
                output: rx,
            };
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("httpref serve did not start");
}

/// A raw HTTP/1.1 GET, so the request path is sent exactly as given (no client normalisation).
pub fn get(port: u16, path: &str) -> (u16, String) {
    get_with_host(port, path, &format!("127.0.0.1:{port}"))
}

/// A raw GET with the given Host header, as a browser on a rebound name would send it.
pub fn get_with_host(port: u16, path: &str, host: &str) -> (u16, String) {
    request(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
}

/// Sends `head` (a whole request, as written) and gives the status and body of the answer.
pub fn request(port: u16, head: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
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
pub fn events(port: u16) -> Receiver<(String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /__httpref/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
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

pub fn next_event(rx: &Receiver<(String, String)>) -> (String, String) {
    rx.recv_timeout(Duration::from_secs(20))
        .expect("an event within 20 s")
}

/// The next rebuild's events as one: a `reload` naming every file that the first look at an edit
/// and the complete build changed (`data` is `{"changed": [...]}`), or the first other event.
pub fn next_rebuild(rx: &Receiver<(String, String)>) -> (String, String) {
    let mut changed = Vec::new();
    loop {
        let (event, data) = next_event(rx);
        if event != "reload" {
            return (event, data);
        }
        let reload: serde_json::Value = serde_json::from_str(&data).expect("JSON event data");
        changed.extend(
            reload["changed"]
                .as_array()
                .expect("a changed list")
                .iter()
                .cloned(),
        );
        if reload["complete"] == true {
            return (event, serde_json::json!({ "changed": changed }).to_string());
        }
    }
}
