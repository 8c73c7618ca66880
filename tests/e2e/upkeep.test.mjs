// Issue 20, points 6, 7, 10, 11 and 13: a home page that shows whole summaries and stays short, a
// tighter code page, signs of upkeep, readable browser-support tables, the cheat sheet, class rows
// in line, and a three-way theme control. Screenshots go to tests/e2e/screenshots/upkeep-*.png.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { useSite, watch, axe } from "./support.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const SHOTS = path.join(here, "screenshots");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

const site = useSite();

/** The date the build should show for `file`: its last commit's (UTC), or null where the checkout
 * has no full history (src/history.rs shows no date then). */
function lastChange(file) {
  const git = (...args) => execFileSync("git", args, { cwd: path.join(here, "../.."), env: { ...process.env, TZ: "UTC" }, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  try {
    if (git("rev-parse", "--is-shallow-repository") !== "false") return null;
    return git("log", "-1", "--no-merges", "--format=%cd", "--date=format-local:%Y-%m-%d", "--", file) || null;
  } catch {
    return null;
  }
}
before(() => fs.mkdirSync(SHOTS, { recursive: true }));

async function open(address, { viewport = DESKTOP, scheme = "light", javaScript = true } = {}) {
  const context = await site.browser.newContext({ viewport, colorScheme: scheme, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(site.url + address);
  return { context, page, problems };
}

test("the desktop home page shows whole summaries on two lines and stays under 4,000 px", async () => {
  const { context, page, problems } = await open("/");
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height <= 4000, `the home page is ${height} px tall`);
  const rows = await page.$$eval(".home-codes .code-row .row-summary", (all) =>
    all
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => {
        const line = parseFloat(getComputedStyle(el).lineHeight);
        return { text: el.textContent.trim(), lines: Math.round(el.getBoundingClientRect().height / line), cut: el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1 };
      }),
  );
  assert.ok(rows.length >= 60, `only ${rows.length} summaries shown`);
  assert.deepEqual(rows.filter((r) => r.cut).map((r) => r.text), [], "summaries cut");
  assert.ok(rows.some((r) => r.lines === 2), "no summary wraps to a second line");
  assert.ok(rows.every((r) => r.lines <= 2), "a summary takes more than two lines");
  await page.screenshot({ path: path.join(SHOTS, "upkeep-home-desktop.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a code page says each fact once, folds the constants into an even grid and the routes away", async () => {
  const { context, page, problems } = await open("/codes/404/");
  // The constants: one closed line, after the first section and before the rules.
  const constants = page.locator("details.constants");
  assert.equal(await constants.count(), 1);
  assert.equal(await constants.evaluate((el) => el.open), false);
  assert.ok((await constants.boundingBox()).height < 60, "the folded constants take more than one line");
  await constants.locator("summary").click();
  const cells = await constants.locator("li").evaluateAll((all) => all.map((li) => li.getBoundingClientRect().width));
  assert.ok(cells.length >= 5, `only ${cells.length} constants`);
  assert.ok(Math.max(...cells) - Math.min(...cells) < 2, `uneven constant cells: ${cells}`);
  // Each fact once: the strip holds the verdicts, the rules section never repeats them.
  const strip = await page.locator(".facts-strip").textContent();
  assert.match(strip, /Body/);
  assert.match(strip, /Cacheable/);
  const rules = await page.locator(".rules").textContent();
  for (const repeated of ["Response content", "Caching", "Defined in", "Heuristically cacheable"]) {
    assert.ok(!rules.includes(repeated), `"Rules" repeats the strip: ${repeated}`);
  }
  assert.equal(await page.locator(".defined-in").count(), 1, "the defining sections are shown more than once");
  // Search keywords are not shown on the page, nor printed.
  assert.ok(!(await page.locator("body").textContent()).includes("Also searched as"));
  // "How you get here" is one closed line.
  const walks = page.locator("#how-you-get-here + details");
  assert.equal(await walks.count(), 1);
  assert.equal(await walks.evaluate((el) => el.open), false);
  assert.ok((await page.locator(".how-you-get-here").boundingBox()).height < 140, "the routes are not collapsed");
  await page.screenshot({ path: path.join(SHOTS, "upkeep-404-desktop.png"), fullPage: true });
  // A request field is never something the response must send.
  await page.goto(site.url + "/codes/425/");
  assert.ok(!(await page.locator(".facts-strip").textContent()).includes("Early-Data"));
  assert.equal(await page.locator('.headers a[href$="/headers/early-data/"]').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("each page shows when its content last changed and links to edit it or report a problem", async () => {
  const { context, page, problems } = await open("/codes/404/");
  const upkeep = page.locator(".page-upkeep");
  const expected = lastChange("content/codes/404.md");
  const times = await upkeep.locator("time").evaluateAll((all) => all.map((t) => t.getAttribute("datetime")));
  assert.deepEqual(times, expected ? [expected] : []);
  assert.match(await upkeep.getByRole("link", { name: "Edit this page" }).getAttribute("href"), /^https:\/\/github\.com\/[^/]+\/[^/]+\/edit\/main\/content\/codes\/404\.md$/);
  assert.match(await upkeep.getByRole("link", { name: "Report a problem" }).getAttribute("href"), /\/issues\/new\?title=Problem%20on%20\/codes\/404\/$/);
  for (const address of ["/", "/classes/4xx/", "/headers/retry-after/", "/cheatsheet/"]) {
    await page.goto(site.url + address);
    assert.equal(await page.locator(".page-upkeep time").count(), expected ? 1 : 0, `${address}: date`);
    assert.equal(await page.getByRole("link", { name: "Edit this page" }).count(), 1, `${address} has no edit link`);
  }
  // In print: the page's address and the site's name, not the links.
  await page.goto(site.url + "/codes/404/");
  await page.emulateMedia({ media: "print" });
  const printed = page.locator(".print-source");
  assert.ok(await printed.isVisible(), "the source line is not printed");
  const line = await printed.textContent();
  assert.match(line, /^httpref · https?:\/\/\S+\/codes\/404\//);
  assert.equal(await page.locator(".page-upkeep").isVisible(), false);
  assert.equal(await page.locator(".first-steps-more").isVisible(), false, "print shows the first steps' More link");
  await page.emulateMedia({ media: "screen" });
  assert.equal(await printed.isVisible(), false, "the print line shows on screen");
  assert.deepEqual(problems, []);
  await context.close();
});

for (const scheme of ["light", "dark"]) {
  test(`browser support tables have padding, marks, tints, a legend and real notes (${scheme})`, async () => {
    const { context, page, problems } = await open("/codes/103/", { scheme });
    const cells = await page.$$eval(".compat-table td", (all) =>
      all.map((td) => {
        const style = getComputedStyle(td);
        return { text: td.textContent.trim(), padding: parseFloat(style.paddingLeft), bg: style.backgroundColor, state: td.className };
      }),
    );
    assert.ok(cells.length >= 20, `only ${cells.length} cells`);
    const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    for (const cell of cells) {
      assert.ok(cell.padding >= 6, `a cell without padding: ${JSON.stringify(cell)}`);
      assert.match(cell.text, /^[✓✗?◐] \S/, `a cell without a mark and text: ${JSON.stringify(cell)}`);
      assert.notEqual(cell.bg, body, `an untinted cell: ${JSON.stringify(cell)}`);
    }
    assert.ok(cells.some((c) => c.state === "compat-no" && c.text.startsWith("✗ No")), "no unsupported cell");
    // A legend, a header that says what the column is, notes bigger than one character.
    assert.equal(await page.locator(".compat-legend li").count(), 4);
    const headers = await page.locator(".compat-table thead th").allTextContents();
    assert.ok(headers.includes("Status 103"), `headers: ${headers}`);
    const notes = await page.locator(".compat-note-ref").evaluateAll((all) => all.map((a) => a.getBoundingClientRect().width));
    assert.ok(notes.length > 0 && notes.every((w) => w >= 20), `note links: ${notes}`);
    assert.deepEqual(await axe(page), []);
    await page.locator("section.compat").screenshot({ path: path.join(SHOTS, `upkeep-compat-${scheme}.png`) });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("the cheat sheet's headers stay whole and the printed sheet is filled, names on at most two lines", async () => {
  const { context, page, problems } = await open("/cheatsheet/");
  const headers = await page.locator(".cheatsheet thead th").evaluateAll((all) =>
    all.map((th) => th.getBoundingClientRect().height / parseFloat(getComputedStyle(th).lineHeight)),
  );
  assert.ok(headers.length >= 15 && headers.every((h) => h < 1.9), `a header wraps: ${headers}`);
  await page.emulateMedia({ media: "print" });
  // A4 at 10 mm margins is 718 × 1047 CSS px.
  await page.setViewportSize({ width: 718, height: 1047 });
  const sheet = await page.evaluate(() => {
    const names = [...document.querySelectorAll(".cheatsheet tbody td:nth-child(2)")].map((td) =>
      Math.round(td.getBoundingClientRect().height / parseFloat(getComputedStyle(td).lineHeight)),
    );
    return { height: document.querySelector(".cheatsheet").getBoundingClientRect().height, names };
  });
  assert.ok(sheet.names.length >= 80, `only ${sheet.names.length} names`);
  assert.ok(Math.max(...sheet.names) <= 2, `a name takes ${Math.max(...sheet.names)} lines`);
  assert.ok(sheet.height >= 0.75 * 1047 && sheet.height <= 1047, `the printed sheet fills ${Math.round(sheet.height)} of 1047 px`);
  const pdf = await page.pdf({ format: "A4", margin: { top: "10mm", bottom: "10mm", left: "10mm", right: "10mm" } });
  assert.equal((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length, 1);
  await page.screenshot({ path: path.join(SHOTS, "upkeep-cheatsheet-print.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("unassigned rows line up with registered codes, and the headers index names its codes", async () => {
  for (const viewport of [PHONE, DESKTOP]) {
  const { context, page, problems } = await open("/classes/4xx/", { viewport });
  const columns = await page.$$eval(".members .code-row", (rows) =>
    rows.map((row) => ({
      unassigned: row.classList.contains("unassigned"),
      code: row.querySelector(".row-code").getBoundingClientRect().left,
      name: row.querySelector(".row-name").getBoundingClientRect().left,
    })),
  );
  const unassigned = columns.filter((c) => c.unassigned);
  assert.ok(unassigned.length >= 2 && columns.length > unassigned.length);
  for (const c of columns) {
    assert.ok(Math.abs(c.code - columns[0].code) < 1 && Math.abs(c.name - columns[0].name) < 1, `out of line: ${JSON.stringify(c)}`);
  }
  await page.goto(site.url + "/headers/");
  const codes = await page.locator('td[data-label="Codes"]').allTextContents();
  assert.ok(codes.length >= 20);
  for (const cell of codes) assert.match(cell, /^(none|\d{3}(, \d{3})*)$/, `a codes cell that does not name them: ${cell}`);
  assert.deepEqual(problems, []);
  await context.close();
  }
});

test("the theme control offers the system's theme, light and dark, with distinct icons, by keyboard", async () => {
  const { context, page, problems } = await open("/codes/404/", { scheme: "dark" });
  const toggle = page.locator(".theme-toggle");
  const icon = () => toggle.evaluate((b) => [...b.querySelectorAll("svg")].filter((s) => s.getClientRects().length > 0).map((s) => s.outerHTML));
  const seen = [];
  for (const [name, theme] of [["follow the system", undefined], ["light", "light"], ["dark", "dark"], ["follow the system", undefined]]) {
    assert.match(await toggle.getAttribute("aria-label"), new RegExp(`^Theme: ${name}`));
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
    const shown = await icon();
    assert.equal(shown.length, 1, "one icon at a time");
    seen.push(shown[0]);
    await toggle.focus();
    await page.keyboard.press("Enter");
  }
  assert.equal(new Set(seen.slice(0, 3)).size, 3, "the three choices share an icon");
  // The last choice (light, after going round once) is remembered across a reload.
  await page.reload();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
  assert.deepEqual(problems, []);
  await context.close();
  // Without JavaScript the page follows the system and the control is not offered.
  const plain = await open("/codes/404/", { scheme: "dark", javaScript: false });
  assert.equal(await plain.page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(13, 17, 23)");
  assert.equal(await plain.page.locator(".theme-toggle").isVisible(), false);
  await plain.context.close();
});

test("the changed pages end with their upkeep line and never scroll sideways, phone and desktop, both themes", async () => {
  const pages = ["/", "/codes/404/", "/codes/425/", "/cheatsheet/", "/classes/4xx/"];
  for (const [name, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
    for (const scheme of ["light", "dark"]) {
      const { context, page, problems } = await open("/", { viewport, scheme });
      for (const address of pages) {
        await page.goto(site.url + address);
        assert.ok(await page.locator(".page-upkeep").isVisible(), `${address}: no upkeep line (${name}, ${scheme})`);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.equal(wide, 0, `${address} scrolls sideways (${name}, ${scheme})`);
        const file = `upkeep-${address.replace(/\W+/g, "-").replace(/^-|-$/g, "") || "home"}-${name}-${scheme}.png`;
        await page.screenshot({ path: path.join(SHOTS, file), fullPage: true });
      }
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
  const { context, page } = await open("/codes/425/");
  await page.emulateMedia({ media: "print" });
  fs.writeFileSync(path.join(SHOTS, "upkeep-425-print.pdf"), await page.pdf({ format: "A4" }));
  await page.screenshot({ path: path.join(SHOTS, "upkeep-425-print.png"), fullPage: true });
  await context.close();
});
