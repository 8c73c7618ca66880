// What every page shows a reader first (issue 20): the names people know rather than the registry's
// notes, a menu that reaches every section on a phone, highlighted code, and one frame for every
// page kind. Screenshots go to tests/e2e/screenshots/surface-*.png for a person to look at.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { useSite, watch } from "./support.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const SHOTS = path.join(here, "screenshots");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

const site = useSite();
before(() => fs.mkdirSync(SHOTS, { recursive: true }));

/** A page at `viewport` in `scheme`, watched for errors; `javaScript: false` to turn scripts off. */
async function open(address, { viewport = DESKTOP, scheme = "light", javaScript = true } = {}) {
  const context = await site.browser.newContext({ viewport, colorScheme: scheme, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const problems = watch(page);
  const response = await page.goto(site.url + address);
  return { context, page, problems, response };
}

test("codes go by the names people know; the registry's name stays on a line of its own", async () => {
  const { context, page, problems } = await open("/codes/418/");
  assert.equal(await page.locator("h1").textContent(), "418 I'm a teapot");
  assert.match(await page.title(), /^418 I'm a teapot ·/);
  assert.equal(await page.locator(".registry-name").textContent(), "IANA name: (Unused)");
  await page.screenshot({ path: path.join(SHOTS, "surface-418-name-desktop.png") });
  // The status is said once, by the badge, never in the name.
  await page.goto(site.url + "/codes/510/");
  assert.equal(await page.locator("h1").textContent(), "510 Not Extended");
  assert.equal(await page.locator(".badge-obsolete").textContent(), "Obsolete");
  assert.equal(await page.locator(".registry-name").textContent(), "IANA name: Not Extended (OBSOLETED)");
  await page.goto(site.url + "/codes/306/");
  assert.equal(await page.locator("h1").textContent(), "306 Switch Proxy");
  // A code whose registry name is what people say has no second line.
  await page.goto(site.url + "/codes/404/");
  assert.equal(await page.locator(".registry-name").count(), 0);

  // Lists and the cheat sheet.
  await page.goto(site.url + "/");
  assert.equal(await page.locator('.code-row a[href$="/codes/418/"] .row-name').first().textContent(), "I'm a teapot");
  assert.equal(await page.locator('.code-row a[href$="/codes/510/"] .row-name').first().textContent(), "Not Extended");
  await page.goto(site.url + "/cheatsheet/");
  const sheet = await page.locator("main").textContent();
  assert.ok(!sheet.includes("(Unused)") && !sheet.includes("OBSOLETED"), "the cheat sheet shows registry notes as names");
  assert.match(sheet, /I'm a teapot/);

  // Search: "teapot" finds 418 by its name.
  const input = page.locator("header input[type=search]");
  await input.fill("teapot");
  const first = page.locator("header .search-result").first();
  await first.waitFor({ timeout: 10_000 });
  assert.match(await first.textContent(), /418 I'm a teapot/);

  // The not-found page matches the words of the address against the names.
  const missing = await page.goto(site.url + "/statuses/teapot");
  assert.equal(missing.status(), 404);
  await page.waitForFunction(() => document.querySelector("#suggestions-title").textContent.startsWith("Did you mean"));
  assert.match(await page.locator(".suggestions .code-row a").first().textContent(), /^418 I'm a teapot/);

  // The API carries both names.
  const api = await (await page.request.get(site.url + "/api/codes/418.json")).json();
  assert.equal(api.code.name, "I'm a teapot");
  assert.equal(api.code.registry_name, "(Unused)");
  const all = await (await page.request.get(site.url + "/api/codes.json")).json();
  const obsolete = all.codes.find((c) => c.code === 510);
  assert.deepEqual([obsolete.name, obsolete.registry_name], ["Not Extended", "Not Extended (OBSOLETED)"]);
  assert.deepEqual(problems.filter((p) => !/404/.test(p)), []);
  await context.close();

  // How the two names read on a phone in the dark theme.
  const phone = await open("/codes/418/", { viewport: PHONE, scheme: "dark" });
  await phone.page.screenshot({ path: path.join(SHOTS, "surface-418-name-phone-dark.png") });
  await phone.context.close();
});
