// Offline reading: after one visit the whole site works with the network off (pages never
// visited, search), a new deploy replaces the cache whole, and a sub-path deployment works the
// same. Builds its own copies of the site with target/release/httpref (HTTPREF_BIN overrides).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SITE, serve, launch, watch } from "./support.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const binary = process.env.HTTPREF_BIN || path.join(repo, "target/release/httpref");

let browser;
let tmp;
before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "httpref-offline-"));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Builds a copy of the repository's site, after `edit(root)`, into `out`. */
function build(out, { edit = () => {}, baseUrl } = {}) {
  const root = path.join(tmp, `src-${path.basename(out)}`);
  for (const part of ["content", "templates", "static"]) fs.cpSync(path.join(repo, part), path.join(root, part), { recursive: true });
  edit(root);
  const args = ["build", "--root", root, "--out", out];
  if (baseUrl) args.push("--base-url", baseUrl);
  execFileSync(binary, args, { stdio: "pipe" });
  return out;
}

/** Waits for the quiet line that says the site is saved for offline reading. */
async function waitUntilSaved(page) {
  const status = page.locator(".offline-status");
  await status.waitFor({ state: "visible", timeout: 60_000 });
  assert.equal((await status.textContent()).trim(), "Saved for offline reading");
}

/** The version of the worker a built site ships. */
function version(dir) {
  return fs.readFileSync(path.join(dir, "sw.js"), "utf8").match(/const VERSION = "([0-9a-f]+)"/)[1];
}

/** Names of the caches the site's origin holds now. */
function cacheNames(page) {
  return page.evaluate(() => caches.keys());
}

/** Searches with the header's box and returns the result titles. */
async function searchFromHeader(page, query) {
  const input = page.locator("header input[type=search]");
  await input.fill(query);
  const results = page.locator("header .search-result");
  await results.first().waitFor({ timeout: 10_000 });
  return results.allTextContents();
}

test("after one visit, pages never visited and search work offline", async () => {
  const server = await serve(SITE);
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  try {
    await page.goto(server.url + "/");
    await waitUntilSaved(page);
    // The line is announced once, in the visit that saved the site.
    assert.equal(await page.locator(".offline-status").getAttribute("role"), "status");

    await context.setOffline(true);
    server.setDown(true);
    const unvisited = [
      ["/codes/418/", /418/],
      ["/codes/308/", /308/],
      ["/classes/5xx/", /5xx|Server Error/],
      ["/compare/401-vs-403/", /401 vs 403/],
      ["/guides/common-mistakes/", /./],
      ["/decide/start/", /./],
      ["/cheatsheet/", /cheat sheet/i],
      ["/codes/404", /404/], // without the slash, as people type it
    ];
    for (const [address, heading] of unvisited) {
      const response = await page.goto(server.url + address);
      assert.ok(response.fromServiceWorker(), `${address} comes from the offline copy`);
      assert.equal(response.status(), 200, address);
      assert.match(await page.locator("h1").textContent(), heading, address);
      // Stylesheet applied: the offline copy includes the hashed CSS.
      const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).borderBottomStyle !== "" && document.styleSheets.length > 0 && document.styleSheets[0].cssRules.length > 10);
      assert.ok(styled, `${address} has its stylesheet`);
    }
    // The line says so while offline, without a new announcement.
    const status = page.locator(".offline-status");
    assert.equal((await status.textContent()).trim(), "Offline: reading the saved copy");
    assert.equal(await status.getAttribute("role"), null);

    // Search, from the header box (the index was never fetched online) and from a query URL.
    const titles = await searchFromHeader(page, "teapot");
    assert.ok(titles.some((t) => t.includes("418")), titles.join(" | "));
    await page.goto(server.url + "/search/?q=too+many+requests");
    const first = page.locator(".search-page-form .search-result").first();
    await first.waitFor({ timeout: 10_000 });
    assert.match(await first.textContent(), /429/);

    // A page that does not exist gets the not-found page, from the cache too.
    const missing = await page.goto(server.url + "/codes/999/");
    assert.ok(missing.fromServiceWorker());
    assert.match(await page.title(), /not found/i);
    await context.setOffline(false);
    server.setDown(false);
    assert.deepEqual(problems.filter((p) => !p.includes("/codes/999/")), []);
  } finally {
    await context.close();
    await server.close();
  }
});

test("a new deploy replaces the cache whole: new content offline, no old page left", async () => {
  const before = path.join(tmp, "deploy-1");
  const afterDir = path.join(tmp, "deploy-2");
  const oldDescription = "Reference of the old deploy, footer on every page.";
  const newDescription = "Reference of the new deploy, footer on every page.";
  const setDescription = (text) => (root) => {
    const file = path.join(root, "content/site.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^description: .*$/m, `description: ${JSON.stringify(text)}`));
  };
  build(before, { edit: setDescription(oldDescription) });
  build(afterDir, {
    edit: (root) => {
      setDescription(newDescription)(root);
      const file = path.join(root, "content/codes/418.md");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^summary: .*$/m, "summary: Changed in the second deploy."));
    },
  });
  assert.notEqual(version(before), version(afterDir));

  let current = before;
  const server = await serve(() => current);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(server.url + "/codes/404/");
    await waitUntilSaved(page);
    assert.deepEqual(await cacheNames(page), [`httpref / ${version(before)}`]);

    // Deploy: the next visit fetches the changed worker, which caches the new build and then
    // drops the old cache.
    current = afterDir;
    await page.reload();
    const wanted = [`httpref / ${version(afterDir)}`];
    for (let i = 0; i < 200 && JSON.stringify(await cacheNames(page)) !== JSON.stringify(wanted); i++) {
      await page.waitForTimeout(100);
    }
    assert.deepEqual(await cacheNames(page), wanted);

    // Every cached page is the new build's, byte for byte.
    const entries = await page.evaluate(async (name) => {
      const cache = await caches.open(name);
      const out = [];
      for (const request of await cache.keys()) {
        const url = new URL(request.url);
        if (url.pathname.endsWith("/") || url.pathname.endsWith(".html")) {
          out.push([url.pathname, await (await cache.match(request)).text()]);
        }
      }
      return out;
    }, wanted[0]);
    assert.ok(entries.length > 150, `${entries.length} pages cached`);
    for (const [pathname, text] of entries) {
      const file = path.join(afterDir, pathname.endsWith("/") ? pathname + "index.html" : pathname);
      assert.equal(text, fs.readFileSync(file, "utf8"), `${pathname} is the new deploy's`);
      assert.ok(!text.includes(oldDescription), `${pathname} has nothing of the old deploy`);
    }

    // Offline, pages (visited or not) are the new ones.
    await context.setOffline(true);
    server.setDown(true);
    await page.goto(server.url + "/codes/418/");
    assert.match(await page.locator("main").textContent(), /Changed in the second deploy\./);
    assert.match(await page.locator("footer").textContent(), new RegExp(newDescription.replace(/\./g, "\\.")));
    await page.goto(server.url + "/classes/2xx/");
    assert.match(await page.locator("footer").textContent(), /new deploy/);
    assert.doesNotMatch(await page.content(), /old deploy/);
  } finally {
    await context.close();
    await server.close();
  }
});

test("a sub-path deployment is cached and served offline under its own path", async () => {
  const parent = path.join(tmp, "subpath");
  build(path.join(parent, "http"), { baseUrl: "https://example.org/http/" });
  const server = await serve(parent);
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  try {
    await page.goto(server.url + "/http/");
    await waitUntilSaved(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, server.url + "/http/");
    assert.deepEqual(await cacheNames(page), [`httpref /http/ ${version(path.join(parent, "http"))}`]);

    await context.setOffline(true);
    server.setDown(true);
    for (const address of ["/http/codes/410/", "/http/classes/3xx/", "/http/search/?q=gone"]) {
      const response = await page.goto(server.url + address);
      assert.ok(response.fromServiceWorker(), address);
      assert.equal(response.status(), 200, address);
    }
    const first = page.locator(".search-page-form .search-result").first();
    await first.waitFor({ timeout: 10_000 });
    assert.match(await first.textContent(), /410/);
    // The manifest's scope and start are the sub-path.
    await context.setOffline(false);
    server.setDown(false);
    const manifest = await (await page.request.get(server.url + "/http/manifest.webmanifest")).json();
    assert.equal(manifest.scope, "/http/");
    assert.equal(manifest.start_url, "/http/");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test("a reader of the Spanish site gets the Spanish pages offline, and the English worker leaves them out", async () => {
  const english = fs.readFileSync(path.join(SITE, "sw.js"), "utf8");
  assert.ok(!english.includes('"/es/'), "the English worker precaches nothing under /es/");
  const server = await serve(SITE);
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  try {
    await page.goto(server.url + "/es/");
    await waitUntilSaved(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(new URL(scope).pathname, "/es/");
    await context.setOffline(true);
    server.setDown(true);
    for (const address of ["/es/codes/418/", "/es/classes/5xx/", "/es/decide/start/"]) {
      const response = await page.goto(server.url + address);
      assert.ok(response.fromServiceWorker(), `${address} comes from the offline copy`);
      assert.equal(await page.getAttribute("html", "lang"), "es", address);
      const styled = await page.evaluate(() => document.styleSheets.length > 0 && document.styleSheets[0].cssRules.length > 10);
      assert.ok(styled, `${address} has the shared stylesheet`);
    }
    const titles = await searchFromHeader(page, "teapot");
    assert.ok(titles.some((t) => t.includes("418")), titles.join(" | "));
    assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|net::/.test(p)), []);
  } finally {
    server.setDown(false);
    await context.close();
    await server.close();
  }
});
