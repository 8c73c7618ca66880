// Installation and address-bar search in a real browser: the manifest and its icons load, the
// OpenSearch description parses as OpenSearch 1.1 and a query URL made from its template opens
// the search page with the query in the box and results shown; the 103 and 308 pages show their
// browser-support tables, readable at phone width (no sideways scroll) and accessible.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSite, watch, axe } from "./support.mjs";

const site = useSite();

test("the manifest and its icons load", async () => {
  const page = await site.browser.newPage();
  await page.goto(site.url + "/");
  const href = await page.getAttribute("link[rel=manifest]", "href");
  const manifest = await (await page.request.get(site.url + href)).json();
  assert.equal(manifest.start_url, "/");
  assert.equal(manifest.display, "standalone");
  for (const icon of manifest.icons) {
    const response = await page.request.get(site.url + icon.src);
    assert.equal(response.status(), 200, icon.src);
    assert.equal(response.headers()["content-type"], icon.type, icon.src);
  }
  assert.ok(manifest.icons.some((i) => i.sizes === "512x512" && i.type === "image/png"));
  await page.close();
});

test("the OpenSearch description validates and its query URL opens the search page with results", async () => {
  const page = await site.browser.newPage();
  const problems = watch(page);
  await page.goto(site.url + "/codes/404/");
  const link = page.locator("link[rel=search]");
  assert.equal(await link.getAttribute("type"), "application/opensearchdescription+xml");
  const xml = await (await page.request.get(site.url + (await link.getAttribute("href")))).text();
  const description = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const NS = "http://a9.com/-/spec/opensearch/1.1/";
    const root = doc.documentElement;
    const one = (name) => doc.getElementsByTagNameNS(NS, name)[0]?.textContent ?? null;
    const urls = [...doc.getElementsByTagNameNS(NS, "Url")].map((u) => ({ type: u.getAttribute("type"), template: u.getAttribute("template") }));
    return {
      error: doc.querySelector("parsererror")?.textContent ?? null,
      root: root.localName,
      ns: root.namespaceURI,
      shortName: one("ShortName"),
      descriptionText: one("Description"),
      urls,
    };
  }, xml);
  assert.equal(description.error, null);
  assert.equal(description.root, "OpenSearchDescription");
  assert.equal(description.ns, "http://a9.com/-/spec/opensearch/1.1/");
  assert.ok(description.shortName && description.shortName.length <= 16, description.shortName);
  assert.ok(description.descriptionText && description.descriptionText.length <= 1024);
  const html = description.urls.find((u) => u.type === "text/html");
  assert.ok(html, JSON.stringify(description.urls));
  assert.match(html.template, /^https?:\/\/[^/]+\/search\/\?q=\{searchTerms\}$/);

  // What a browser does: fill in the words. The site is built for its public address, so the
  // query goes to the same path on the test server.
  const query = "too many requests";
  const url = new URL(html.template.replace("{searchTerms}", encodeURIComponent(query)));
  await page.goto(site.url + url.pathname + url.search);
  assert.equal(await page.locator(".search-page-form input[type=search]").inputValue(), query);
  const first = page.locator(".search-page-form .search-result").first();
  await first.waitFor({ timeout: 10_000 });
  assert.match(await first.textContent(), /429/);
  assert.deepEqual(problems, []);
  await page.close();
});

for (const code of ["103", "308"]) {
  test(`${code} shows its browser-support table, at phone width and accessibly`, async () => {
    for (const colorScheme of ["light", "dark"]) {
      const page = await site.browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme });
      const problems = watch(page);
      await page.goto(`${site.url}/codes/${code}/`);
      const section = page.locator("section.compat");
      assert.equal(await section.locator("h2").textContent(), "Browser support");
      assert.deepEqual(await section.locator("caption").allTextContents(), ["Desktop", "Mobile"]);
      assert.equal(await section.locator("tbody tr").count(), 10);
      assert.match(await section.locator(".compat-source").textContent(), /browser-compat-data \d+\.\d+\.\d+ \(\d{4}-\d{2}-\d{2}/);
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(widths[0] <= widths[1], `no sideways scroll: ${widths}`);
      assert.deepEqual(await axe(page), [], `${code} ${colorScheme}`);
      assert.deepEqual(problems, []);
      await page.close();
    }
  });
}
