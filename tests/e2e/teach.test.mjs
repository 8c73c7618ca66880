// Practice that teaches (issue 20, point 8): the first answer is the one scored, so a miss followed
// by the right pick stays a miss and is offered again; a wrong pick says why it is wrong and offers
// "Try again" or "Show the answer" instead of giving the answer away; options are marked right and
// wrong in words and with an icon; the question stands in its own paragraph; a disabled button
// looks disabled. Without JavaScript the feedback pages do the same with links and a disclosure.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axe, useSite, watch } from "./support.mjs";

const site = useSite();
const SCENARIO = "/practice/expired-api-token/";

test("a wrong pick explains itself and offers another try before the answer", async () => {
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(site.url + SCENARIO);

  // The question is a paragraph of its own, after the situation.
  const paragraphs = await page.locator(".practice-situation > p").allTextContents();
  assert.ok(paragraphs.length >= 2, `situation and question: ${JSON.stringify(paragraphs)}`);
  assert.equal(paragraphs.at(-1).trim(), "What should the API answer?");

  await page.getByRole("link", { name: /^403 / }).click();
  const feedback = page.locator("#feedback-403");
  assert.ok(await feedback.isVisible());
  // Why 403 is wrong, in the option's own words...
  assert.match(await feedback.locator(".practice-why").textContent(), /caller is known/);
  // ...and the two ways on, with the answer itself not shown yet.
  const retry = feedback.getByRole("link", { name: "Try again" });
  const reveal = feedback.locator("summary", { hasText: "Show the answer" });
  assert.ok(await retry.isVisible());
  assert.ok(await reveal.isVisible());
  assert.equal(await feedback.getByText("The answer: 401").isVisible(), false);
  assert.equal(await page.locator("#feedback-401").isVisible(), false);

  // The wrong option is marked in words and with an icon, not by colour alone.
  const wrong = page.locator('[data-practice-option="403"]');
  assert.equal(await wrong.locator(".practice-mark").textContent(), "✗ not this one");
  assert.equal(await page.locator('[data-practice-option="401"] .practice-mark').count(), 0);
  await page.screenshot({ path: "screenshots/teach-wrong-phone-light.png", fullPage: true });

  // "Try again": the feedback folds away and focus returns to an option not yet tried.
  await retry.click();
  assert.equal(new URL(page.url()).pathname, SCENARIO);
  assert.equal(await feedback.isVisible(), false);
  const focused = await page.evaluate(() => document.activeElement.getAttribute("data-practice-option"));
  assert.ok(focused && focused !== "403", `focus on an untried option: ${focused}`);

  // Right the second time: marked right, but the score keeps the first answer.
  await page.getByRole("link", { name: /^401 / }).click();
  assert.equal(await page.locator('[data-practice-option="401"] .practice-mark').textContent(), "✓ right");
  assert.equal(await page.locator("#feedback-401 .practice-score").textContent(), "Score: 0 right of 1 answered.");
  await page.goto(site.url + "/practice/");
  assert.equal(await page.locator("[data-practice-score]").textContent(), "Score: 0 right of 1 answered.");
  assert.deepEqual(await page.locator(".practice-list li:has(.missed) a").allTextContents(), ["Expired API token"]);
  assert.ok(await page.getByRole("button", { name: "Practise the ones I missed (1)" }).isEnabled());

  // A later visit in the same round does not wipe the miss either.
  await page.goto(site.url + SCENARIO);
  await page.getByRole("link", { name: /^401 / }).click();
  await page.goto(site.url + "/practice/");
  assert.deepEqual(await page.locator(".practice-list li:has(.missed) a").allTextContents(), ["Expired API token"]);

  // A new round (the missed ones) scores the first answer afresh.
  await page.getByRole("button", { name: "Practise the ones I missed (1)" }).click();
  await page.waitForURL(new RegExp(SCENARIO + "$"));
  await page.getByRole("link", { name: /^401 / }).click();
  await page.goto(site.url + "/practice/");
  assert.equal(await page.locator("[data-practice-score]").textContent(), "Score: 1 right of 1 answered.");
  assert.deepEqual(problems, []);
  await context.close();
});

test("Show the answer reveals it and marks the right option", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(site.url + "/practice/accept-header-xml-only/");
  const accepted = (await page.locator("#practice").getAttribute("data-answers")).split(" ");
  const options = await page.locator("[data-practice-option]").evaluateAll((as) => as.map((a) => a.getAttribute("data-practice-option")));
  const miss = options.find((code) => !accepted.includes(code));
  assert.ok(miss, `a wrong option among ${options}`);
  await page.locator(`[data-practice-option="${miss}"]`).click();
  const feedback = page.locator(`#feedback-${miss}`);
  const answer = feedback.locator(".practice-reveal h3");
  assert.equal(await answer.isVisible(), false);
  await feedback.locator("summary", { hasText: "Show the answer" }).click();
  assert.ok(await answer.isVisible());
  assert.match(await answer.textContent(), new RegExp(accepted.join("|")));
  for (const code of accepted) {
    assert.equal(await page.locator(`[data-practice-option="${code}"] .practice-mark`).textContent(), "✓ right", code);
  }
  assert.equal(await page.locator(`[data-practice-option="${miss}"] .practice-mark`).textContent(), "✗ not this one");
  assert.deepEqual(problems, []);
  await context.close();
});

test("without JavaScript, a wrong answer's page offers Try again and a folded answer", async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(site.url + SCENARIO);
  await page.getByRole("link", { name: /^403 / }).click();
  assert.equal(new URL(page.url()).pathname, SCENARIO + "403/");
  assert.match(await page.locator(".practice-why").textContent(), /caller is known/);
  const answer = page.locator(".practice-reveal h3");
  assert.equal(await answer.isVisible(), false);
  await page.locator("summary", { hasText: "Show the answer" }).click();
  assert.equal(await answer.textContent(), "The answer: 401 Unauthorized");
  await page.getByRole("link", { name: "Try again" }).click();
  assert.equal(new URL(page.url()).pathname, SCENARIO);
  // The right answer's page has nothing folded and no retry.
  await page.goto(site.url + SCENARIO + "401/");
  assert.equal(await page.locator(".practice-reveal, [data-practice-retry]").count(), 0);
  assert.match(await page.locator(".practice-feedback h3").textContent(), /^Why 401 fits/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a disabled button looks disabled, and the wrong-answer state passes axe in both themes", async () => {
  for (const theme of ["light", "dark"]) {
    const context = await site.browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(site.url + "/practice/");
    const look = (name) =>
      page.getByRole("button", { name }).evaluate((b) => {
        const s = getComputedStyle(b);
        return { background: s.backgroundColor, color: s.color, cursor: s.cursor, border: s.borderTopStyle };
      });
    const disabled = page.getByRole("button", { name: "Practise the ones I missed" });
    assert.ok(await disabled.isDisabled());
    const off = await look("Practise the ones I missed");
    const on = await look("Practise in a shuffled order");
    // Not a faded copy of the enabled button: another fill, another text colour, a dashed edge.
    assert.notEqual(off.background, on.background, theme);
    assert.notEqual(off.color, on.color, theme);
    assert.equal(off.border, "dashed", theme);
    assert.equal(off.cursor, "not-allowed", theme);
    await page.screenshot({ path: `screenshots/teach-index-${theme}.png` });

    await page.goto(site.url + SCENARIO);
    await page.getByRole("link", { name: /^400 / }).click();
    await page.locator("#feedback-400 summary").click();
    assert.deepEqual(await axe(page), [], `wrong answer, answer shown (${theme})`);
    await page.screenshot({ path: `screenshots/teach-wrong-desktop-${theme}.png`, fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  }
});
