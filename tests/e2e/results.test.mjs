// Decision results that read right (issue 20, point 12): a result reached by several routes shows
// the reader's real route (with JavaScript, the answers given) or none, and a title naming no
// question they were not asked; "Headers to send" lists only response fields, keeps MUST NOT fields
// apart, and explains the levels; near alternatives name the codes people confuse, each with a
// one-line reason, and quote a sibling answer with its question; "Start over" goes back to the
// first question of the whole walk and never links to the page itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axe, useSite, watch } from "./support.mjs";

const site = useSite();
const START = "/decide/start/outcome/";

const siteTitle = (title) => title.split(" · ")[0];

test("a result reached from another tree claims no route the reader did not take", async () => {
  // Without JavaScript: opened by its address, 501 (reached from the 4xx and the 5xx trees) shows
  // no path, and its title names no question.
  const off = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await off.newPage();
  await page.goto(site.url + "/decide/server-error/not-implemented/");
  assert.equal(await page.locator(".decide-path").isVisible(), false);
  assert.equal(await page.locator(".decide-path li").count(), 0);
  assert.equal(siteTitle(await page.title()), "Use 501 Not Implemented");
  // The same walk without JavaScript, through the 4xx tree: still no path of another tree.
  await page.goto(site.url + START);
  for (const label of ["The request is wrong, not allowed or over a limit", "The target: the URL, the resource or the method", "It exists, but not for this method", "No, not for any resource"]) {
    await page.locator("#decide .answers").getByRole("link", { name: label, exact: true }).click();
  }
  assert.equal(new URL(page.url()).pathname, "/decide/server-error/not-implemented/");
  assert.doesNotMatch(await page.locator("#decide").textContent(), /What failed|Where did it fail|server, or a server behind it/);
  await off.close();

  // With JavaScript the walk actually taken is shown, and nothing else.
  const on = await site.browser.newContext();
  const walker = await on.newPage();
  const problems = watch(walker);
  await walker.goto(site.url + START);
  const walk = ["The request is wrong, not allowed or over a limit", "The target: the URL, the resource or the method", "It exists, but not for this method", "No, not for any resource"];
  for (const label of walk) {
    const before = walker.url();
    await walker.locator("#decide .answers").getByRole("link", { name: label, exact: true }).click();
    await walker.waitForFunction((url) => location.href !== url, before);
  }
  await walker.locator("#decide h1", { hasText: "Use 501" }).waitFor();
  assert.deepEqual(await walker.locator(".decide-path .answer").allTextContents(), walk);
  assert.equal(await walker.locator(".decide-path").getAttribute("aria-label"), "Your answers so far");
  assert.deepEqual(problems, []);
  await on.close();
});

test("headers to send are response fields only, MUST NOT fields apart, with a legend", async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // 412: If-None-Match, If-Match and If-Unmodified-Since are request fields.
  await page.goto(site.url + "/decide/caching/precondition-failed/");
  const sent412 = await page.locator("#send + .send-headers code").allTextContents();
  for (const request of ["If-None-Match", "If-Match", "If-Unmodified-Since"]) assert.ok(!sent412.includes(request), `${request} in ${sent412}`);
  // 204: Content-Length and Transfer-Encoding must not be sent, and are listed as such.
  await page.goto(site.url + "/decide/success/no-content/");
  const sent204 = await page.locator("#send + .send-headers code").allTextContents();
  const never204 = await page.locator("#never + .send-headers code").allTextContents();
  assert.ok(never204.includes("Content-Length") && never204.includes("Transfer-Encoding"), never204.join(" "));
  // (ETag may be on both lists: sent after a PATCH, never after a transformed PUT, as each note says.)
  for (const field of ["Content-Length", "Transfer-Encoding"]) assert.ok(!sent204.includes(field), `${field} listed to send`);
  const levels204 = await page.locator("#send + .send-headers .level").allTextContents();
  assert.ok(levels204.length > 0 && levels204.every((l) => !l.endsWith("NOT")), levels204.join(" "));
  assert.match(await page.locator("#never").textContent(), /not to send/);
  // Every level shown is explained once in the legend.
  const shown = await page.locator(".send-headers .level").allTextContents();
  const legend = await page.locator(".levels-legend dt").allTextContents();
  assert.ok(shown.length > 0);
  assert.deepEqual([...new Set(shown)].sort(), [...legend].sort());
  assert.ok((await page.locator(".levels-legend dd").allTextContents()).every((d) => d.trim().length > 3));
  // 206 lists no MUST NOT field among the ones to send either.
  await page.goto(site.url + "/decide/success/partial-content/");
  const levels206 = await page.locator("#send + .send-headers .level").allTextContents();
  assert.ok(levels206.length > 0 && !levels206.includes("MUST NOT"), levels206.join(" "));
  await context.close();
});

// [result page, confusable code]
const CONFUSABLE = [
  ["/decide/client-error/unauthorized/", 403],
  ["/decide/client-error/forbidden/", 401],
  ["/decide/client-error/forbidden/", 451],
  ["/decide/client-error/too-many-requests/", 503],
  ["/decide/server-error/service-unavailable/", 429],
  ["/decide/server-error/service-unavailable/", 500],
  ["/decide/server-error/internal-server-error/", 503],
  ["/decide/client-error/conflict-state/", 422],
  ["/decide/client-error/unprocessable-content/", 409],
  ["/decide/success/ok/", 303],
  ["/decide/success/created/", 303],
];

test("near alternatives name the codes people confuse, each with a one-line reason", async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const [path, code] of CONFUSABLE) {
    await page.goto(site.url + path);
    const item = page.locator(".alternatives li", { has: page.locator(`a[href="/codes/${code}/"]`) }).first();
    assert.equal(await item.count(), 1, `${path}: no ${code}`);
    const text = (await item.textContent()).trim();
    const reason = text.replace(/^\d{3} [^:]+: /, "");
    assert.ok(reason !== text && reason.length > 20 && reason.length < 200, `${path} ${code}: ${text}`);
  }
  // A sibling answer is quoted with its question.
  await page.goto(site.url + "/decide/client-error/not-found/");
  const sibling = await page.locator(".alternatives li", { hasText: "410 Gone" }).textContent();
  assert.match(sibling, /^Consider 410 Gone if the answer to “Was something here that was removed on purpose, for good\?” is “Yes, it was removed/);
  await context.close();
});

test("Start over goes back to the whole walk's first question, never to the page itself", async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.url + START);
  assert.equal(await page.getByRole("link", { name: "Start over" }).count(), 0);
  assert.equal(await page.getByRole("link", { name: "Back to the first question" }).count(), 0);
  const checked = [];
  for (const path of ["/decide/client-error/what-is-wrong/", "/decide/server-error/where-it-failed/", "/decide/client-error/unauthorized/", "/decide/success/created/"]) {
    await page.goto(site.url + path);
    const links = page.getByRole("link", { name: "Start over" });
    assert.equal(await links.count(), 1, path);
    assert.equal(await links.getAttribute("href"), START, path);
    checked.push(path);
  }
  assert.equal(checked.length, 4);
  await context.close();
});

test("a result page with its legend and alternatives passes axe in both themes", async () => {
  for (const theme of ["light", "dark"]) {
    const context = await site.browser.newContext({ colorScheme: theme, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(site.url + "/decide/success/no-content/");
    assert.ok(await page.locator(".levels-legend").isVisible(), theme);
    assert.deepEqual(await axe(page), [], theme);
    await page.screenshot({ path: `screenshots/results-204-phone-${theme}.png`, fullPage: true });
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(site.url + "/decide/client-error/forbidden/");
    assert.ok(await page.locator('.alternatives a[href="/codes/451/"]').isVisible(), theme);
    assert.deepEqual(await axe(page), [], theme);
    await page.screenshot({ path: `screenshots/results-403-desktop-${theme}.png`, fullPage: true });
    await context.close();
  }
});
