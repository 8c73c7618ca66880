// The search box in a real browser: "/" focuses it, results appear as you type, arrows and Enter
// navigate, Escape closes; the index loads on first use only; the no-JavaScript search page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axe, useSite, watch } from "./support.mjs";


const site = useSite();

test("keyboard search from any page", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  const requests = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(site.url + "/codes/404/");
  await page.waitForLoadState("networkidle");
  assert.equal(requests.filter((p) => p.includes("search-index") || p.endsWith("/entry.json")).length, 0, "no index on plain page load");
  assert.equal(requests.filter((p) => p.includes("search-core.")).length, 0, "no ranking core on plain page load");

  await page.keyboard.press("/");
  const input = page.getByRole("combobox", { name: "Search status codes" });
  assert.equal(await input.evaluate((el) => el === document.activeElement), true, "/ focuses the search box");
  await page.keyboard.type("too many");
  const listbox = page.getByRole("listbox", { name: "Search results" });
  await listbox.getByRole("option").first().waitFor();
  assert.equal(await input.getAttribute("aria-expanded"), "true");
  const options = listbox.getByRole("option");
  assert.match(await options.first().textContent(), /^429 Too Many Requests/);
  assert.equal(await options.first().locator("mark").first().textContent(), "Too");
  assert.match(await page.locator("#search-input ~ .search-status, .site-search .search-status").first().textContent(), /^\d+ results?/);

  // Arrows move the active option; Enter opens it.
  assert.equal(await input.getAttribute("aria-activedescendant"), "search-results-0");
  await page.keyboard.press("ArrowDown");
  assert.equal(await input.getAttribute("aria-activedescendant"), "search-results-1");
  await page.keyboard.press("ArrowUp");
  assert.equal(await input.getAttribute("aria-activedescendant"), "search-results-0");
  const axeViolations = await axe(page);
  assert.deepEqual(axeViolations, [], "axe with the results open");
  await Promise.all([page.waitForURL(/\/codes\/429\/$/), page.keyboard.press("Enter")]);

  // Escape closes the results.
  await page.keyboard.press("/");
  await page.keyboard.type("gateway");
  await listbox.getByRole("option").first().waitFor();
  await page.keyboard.press("Escape");
  assert.equal(await input.getAttribute("aria-expanded"), "false");
  assert.equal(await page.locator(".site-search .search-panel").isVisible(), false);

  // The only requests the search makes are the entry file and the hashed index it names, once each
  // per page.
  const searchRequests = requests.filter((p) => !/\.(html|css|js|svg)$/.test(p) && !p.endsWith("/"));
  assert.ok(searchRequests.every((p) => /^\/search-index\.[0-9a-f]{10}\.json$/.test(p) || p === "/search/entry.json"), searchRequests.join(", "));
  assert.equal(new Set(searchRequests).size, 2, searchRequests.join(", "));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a query with no result offers the decision tree and the classes", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(site.url + "/");
  await page.getByRole("combobox", { name: "Search status codes" }).fill("zzqxv");
  await page.locator(".site-search .search-empty p").first().waitFor();
  assert.equal(await page.locator(".site-search .search-status").textContent(), "No results");
  assert.ok(await page.locator(".site-search .search-empty a", { hasText: "answering a few questions" }).count());
  assert.equal(await page.locator(".site-search .search-empty a", { hasText: /^[1-5]xx$/ }).count(), 5);
  await page.getByRole("combobox", { name: "Search status codes" }).fill("427");
  await page.locator(".site-search .search-empty p", { hasText: "427 is unassigned" }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("the search page filters by class", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(site.url + "/search/?q=timeout");
  const options = page.locator("#page-search-results [role=option]");
  await options.first().waitFor();
  // The radios are styled as chips: the label is what a reader clicks.
  await page.locator(".search-filter label", { hasText: "5xx" }).click();
  assert.equal(await page.getByRole("radio", { name: "5xx" }).isChecked(), true);
  await page.waitForFunction(() => document.querySelector("#page-search-results [role=option]")?.dataset.url === "/codes/504/");
  const hrefs = await options.evaluateAll((items) => items.map((li) => li.dataset.url));
  assert.ok(hrefs.length > 0);
  assert.equal(hrefs[0], "/codes/504/");
  assert.ok(hrefs.every((h) => /^\/(codes\/5\d\d\/|compare\/5|classes\/5xx\/|decide\/)/.test(h)), hrefs.join(" "));
  assert.deepEqual(problems, []);
  await context.close();
});

test("without JavaScript the form goes to a search page that lists every code", async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.url + "/codes/404/");
  await page.locator("#search-input").fill("conflict");
  await Promise.all([page.waitForURL(/\/search\/\?q=conflict$/), page.locator("#search-input").press("Enter")]);
  assert.equal(await page.locator("h1").textContent(), "Search");
  const links = await page.locator(".code-list a").allTextContents();
  assert.ok(links.includes("409 Conflict"), "409 is listed by class with its name");
  assert.ok(links.length > 80);
  await context.close();
});
