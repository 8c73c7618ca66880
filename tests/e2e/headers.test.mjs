// Header field pages in a real browser: the index and a field's page are axe clean in both themes
// and at phone and desktop widths, the field's table leads to its codes, code pages lead back, and
// the search box finds a field's page first when given its name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axe, DESKTOP, PHONE, useSite, watch } from "./support.mjs";

const site = useSite();

for (const colorScheme of ["light", "dark"]) {
  for (const [name, viewport] of Object.entries({ phone: PHONE, desktop: DESKTOP })) {
    test(`the header index and a header page are accessible (${colorScheme}, ${name})`, async () => {
      const context = await site.browser.newContext({ viewport, colorScheme });
      const page = await context.newPage();
      const problems = watch(page);

      await page.goto(site.url + "/headers/");
      assert.equal(await page.locator("h1").textContent(), "Header fields");
      const link = page.getByRole("link", { name: "Retry-After", exact: true });
      assert.equal(await link.count(), 1);
      assert.deepEqual(await axe(page), [], "axe on /headers/");
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(wide, false, "the index never scrolls sideways");
      await Promise.all([page.waitForURL(/\/headers\/retry-after\/$/), link.click()]);

      assert.equal(await page.locator("h1").textContent(), "Retry-After");
      const codes = await page.locator(".header-uses tbody td:first-child a").allTextContents();
      for (const code of ["413", "429", "503"]) {
        assert.ok(codes.some((c) => c.startsWith(code)), `${code} in ${codes}`);
      }
      assert.deepEqual(await axe(page), [], "axe on /headers/retry-after/");
      const wideField = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(wideField, false, "the field's page never scrolls sideways");

      // From the field to a code, and back from the code's header table.
      await Promise.all([page.waitForURL(/\/codes\/429\/$/), page.locator(".header-uses a", { hasText: "429" }).click()]);
      await Promise.all([
        page.waitForURL(/\/headers\/retry-after\/$/),
        page.locator("table.headers a", { hasText: "Retry-After" }).click(),
      ]);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test("a code page's facts strip links the fields it must send", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url + "/codes/401/");
  const strip = page.locator(".fact-headers");
  assert.match(await strip.textContent(), /Must send/);
  assert.equal(await strip.locator("a[href$='/headers/www-authenticate/']").count(), 1);
  await context.close();
});

for (const [query, url] of [
  ["retry-after", "/headers/retry-after/"],
  ["www-authenticate", "/headers/www-authenticate/"],
]) {
  test(`searching for ${query} finds its header page first`, async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(site.url + "/");
    const input = page.getByRole("combobox", { name: "Search status codes" });
    await input.fill(query);
    const first = page.getByRole("listbox", { name: "Search results" }).getByRole("option").first();
    await first.waitFor();
    assert.equal(await first.getAttribute("data-url"), url);
    assert.match(await first.textContent(), /Header field/);
    await Promise.all([page.waitForURL(new RegExp(url.replace(/\//g, "\\/") + "$")), input.press("Enter")]);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
