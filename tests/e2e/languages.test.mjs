// Every language a site of its own (English, Spanish, Japanese): the language switcher keeps the
// reader on the same page (with and without JavaScript, and with JavaScript the section too) and
// sends to the language's home where it has no such page; `hreflang` alternates are reciprocal and
// lead to built pages; a Japanese page links the English page of an entry Japanese lacks, marked
// as English; search and the not-found page in each language; every language's pages pass axe and
// the Nu HTML Checker in both themes without sideways scroll on a phone.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { SITE, PHONE, useSite, axe } from "./support.mjs";

const site = useSite();
const THEMES = ["light", "dark"];

/** The site's languages in switcher order: each one's URL prefix and its name in itself. */
const LANGUAGES = [
  { code: "en", prefix: "", name: "English" },
  { code: "es", prefix: "/es", name: "Español" },
  { code: "ja", prefix: "/ja", name: "日本語" },
];
const prefix = (code) => LANGUAGES.find((l) => l.code === code).prefix;

/** Pages of every layout, per translation: the address and the file the Nu HTML Checker reads. */
const PAGES = {
  // A code, a tree node, a practice scenario, home, search, 404.
  es: ["/es/codes/429/", "/es/decide/start/", "/es/practice/", "/es/", "/es/search/", "/es/no-such-page/"],
  // Codes (one unofficial in English, 418 reserved), a class, a tree and a deeper node, home,
  // search, 404, and the indexes that list only English entries.
  ja: [
    "/ja/codes/429/",
    "/ja/codes/418/",
    "/ja/classes/4xx/",
    "/ja/decide/start/",
    "/ja/decide/client-error/forbidden/",
    "/ja/",
    "/ja/search/",
    "/ja/no-such-page/",
    "/ja/compare/",
    "/ja/headers/",
  ],
};
/** The built file an address of `PAGES` is served from. */
const fileOf = (address) => (address.endsWith("/no-such-page/") ? address.replace("no-such-page/", "404.html") : `${address}index.html`).slice(1);

/** The switcher's entries on the page as it is: name, `lang`, `href`, current or not, the note. */
async function switcherEntries(page) {
  return page.$$eval(".lang-panel a", (links) =>
    links.map((a) => ({
      name: a.firstChild.textContent.trim(),
      lang: a.lang,
      href: a.getAttribute("href"),
      current: a.getAttribute("aria-current") === "true",
      missing: a.querySelector(".lang-missing") && { text: a.querySelector(".lang-missing").textContent, lang: a.querySelector(".lang-missing").lang },
    })),
  );
}

/** Opens `address`, opens the switcher from the keyboard and follows the entry of `lang`; returns
 * the address reached and the page's language. */
async function switchTo(address, lang, javaScript) {
  const { context, page, problems } = await site.open(address, { javaScript });
  const summary = page.locator(".lang-menu > summary");
  await summary.focus();
  await page.keyboard.press("Enter");
  const link = page.locator(`.lang-panel a[lang="${lang}"]`);
  const href = await link.getAttribute("href");
  await Promise.all([page.waitForURL((url) => url.pathname === href.split("#")[0]), link.click()]);
  const reached = { url: new URL(page.url()), lang: await page.getAttribute("html", "lang") };
  assert.deepEqual(problems, [], `${address} → ${lang}`);
  await context.close();
  return reached;
}

test("the switcher lists the three languages and keeps the page, without JavaScript and with it", async () => {
  for (const from of LANGUAGES) {
    const address = `${from.prefix}/codes/429/`;
    const { context, page } = await site.open(address);
    assert.deepEqual(
      await switcherEntries(page),
      LANGUAGES.map((l) => ({ name: l.name, lang: l.code, href: `${l.prefix}/codes/429/`, current: l === from, missing: null })),
      address,
    );
    await context.close();
    for (const javaScript of [false, true]) {
      for (const to of LANGUAGES.filter((l) => l !== from)) {
        const reached = await switchTo(address, to.code, javaScript);
        assert.equal(reached.url.pathname, `${to.prefix}/codes/429/`, `${address} → ${to.code}, javaScript: ${javaScript}`);
        assert.equal(reached.lang, to.code);
      }
    }
  }
});

test("with JavaScript the switcher keeps the section too, into and out of Japanese", async () => {
  for (const [from, to] of [
    ["ja", "en"],
    ["en", "ja"],
    ["es", "ja"],
    ["ja", "es"],
  ]) {
    const { context, page } = await site.open(`${prefix(from)}/codes/429/#when-to-use-it`);
    await page.locator(".lang-menu > summary").click();
    const target = `${prefix(to)}/codes/429/`;
    await Promise.all([page.waitForURL((url) => url.pathname === target), page.locator(`.lang-panel a[lang="${to}"]`).click()]);
    assert.equal(new URL(page.url()).hash, "#when-to-use-it", `${from} → ${to}`);
    await context.close();
  }
});

test("on a page Japanese lacks, the Japanese entry leads to the Japanese home and says so in Japanese", async () => {
  for (const address of ["/compare/401-vs-403/", "/es/compare/401-vs-403/", "/codes/499/", "/headers/retry-after/"]) {
    const { context, page } = await site.open(address);
    const entries = await switcherEntries(page);
    assert.deepEqual(
      entries.map((e) => [e.name, e.lang, e.href]),
      [
        ["English", "en", address.replace(/^\/es\//, "/")],
        ["Español", "es", address.startsWith("/es/") ? address : `/es${address}`],
        ["日本語", "ja", "/ja/"],
      ],
      address,
    );
    assert.deepEqual(
      entries.map((e) => e.missing),
      [null, null, { text: "（未翻訳）", lang: "ja" }],
      `${address}: the note is written for the reader of that language`,
    );
    await context.close();
    for (const javaScript of [false, true]) {
      const reached = await switchTo(address, "ja", javaScript);
      assert.equal(reached.url.pathname, "/ja/", `${address}, javaScript: ${javaScript}`);
      assert.equal(reached.lang, "ja");
    }
  }
});

/** `hreflang` → address of the page's alternates, as the browser resolves them. */
const alternatesOf = (page) => page.$$eval("link[rel=alternate][hreflang]", (links) => Object.fromEntries(links.map((l) => [l.hreflang, new URL(l.href).pathname])));

test("hreflang alternates name every language that has the page, are reciprocal and lead to built pages", async () => {
  const translated = ["/codes/404/", "/es/codes/404/", "/ja/codes/404/", "/ja/classes/4xx/", "/ja/decide/start/", "/es/decide/start/", "/", "/es/search/", "/ja/search/", "/ja/compare/"];
  // Pages Japanese lacks: unofficial codes, comparisons, guides, header fields, practice scenarios.
  const lacking = ["/codes/499/", "/es/compare/401-vs-403/", "/guides/common-mistakes/", "/headers/retry-after/", "/practice/accept-header-xml-only/"];
  const { context, page } = await site.open("/");
  for (const address of [...translated, ...lacking]) {
    await page.goto(site.url + address);
    const own = await alternatesOf(page);
    const expected = translated.includes(address) ? ["en", "es", "ja", "x-default"] : ["en", "es", "x-default"];
    assert.deepEqual(Object.keys(own).sort(), expected, address);
    assert.equal(own["x-default"], own.en);
    assert.ok(Object.entries(own).some(([, href]) => href === address), `${address} names itself`);
    for (const [lang, target] of Object.entries(own).filter(([l]) => l !== "x-default")) {
      const response = await page.goto(site.url + target);
      assert.equal(response.status(), 200, `${address} → ${lang} ${target}`);
      assert.equal(await page.getAttribute("html", "lang"), lang);
      assert.deepEqual(await alternatesOf(page), own, `${target} points back`);
    }
  }
  await context.close();
});

/** Links in `main` that lead to a page of the site outside the page's language: those of the
 * Markdown body (`.prose`) if `body`, the others if not. */
function linksOutOfLanguage(page, body) {
  return page.$$eval("main a[href^='/']", (links, body) =>
    links
      .filter((a) => Boolean(a.closest(".prose")) === body && !/^\/(ja|es)\//.test(a.getAttribute("href")))
      .filter((a) => !/^\/(api\/|sitemap\.xml|feed)/.test(a.getAttribute("href")))
      .map((a) => ({
        href: a.getAttribute("href"),
        hreflang: a.getAttribute("hreflang"),
        mark: [...a.querySelectorAll(".english-mark")].map((m) => m.textContent).join(""),
      })),
    body,
  );
}

/** Each link of `links`, with what a link to an English page must carry. */
const marked = (links) => links.map(({ href }) => ({ href, hreflang: "en", mark: "（英語）" }));

test("a Japanese code page links the English pages of what Japanese lacks, marked (facts and related comparisons)", async () => {
  const { context, page } = await site.open("/ja/codes/429/");
  // Outside the Markdown body: the header field table and the comparisons listed with the code.
  const links = await linksOutOfLanguage(page, false);
  const hrefs = links.map((l) => l.href);
  assert.ok(hrefs.includes("/headers/retry-after/"), hrefs.join(" "));
  assert.ok(hrefs.includes("/compare/429-vs-503/"), hrefs.join(" "));
  assert.deepEqual(links, marked(links));
  for (const href of ["/headers/retry-after/", "/compare/429-vs-503/"]) {
    const response = await page.goto(site.url + href);
    assert.equal(response.status(), 200, href);
    assert.equal(await page.getAttribute("html", "lang"), "en", href);
  }
  await context.close();
});

test("a Japanese Markdown body links the English pages of what Japanese lacks, marked", async () => {
  // The renderer adds hreflang="en" and <span class="english-mark">（英語）</span> (branch jt).
  for (const address of ["/ja/codes/429/", "/ja/codes/401/", "/ja/classes/4xx/"]) {
    const { context, page } = await site.open(address);
    const links = await linksOutOfLanguage(page, true);
    assert.ok(links.length > 0, `${address}: the body links an English page`);
    assert.deepEqual(links, marked(links), address);
    await context.close();
  }
});

test("the Japanese comparison and header field indexes list English pages, each marked", async () => {
  for (const [address, lacking] of [
    ["/ja/compare/", "/compare/401-vs-403/"],
    ["/ja/headers/", "/headers/retry-after/"],
  ]) {
    const { context, page } = await site.open(address);
    assert.equal(await page.getAttribute("html", "lang"), "ja");
    const links = [...(await linksOutOfLanguage(page, false)), ...(await linksOutOfLanguage(page, true))].filter((l) => l.href.startsWith(lacking.slice(0, lacking.indexOf("/", 1) + 1)));
    assert.ok(links.some((l) => l.href === lacking), `${address}: ${links.map((l) => l.href).join(" ")}`);
    assert.deepEqual(links, marked(links), address);
    await context.close();
  }
});

/** The first three results' addresses for `query` on the search page of `lang`. */
async function topResults(query, lang = "es") {
  const { context, page } = await site.open(`${prefix(lang)}/search/?q=${encodeURIComponent(query)}`);
  const options = page.locator("#page-search-results [role=option]");
  const found = await options
    .first()
    .waitFor({ timeout: 5000 })
    .then(() => true)
    .catch(() => false);
  const urls = found ? (await options.evaluateAll((els) => els.map((e) => e.dataset.url))).slice(0, 3) : [];
  await context.close();
  return urls;
}
const firstResult = async (query, lang = "es") => (await topResults(query, lang))[0];

test("Spanish search: 'demasiadas solicitudes' finds 429 and 'no autorizado' 401", async () => {
  assert.equal(await firstResult("demasiadas solicitudes"), "/es/codes/429/");
  assert.equal(await firstResult("no autorizado"), "/es/codes/401/");
  // Accents folded: typed without them, found with them.
  assert.equal(await firstResult("autorizacion"), await firstResult("autorización"));
});

test("search in each translation keeps numbers, English names and constants", async () => {
  for (const lang of ["es", "ja"]) {
    for (const query of ["429", "too many requests", "TOO_MANY_REQUESTS", "StatusTooManyRequests", "HTTP_TOO_MANY_REQUESTS"]) {
      assert.equal(await firstResult(query, lang), `/${lang}/codes/429/`, `${lang}: ${query}`);
    }
    assert.equal(await firstResult("404", lang), `/${lang}/codes/404/`, lang);
  }
});

test("Japanese search finds codes by Japanese words within the first three", async () => {
  for (const [query, code] of [
    ["リクエストが多すぎる", 429],
    ["多すぎる", 429],
    ["見つからない", 404],
    ["認証", 401],
    ["ていぽっと", 418],
    ["ティーポット", 418],
  ]) {
    const top = await topResults(query, "ja");
    assert.ok(top.includes(`/ja/codes/${code}/`), `${query} → ${code}: ${top.join(" ")}`);
  }
  assert.equal(await firstResult("429 エラー", "ja"), "/ja/codes/429/", "429 エラー");
});

test("the header search box of a Japanese page finds Japanese words", async () => {
  const { context, page, problems } = await site.open("/ja/codes/404/");
  await page.locator("#search-input").fill("リクエストが多すぎる");
  const options = page.locator("#search-results [role=option]");
  await options.first().waitFor({ timeout: 5000 });
  const top = (await options.evaluateAll((els) => els.map((e) => e.dataset.url))).slice(0, 3);
  assert.ok(top.includes("/ja/codes/429/"), top.join(" "));
  assert.deepEqual(problems, []);
  await context.close();
});

test("each translation's not-found page suggests its own pages of codes", async () => {
  for (const lang of ["es", "ja"]) {
    const { context, page, response } = await site.open(`/${lang}/codes/4290/`);
    assert.equal(response.status(), 404);
    assert.equal(await page.getAttribute("html", "lang"), lang);
    const guess = page.locator("[data-guesses] li a").first();
    await guess.waitFor();
    assert.equal(await guess.getAttribute("href"), `/${lang}/codes/429/`);
    await context.close();
    // By words, English names included: the translation's index holds them too.
    const english = await site.open(`/${lang}/too-many-requests`);
    const byName = english.page.locator("[data-guesses] li a").first();
    await byName.waitFor();
    assert.equal(await byName.getAttribute("href"), `/${lang}/codes/429/`);
    await english.context.close();
  }
});

test("the Spanish not-found page guesses from Spanish words", async () => {
  const { context, page } = await site.open("/es/demasiadas-solicitudes");
  const guess = page.locator("[data-guesses] li a").first();
  await guess.waitFor();
  assert.equal(await guess.getAttribute("href"), "/es/codes/429/");
  await context.close();
});

test("translated pages: axe finds nothing in either theme, and nothing scrolls sideways on a phone", async () => {
  for (const [lang, addresses] of Object.entries(PAGES)) {
    for (const address of addresses) {
      for (const scheme of THEMES) {
        const { context, page } = await site.open(address, { scheme });
        assert.equal(await page.getAttribute("html", "lang"), lang, address);
        assert.deepEqual(await axe(page), [], `${address} ${scheme}`);
        await context.close();
      }
      const { context, page } = await site.open(address, { viewport: PHONE });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(wide <= 0, `${address}: ${wide}px sideways on a phone`);
      await context.close();
    }
  }
});

test("translated pages: the Nu HTML Checker finds no errors", () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const vnu = path.join(here, "node_modules/vnu-jar/build/dist/vnu.jar");
  const files = Object.values(PAGES)
    .flat()
    .map((address) => path.join(SITE, fileOf(address)));
  for (const file of files) assert.ok(fs.existsSync(file), file);
  let report;
  try {
    report = execFileSync("java", ["-jar", vnu, "--errors-only", "--format", "json", ...files], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    report = err.stderr || err.stdout;
  }
  const text = report.trim();
  // A file it could not read is a "non-document-error".
  const errors = (text ? JSON.parse(text).messages : []).filter((m) => m.type !== "info").map((m) => `${m.url}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(errors, []);
});

test("the menus say where the reader is in the page's language", async () => {
  for (const [address, words] of [["/codes/429/", "You are here"], ["/es/codes/429/", "Estás aquí"], ["/ja/codes/429/", "表示中"]]) {
    const { context, page } = await site.open(address);
    const after = (selector) => page.$eval(selector, (a) => getComputedStyle(a, "::after").content);
    assert.equal(await after(".site-menu .menu-panel a[aria-current]"), JSON.stringify(words), address);
    assert.equal(await after(".lang-panel a[aria-current]"), JSON.stringify(words), address);
    await context.close();
  }
});
