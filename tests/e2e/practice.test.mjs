// Practice mode (issue 14): a scenario walked without JavaScript (options are links to feedback
// pages) and with it (answered in place, focus on the feedback, a live announcement, a running
// score kept across reloads, the missed scenarios offered again, a shuffled order); axe finds
// nothing on the index, a scenario and a feedback page, in both themes; search finds the practice.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axe, useSite, watch } from "./support.mjs";

const site = useSite();
const SCENARIO = "/practice/expired-api-token/";

test("without JavaScript, options lead to feedback pages that say right or wrong and why", async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(site.url + "/practice/");
  await page.getByRole("link", { name: "Start with the first scenario" }).click();
  assert.match(new URL(page.url()).pathname, /^\/practice\/[a-z0-9-]+\/$/);
  await page.goto(site.url + SCENARIO);
  assert.equal(await page.locator("h1").textContent(), "Expired API token");
  // The feedback sections are hidden until an option is chosen.
  assert.equal(await page.locator("[data-practice-feedback]").first().isVisible(), false);

  // Wrong: 403, with its feedback, the right code's entry and the comparison page.
  await page.getByRole("link", { name: /^403 / }).click();
  assert.equal(new URL(page.url()).pathname, SCENARIO + "403/");
  const verdict = page.locator(".practice-verdict");
  assert.match(await verdict.textContent(), /^Not the best answer: 403/);
  assert.match(await page.locator(".practice-why").textContent(), /caller is known/);
  // The answer, its entry and the comparison are folded until asked for.
  assert.equal(await page.getByRole("link", { name: /The entry for 401/ }).isVisible(), false);
  await page.locator("summary", { hasText: "Show the answer" }).click();
  assert.ok(await page.getByRole("link", { name: /The entry for 401/ }).isVisible());
  assert.ok(await page.getByRole("link", { name: /^Compare: / }).first().isVisible());
  const canonical = await page.locator("link[rel=canonical]").getAttribute("href");
  assert.ok(canonical.endsWith(SCENARIO), `feedback pages name the scenario as canonical: ${canonical}`);

  // Right: 401, with the explanation and its citation.
  await page.getByRole("link", { name: "Try again" }).click();
  await page.getByRole("link", { name: /^401 / }).click();
  assert.equal(new URL(page.url()).pathname, SCENARIO + "401/");
  assert.match(await verdict.textContent(), /^Right: 401/);
  assert.ok(await page.locator('.practice-feedback a[href*="rfc9110#section-15.5.2"]').count());
  const next = page.locator("[data-practice-next]");
  assert.match(await next.textContent(), /^Next scenario: /);
  await next.click();
  assert.match(new URL(page.url()).pathname, /^\/practice\/[a-z0-9-]+\/$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("with JavaScript, answers come in place with focus, an announcement and a score that persists", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(site.url + SCENARIO);

  // Keyboard: focus the wrong option and press Enter; the page stays, the feedback takes focus.
  await page.getByRole("link", { name: /^403 / }).focus();
  await page.keyboard.press("Enter");
  assert.equal(new URL(page.url()).pathname, SCENARIO);
  const wrong = page.locator("#feedback-403");
  assert.ok(await wrong.isVisible());
  assert.equal(await page.evaluate(() => document.activeElement.id), "feedback-403");
  assert.match(await wrong.locator(".practice-verdict").textContent(), /^Not the best answer/);
  const announce = page.locator("[data-practice-announce]");
  assert.match(await announce.textContent(), /^Not the best answer: 403 .*Score: 0 right of 1 answered\./);
  assert.equal(await page.getByRole("link", { name: /^403 / }).getAttribute("aria-current"), "true");

  // The right option replaces the feedback; the first answer was the miss, and the score keeps it.
  await page.getByRole("link", { name: /^401 / }).click();
  assert.equal(await wrong.isVisible(), false);
  assert.ok(await page.locator("#feedback-401").isVisible());
  assert.match(await announce.textContent(), /^Right: 401 .*Score: 0 right of 1 answered\./);
  assert.equal(await page.locator("#feedback-401 .practice-score").textContent(), "Score: 0 right of 1 answered.");

  // Answer another one right; after a reload the score and the missed list are still there.
  await page.goto(site.url + "/practice/accept-header-xml-only/");
  await page.getByRole("link", { name: /^406 / }).click();
  await page.goto(site.url + "/practice/");
  await page.reload();
  assert.equal(await page.locator("[data-practice-score]").textContent(), "Score: 1 right of 2 answered.");
  // Each answered scenario is marked in the list.
  assert.deepEqual(await page.locator(".practice-list li:has(.missed) a").allTextContents(), ["Expired API token"]);
  assert.deepEqual(await page.locator(".practice-list li:has(.right) a").allTextContents(), ["Client accepts only XML"]);
  assert.equal(await page.locator('[data-slug="expired-api-token"]').textContent(), "Expired API tokenmissed");

  // "Practise the ones I missed" goes to it, and the next link then ends the round.
  await page.getByRole("button", { name: "Practise the ones I missed (1)" }).click();
  await page.waitForURL(/\/practice\/expired-api-token\/$/);
  assert.equal(await page.locator("[data-practice-next]").textContent(), "Done: back to all scenarios");
  await page.getByRole("link", { name: /^401 / }).click();
  await page.goto(site.url + "/practice/");
  assert.equal(await page.locator("[data-practice-score]").textContent(), "Score: 2 right of 2 answered.");
  assert.ok(await page.getByRole("button", { name: "Practise the ones I missed" }).isDisabled());

  // A shuffled order: "next" follows it, numbered.
  await page.getByRole("button", { name: "Practise in a shuffled order" }).click();
  await page.waitForURL(/\/practice\/[a-z0-9-]+\/$/);
  const queue = await page.evaluate(() => JSON.parse(localStorage.getItem("httpref-practice")).queue);
  assert.equal(new URL(page.url()).pathname, `/practice/${queue[0]}/`);
  assert.ok(queue.length >= 40 && new Set(queue).size === queue.length, `every scenario once: ${queue.length}`);
  const next = page.locator("[data-practice-next]");
  assert.equal(await next.textContent(), `Next scenario (2 of ${queue.length})`);
  await next.click();
  assert.equal(new URL(page.url()).pathname, `/practice/${queue[1]}/`);

  // Forgetting clears the score.
  await page.goto(site.url + "/practice/");
  await page.getByRole("button", { name: "Forget my answers" }).click();
  assert.equal(await page.locator("[data-practice-score]").textContent(), "No scenario answered yet.");
  assert.deepEqual(problems, []);
  await context.close();
});

for (const theme of ["light", "dark"]) {
  test(`axe finds nothing on the practice pages (${theme})`, async () => {
    const context = await site.browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    const problems = watch(page);
    for (const path of ["/practice/", SCENARIO, SCENARIO + "403/", SCENARIO + "401/"]) {
      await page.goto(site.url + path);
      assert.deepEqual(await axe(page), [], path);
    }
    // With feedback shown in place.
    await page.goto(site.url + SCENARIO);
    await page.getByRole("link", { name: /^403 / }).click();
    assert.deepEqual(await axe(page), [], "feedback in place");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("search finds the practice by name and by a scenario's title, labelled Practice", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  for (const query of ["quiz", "expired token"]) {
    await page.goto(site.url + "/search/?q=" + encodeURIComponent(query));
    const option = page.locator("#page-search-results [role=option]", { hasText: "Practice: choose the status code" });
    await option.first().waitFor();
    assert.equal(await option.first().locator(".search-kind").textContent(), "Practice", query);
    assert.equal(await option.first().getAttribute("data-url"), "/practice/", query);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("no scenario or feedback scrolls sideways at 390 px", async () => {
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(site.url + "/practice/");
  const paths = await page.locator(".practice-list a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  assert.ok(paths.length >= 40, `${paths.length} scenarios`);
  const wide = [];
  for (const path of paths) {
    await page.goto(site.url + path);
    // Every option's feedback at once: the same text as the feedback pages.
    const overflow = await page.evaluate(() => {
      for (const section of document.querySelectorAll("[data-practice-feedback]")) section.hidden = false;
      return document.documentElement.scrollWidth - document.documentElement.clientWidth;
    });
    if (overflow > 0) wide.push(`${path}: ${overflow}px`);
  }
  assert.deepEqual(wide, []);
  await context.close();
});
