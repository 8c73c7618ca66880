// Decision trees in a real browser: walking to a result with JavaScript on (in place, with the
// address bar and back button following), reloading mid-walk, and the same walk with JavaScript off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSite, watch } from "./support.mjs";

const WALK = [
  "It succeeded, or the server took on the work",
  "It created a new resource",
];
const START = "/decide/start/";

const site = useSite();

async function startPage(context) {
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(site.url + START);
  // The tree's overview page links to its first question.
  await page.getByRole("link", { name: "Start with the first question" }).click();
  await page.waitForURL(/\/decide\/start\/[a-z0-9-]+\/$/);
  return { page, problems };
}

async function answer(page, label) {
  await page.locator("#decide .answers").getByRole("link", { name: label, exact: true }).click();
}

test("walks to a result in place, with history and reload", async () => {
  const context = await site.browser.newContext();
  const { page, problems } = await startPage(context);
  const firstUrl = page.url();
  const firstQuestion = await page.locator("#decide h1").textContent();
  // A marker on the window survives only if no page load happens.
  await page.evaluate(() => (window.__walkMarker = "same document"));

  const urls = [firstUrl];
  for (const label of WALK) {
    const before = page.url();
    await answer(page, label);
    await page.waitForFunction((url) => location.href !== url, before);
    urls.push(page.url());
  }
  await page.locator("#decide h1", { hasText: "Use 201 Created" }).waitFor();
  assert.equal(await page.evaluate(() => window.__walkMarker), "same document", "no page load during the walk");
  assert.equal(new Set(urls).size, urls.length, "each step has its own URL");
  assert.deepEqual(await page.locator(".decide-path .answer").allTextContents(), WALK);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "H1", "focus moves to the new step");
  assert.match(await page.title(), /: use 201 Created · /);

  // Back goes one step back, in place; forward returns to the result.
  await page.goBack();
  await page.waitForURL(urls[urls.length - 2]);
  await page.locator("#decide .answers").waitFor();
  assert.deepEqual(await page.locator(".decide-path .answer").allTextContents(), WALK.slice(0, -1));
  await page.goForward();
  await page.locator("#decide h1", { hasText: "Use 201 Created" }).waitFor();

  // Reloading mid-walk opens the same step with the same path.
  await page.goBack();
  await page.waitForURL(urls[urls.length - 2]);
  await page.locator("#decide .answers").waitFor();
  await page.reload();
  assert.equal(page.url(), urls[urls.length - 2]);
  await page.locator("#decide .answers").waitFor();
  assert.deepEqual(await page.locator(".decide-path .answer").allTextContents(), WALK.slice(0, -1));

  // A step in the path can be revisited.
  await page.locator(".decide-path a").first().click();
  await page.waitForURL(firstUrl);
  assert.equal(await page.locator("#decide h1").textContent(), firstQuestion);
  assert.deepEqual(await page.locator(".decide-path li").allTextContents(), []);

  // A shared link opens the same step in a fresh tab.
  const shared = await context.newPage();
  await shared.goto(urls[2]);
  assert.equal(await shared.locator("#decide h1").count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the same walk works with JavaScript off", async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const { page, problems } = await startPage(context);
  for (const label of WALK) {
    await Promise.all([page.waitForNavigation(), answer(page, label)]);
  }
  assert.equal(await page.locator("#decide h1").textContent(), "Use 201 Created");
  // The server-rendered path shows the answers every route here gives, each step a link: the
  // success tree is also entered from the conditional-request tree, so only its own answer is
  // certain (issue 20, point 12: never a question the reader was not asked).
  assert.deepEqual(await page.locator(".decide-path .answer").allTextContents(), WALK.slice(-1));
  await page.getByRole("link", { name: "Read the full entry for 201 Created" }).click();
  await page.waitForURL(/\/codes\/201\/$/);
  assert.deepEqual(problems, []);
  await context.close();
});
