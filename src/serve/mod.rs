//! `httpref serve`: builds the site in memory, serves it on 127.0.0.1, rebuilds when content,
//! templates or static files change, and reloads the browser tabs whose page changed.
//!
//! It reuses the normal pipeline through a `Session`, which keeps templates, static files and
//! unchanged pages between rebuilds, and adds only the server, the watcher and one injected
//! script. A build that fails keeps the last good site in service; every page then shows an
//! overlay with the problems, which goes away when a build succeeds again.

mod session;

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Response, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use notify::{EventKind, RecursiveMode, Watcher};
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use crate::{Error, LoadOptions};
use session::{Files, FirstLook, Session};

/// The port tried first; the next free one is used if it is taken.
pub const DEFAULT_PORT: u16 = 1111;
/// Editors write a file several times per save; changes this close together make one rebuild.
const DEBOUNCE: Duration = Duration::from_millis(40);
const RELOAD_SCRIPT: &str = include_str!("livereload.js");
const SCRIPT_SRC: &str = "/__httpref/livereload.js";

/// What the browser is told over server-sent events.
#[derive(Debug, Clone)]
enum Notice {
    /// These files (relative paths) changed. `complete` is false for the first look at an edit
    /// (the pages of the edited files, ahead of the rest), true once the whole build succeeded.
    Reload {
        changed: Arc<Vec<String>>,
        complete: bool,
    },
    Failed(String),
}

/// The site being served and the state of the last build.
struct Served {
    files: RwLock<Files>,
    /// The problems of the last build, if it failed.
    error: RwLock<Option<String>>,
    notices: broadcast::Sender<Notice>,
}

/// Why the preview could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Listen { port: u16, source: std::io::Error },
    #[error("no free port from {DEFAULT_PORT} to {}", DEFAULT_PORT + 99)]
    NoFreePort,
    #[error("cannot watch {}: {source}", path.display())]
    Watch {
        path: PathBuf,
        source: notify::Error,
    },
    #[error("cannot watch files: {0}")]
    Watcher(notify::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Binds `port` (or, by default, the first free port from 1111), builds, and serves until killed.
pub fn run(root: &Path, port: Option<u16>) -> Result<(), ServeError> {
    // Watchers report real paths on some platforms: the root is one too, so that the paths they
    // report and the paths the build reads compare alike.
    let root = &std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let listener = bind(port)?;
    let address = listener.local_addr()?;
    let base_url = format!("http://{address}/");
    let served = Arc::new(Served {
        files: RwLock::new(Arc::new(BTreeMap::new())),
        error: RwLock::new(None),
        notices: broadcast::channel(16).0,
    });
    let mut session = Session::new(
        root,
        LoadOptions {
            base_url: Some(base_url.clone()),
            cache: Some(Arc::default()),
        },
    );
    rebuild(&mut session, &[], &served);
    crate::outln!("Serving {} on {base_url} (Ctrl-C to stop)", root.display());

    // The watcher reports changes to a thread that debounces them and rebuilds; the server only
    // reads the result. Reads (the build's own) are not changes.
    let (tx, rx) = std::sync::mpsc::channel::<Vec<PathBuf>>();
    let rescan_root = root.to_path_buf();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        match event {
            // Events were lost (the kernel's queue overflowed): everything may have changed.
            Ok(event) if event.need_rescan() => {
                let _ = tx.send(vec![rescan_root.clone()]);
            }
            Ok(event) if !matches!(event.kind, EventKind::Access(_) | EventKind::Other) => {
                let _ = tx.send(event.paths);
            }
            Ok(_) => {}
            Err(_) => {
                let _ = tx.send(vec![rescan_root.clone()]);
            }
        }
    })
    .map_err(ServeError::Watcher)?;
    for path in crate::layout::SiteLayout::new(root).sources() {
        // A folder linked out of the root is refused by the build; never watch what it leads to.
        if path.is_dir() && crate::files::is_inside(root, &path) {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|source| ServeError::Watch {
                    path: path.clone(),
                    source,
                })?;
        }
    }
    let watched = served.clone();
    std::thread::spawn(move || {
        while let Ok(mut changed) = rx.recv() {
            // Wait for the burst of writes to settle, then rebuild once.
            while let Ok(more) = rx.recv_timeout(DEBOUNCE) {
                changed.extend(more);
            }
            rebuild(&mut session, &changed, &watched);
        }
    });

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = Router::new()
            .route("/__httpref/livereload.js", get(reload_script))
            .route("/__httpref/events", get(events))
            .route("/__httpref/status", get(status))
            .fallback(get(page))
            .with_state(served)
            .layer(middleware::from_fn_with_state(
                address.port(),
                only_local_hosts,
            ));
        axum::serve(listener, app).await
    })?;
    drop(watcher);
    Ok(())
}

/// Answers only requests addressed to the preview itself (`127.0.0.1`, `localhost` or `[::1]`
/// on its port), so that a web page whose name was rebound to 127.0.0.1 (DNS rebinding) cannot
/// read the preview or its status. A request with more than one Host gets 400 Bad Request (RFC
/// 9112, section 3.2); one addressed elsewhere, by its Host or by an absolute-form target (which
/// takes the place of Host, section 3.2.2), gets 421 Misdirected Request.
async fn only_local_hosts(State(port): State<u16>, request: Request, next: Next) -> Response<Body> {
    if request.headers().get_all(header::HOST).iter().count() > 1 {
        return respond(
            StatusCode::BAD_REQUEST,
            "text/plain; charset=utf-8",
            b"Bad request: more than one Host header field.\n".to_vec(),
        );
    }
    let host = match request.uri().authority() {
        Some(authority) => Some(authority.as_str()),
        None => request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok()),
    };
    if host.is_some_and(|h| is_local_host(h, port)) {
        return next.run(request).await;
    }
    let message = format!(
        "Misdirected request: this preview answers only to http://127.0.0.1:{port}/ or \
         http://localhost:{port}/, not to Host `{}`.\n",
        host.unwrap_or("(none)")
    );
    respond(
        StatusCode::MISDIRECTED_REQUEST,
        "text/plain; charset=utf-8",
        message.into_bytes(),
    )
}

/// Whether a Host header names this machine's loopback address on `port` (or on no port).
fn is_local_host(host: &str, port: u16) -> bool {
    let name_end = if host.starts_with('[') {
        match host.find(']') {
            Some(end) => end + 1,
            None => return false,
        }
    } else {
        host.find(':').unwrap_or(host.len())
    };
    let (name, port_part) = host.split_at(name_end);
    let port_ok =
        port_part.is_empty() || port_part.strip_prefix(':') == Some(port.to_string().as_str());
    let name_ok = name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "[::1]";
    port_ok && name_ok
}

fn bind(port: Option<u16>) -> Result<TcpListener, ServeError> {
    let localhost = |p: u16| SocketAddr::from(([127, 0, 0, 1], p));
    match port {
        Some(port) => {
            TcpListener::bind(localhost(port)).map_err(|source| ServeError::Listen { port, source })
        }
        None => (DEFAULT_PORT..DEFAULT_PORT + 100)
            .find_map(|p| TcpListener::bind(localhost(p)).ok())
            .ok_or(ServeError::NoFreePort),
    }
}

/// Rebuilds after `changed`; on success swaps the site in and reloads the tabs whose page
/// changed, on failure keeps the last good site and shows the problems. The pages of edited
/// content files are swapped in and reloaded first, as soon as they are rendered.
fn rebuild(session: &mut Session, changed: &[PathBuf], served: &Served) {
    let last_good = served
        .files
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let mut shown: Option<FirstLook> = None;
    let result = session.rebuild(changed, &mut |look| {
        *served.files.write().unwrap_or_else(|e| e.into_inner()) = look.files.clone();
        let _ = (served.notices).send(Notice::Reload {
            changed: Arc::new(look.changed.clone()),
            complete: false,
        });
        shown = Some(look);
    });
    match result {
        Ok(mut rebuilt) => {
            crate::outln!(
                "Rebuilt {} pages in {:.1} ms ({:.1} ms loading{}, {:.1} ms rendering); {} changed{}",
                rebuilt.report.pages,
                (rebuilt.load + rebuilt.render).as_secs_f64() * 1e3,
                rebuilt.load.as_secs_f64() * 1e3,
                if rebuilt.reloaded_templates {
                    " content and templates"
                } else {
                    " content"
                },
                rebuilt.render.as_secs_f64() * 1e3,
                match rebuilt.changed.len() {
                    1 => "1 file".to_owned(),
                    n => format!("{n} files"),
                },
                match &shown {
                    Some(look) => format!(", {} of them shown first", look.changed.len()),
                    None => String::new(),
                }
            );
            // Tabs reloaded by the first look are not reloaded again for the same bytes.
            if let Some(look) = &shown {
                rebuilt.changed.retain(|path| {
                    !look.changed.contains(path)
                        || !(look.files.get(path).zip(rebuilt.files.get(path)))
                            .is_some_and(|(a, b)| session::same(a, b))
                });
            }
            // The previous site is freed after the browsers are told, not before.
            let previous = std::mem::replace(
                &mut *served.files.write().unwrap_or_else(|e| e.into_inner()),
                rebuilt.files,
            );
            *served.error.write().unwrap_or_else(|e| e.into_inner()) = None;
            let _ = served.notices.send(Notice::Reload {
                changed: Arc::new(rebuilt.changed),
                complete: true,
            });
            drop(previous);
        }
        Err(e) => {
            let message = match &e {
                Error::Diagnostics(diags) => diags
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
                other => other.to_string(),
            };
            crate::errln!("Build failed; still serving the last good site:\n{}", e);
            if shown.is_some() {
                *served.files.write().unwrap_or_else(|e| e.into_inner()) = last_good;
            }
            *served.error.write().unwrap_or_else(|e| e.into_inner()) = Some(message.clone());
            let _ = served.notices.send(Notice::Failed(message));
        }
    }
}

async fn reload_script() -> Response<Body> {
    respond(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        RELOAD_SCRIPT.as_bytes().to_vec(),
    )
}

fn failure_event(message: &str) -> Event {
    Event::default()
        .event("build-error")
        .data(serde_json::json!({ "message": message }).to_string())
}

/// Server-sent events: the current state on connect, then a notice after every build.
async fn events(
    State(served): State<Arc<Served>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let first = match served
        .error
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .as_deref()
    {
        Some(message) => failure_event(message),
        None => Event::default().event("ok").data("{}"),
    };
    let updates =
        BroadcastStream::new(served.notices.subscribe()).filter_map(|notice| match notice {
            Ok(Notice::Reload { changed, complete }) => {
                Some(Ok(Event::default().event("reload").data(
                    serde_json::json!({ "changed": *changed, "complete": complete }).to_string(),
                )))
            }
            Ok(Notice::Failed(message)) => Some(Ok(failure_event(&message))),
            Err(_) => None,
        });
    Sse::new(tokio_stream::once(Ok(first)).chain(updates)).keep_alive(KeepAlive::default())
}

async fn status(State(served): State<Arc<Served>>) -> Response<Body> {
    let error = served
        .error
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let body = serde_json::json!({ "ok": error.is_none(), "error": error }).to_string();
    respond(StatusCode::OK, "application/json", body.into_bytes())
}

/// A file of the site: `/` and folders map to `index.html`, anything else unknown to the site's
/// 404 page. Paths are only ever looked up in the in-memory site, never on disk.
async fn page(State(served): State<Arc<Served>>, uri: Uri) -> Response<Body> {
    let files = served
        .files
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let Some(path) = site_path(uri.path()) else {
        return not_found(&files);
    };
    if let Some(bytes) = files.get(&path) {
        return respond(StatusCode::OK, content_type(&path), inject(&path, bytes));
    }
    let index = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        format!("{path}/index.html")
    };
    match files.get(&index) {
        Some(bytes) if path.is_empty() || path.ends_with('/') => {
            respond(StatusCode::OK, content_type(&index), inject(&index, bytes))
        }
        Some(_) => {
            let mut response = respond(
                StatusCode::MOVED_PERMANENTLY,
                "text/plain; charset=utf-8",
                Vec::new(),
            );
            if let Ok(location) = HeaderValue::from_str(&format!("/{path}/")) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            response
        }
        None => not_found(&files),
    }
}

/// The relative site path of a request path, or `None` if it tries to leave the site (`..`,
/// backslashes, NUL) or is not valid UTF-8 once decoded.
fn site_path(request: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(request)
        .decode_utf8()
        .ok()?;
    let mut parts = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s if s.contains('\\') || s.contains('\0') => return None,
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if decoded.ends_with('/') && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

fn not_found(files: &BTreeMap<String, Arc<[u8]>>) -> Response<Body> {
    // Before the first good build there is no site: a bare page still carries the reload script,
    // so the problems show and the page reloads once they are fixed.
    const NO_SITE: &[u8] = b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>httpref serve</title></head><body><p>The site has not built yet.</p></body></html>";
    let body = match files.get("404.html") {
        Some(page) => inject("404.html", page),
        None => inject("index.html", NO_SITE),
    };
    respond(StatusCode::NOT_FOUND, "text/html; charset=utf-8", body)
}

/// Adds the live-reload script to HTML pages (only here: `httpref build` never does). The tag
/// names the file served, so the tab reloads only when that file changed.
fn inject(path: &str, bytes: &[u8]) -> Vec<u8> {
    if !path.ends_with(".html") {
        return bytes.to_vec();
    }
    let html = String::from_utf8_lossy(bytes);
    let tag = script_tag(path);
    match html.find("</head>") {
        Some(at) => format!("{}{tag}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{tag}").into_bytes(),
    }
}

fn script_tag(path: &str) -> String {
    let attribute = crate::html_text::escape(path);
    format!("<script src=\"{SCRIPT_SRC}\" data-page=\"{attribute}\" defer></script>")
}

fn content_type(path: &str) -> &'static str {
    match Path::new(path).extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn respond(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response<Body> {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_host_names_on_our_port_are_answered() {
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LocalHost:1111",
            "[::1]:1111",
            "127.0.0.1",
            "localhost",
        ] {
            assert!(is_local_host(ok, 1111), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "localhost.evil.example:1111",
            "127.0.0.1.nip.io:1111",
            "127.0.0.1:2222",
            "localhost:1111:1111",
            "[::1",
            "[::2]:1111",
            "",
        ] {
            assert!(!is_local_host(bad, 1111), "{bad}");
        }
    }

    #[test]
    fn request_paths_cannot_leave_the_site() {
        assert_eq!(site_path("/codes/404/"), Some("codes/404/".to_owned()));
        assert_eq!(site_path("/"), Some(String::new()));
        assert_eq!(
            site_path("/style.abc.css"),
            Some("style.abc.css".to_owned())
        );
        assert_eq!(site_path("/a/./b"), Some("a/b".to_owned()));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/codes/..%2f..%2fsecret",
            "/a\\..\\b",
            "/%00",
            "/%ff",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_reload_script_is_injected_into_html_only() {
        let html = inject(
            "index.html",
            b"<html><head><title>x</title></head><body></body></html>",
        );
        assert!(
            String::from_utf8(html)
                .unwrap()
                .contains(&format!("{}</head>", script_tag("index.html")))
        );
        assert_eq!(inject("style.css", b"body{}"), b"body{}");
    }
}
