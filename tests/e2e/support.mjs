// Shared helpers for the browser tests: a static server for the built site, Debian's Chromium
// driven by playwright-core, and a watcher that records console errors, failed requests and
// Content-Security-Policy violations.
import { before, after } from "node:test";
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The built site to test (tests/run.sh builds it and sets this). */
export const SITE = process.env.HTTPREF_SITE;
if (!SITE || !fs.existsSync(path.join(SITE, "index.html"))) {
  throw new Error("HTTPREF_SITE must point at a built site (run: bash tests/run.sh)");
}

/** The two viewports layouts are checked at: a phone and a desktop. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

/** Where screenshots and PDFs go for a person to look at (git-ignored). */
export const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), "screenshots");
fs.mkdirSync(SHOTS, { recursive: true });

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".webmanifest": "application/manifest+json",
};

/** A path as a static host reads it; a malformed escape stays as it came (and matches no file). */
function safeDecode(path) {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Serves `dir` on a free loopback port, like a static host: index.html for folders, 404.html for
 * misses (a language folder's own 404.html under that folder, as `_redirects` asks of hosts).
 * `dir` may be a function, asked on every request (a new deploy is a new folder). */
export async function serve(dir = SITE) {
  // While `down`, every connection is dropped unanswered: the host is gone, whatever the
  // browser's own network emulation lets through.
  let down = false;
  const server = http.createServer((req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const root = path.resolve(typeof dir === "function" ? dir() : dir);
    const url = new URL(req.url, "http://localhost");
    let file = path.normalize(path.join(root, safeDecode(url.pathname)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      file = path.join(file, "index.html");
    }
    if (!fs.existsSync(file)) {
      // A translation's own not-found page answers under its folder, as `_redirects` says.
      const folder = url.pathname.split("/")[1];
      const own = path.join(root, folder, "404.html");
      const notFound = folder && fs.existsSync(own) ? own : path.join(root, "404.html");
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : "not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    setDown: (value) => {
      down = value;
      if (down) server.closeAllConnections();
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Headless Chromium from Debian's package (no browser download). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Records what must never happen on a page: console errors, uncaught errors, failed requests. */
export function watch(page) {
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => {
    // ERR_ABORTED is the browser dropping a request because the test navigated on; real failures
    // (refused connections, DNS, blocked by CSP) have other error texts.
    const error = req.failure()?.errorText;
    if (error !== "net::ERR_ABORTED") problems.push(`request failed: ${req.url()} ${error}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}

/** For one test file: serves the built site and launches Chromium before its tests, and stops both
 * after them. The returned object's `url` and `browser` are set once the tests run; its `open`
 * opens a page at `viewport` in `scheme`, watched for errors (`javaScript: false` turns scripts
 * off). */
export function useSite() {
  const site = {
    async open(address, { viewport = DESKTOP, scheme = "light", javaScript = true } = {}) {
      const context = await site.browser.newContext({ viewport, colorScheme: scheme, javaScriptEnabled: javaScript });
      const page = await context.newPage();
      const problems = watch(page);
      const response = await page.goto(site.url + address);
      return { context, page, problems, response };
    },
  };
  let server;
  before(async () => {
    server = await serve();
    site.url = server.url;
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await server?.close();
  });
  return site;
}

const AXE = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "node_modules/axe-core/axe.min.js"), "utf8");

/** axe-core's WCAG 2.2 A and AA violations on the page as it is now, one line each. */
export async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`);
  });
}
