// The node half of `cargo bench --bench search` (see benches/search.rs).
//   --label L --index FILE --docs FILE   httpref's client and MiniSearch on the same documents
//   --browser PUBLIC_DIR                 first keystroke to first result in headless Chromium
import fs from "node:fs";
import zlib from "node:zlib";
import { performance } from "node:perf_hooks";
import MiniSearch from "minisearch";
import { createSearch } from "../../static/search-core.js";

const QUERIES = [
  "404", "41", "5", "too many requests", "payload too large", "forbiden", "StatusUnprocessableEntity",
  "rate limit", "gateway timeout", "unprocessable entity", "client closed request", "cloudflare",
  "retry after", "not found", "precondition", "captive portal", "permanent redirect", "HTTPStatus",
  "timeout", "cache", "authentication", "redirect loop", "method not allowed", "conflict", "teapot",
];
const ROUNDS = 20;

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), [])
);

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

function latencies(run) {
  const times = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of QUERIES) {
      const t = performance.now();
      run(q);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

function row(engine, buildMs, raw, gzip, { median, p95 }) {
  console.log(
    `  ${engine.padEnd(12)} ${buildMs.toFixed(1).padStart(9)} ms ${(raw / 1024).toFixed(1).padStart(9)} KB ${(gzip / 1024).toFixed(1).padStart(8)} KB ${median.toFixed(3).padStart(9)} ms ${p95.toFixed(3).padStart(9)} ms`
  );
}

async function engines() {
  const rawText = fs.readFileSync(args.index, "utf8");
  const docs = JSON.parse(fs.readFileSync(args.docs, "utf8"));
  console.log(`${args.label}: ${docs.length} documents, ${QUERIES.length} queries x ${ROUNDS} rounds`);
  console.log(`  ${"engine".padEnd(12)} ${"load/build".padStart(12)} ${"index raw".padStart(12)} ${"gzip".padStart(11)} ${"median".padStart(12)} ${"p95".padStart(12)}`);

  // httpref: the index is built by Rust; "load" is parsing and decoding it in the client.
  let t = performance.now();
  const ours = createSearch(JSON.parse(rawText));
  const loadMs = performance.now() - t;
  const raw = Buffer.byteLength(rawText);
  row("httpref", loadMs, raw, zlib.gzipSync(rawText).length, latencies((q) => ours.query(q)));

  // MiniSearch, built in JavaScript from the same fields, with comparable options.
  t = performance.now();
  const mini = new MiniSearch({
    fields: ["title", "names", "summary", "body"],
    storeFields: ["title", "url", "kind", "code", "summary"],
    searchOptions: { boost: { title: 10, names: 10, summary: 3 }, fuzzy: 0.2, prefix: true, combineWith: "AND" },
  });
  mini.addAll(docs);
  const buildMs = performance.now() - t;
  const serialized = JSON.stringify(mini);
  row("minisearch", buildMs, Buffer.byteLength(serialized), zlib.gzipSync(serialized).length, latencies((q) => mini.search(q)));

  const agree = QUERIES.filter((q) => ours.query(q, { limit: 1 }).results[0]?.doc.url === mini.search(q)[0]?.url).length;
  console.log(`  same first result for ${agree} of ${QUERIES.length} queries`);
}

async function browser() {
  process.env.HTTPREF_SITE = args.browser;
  const { serve, launch } = await import("../../tests/e2e/support.mjs");
  const server = await serve(args.browser);
  const chromium = await launch();
  const times = [];
  for (let run = 0; run < 5; run++) {
    const context = await chromium.newContext(); // cold: nothing cached
    const page = await context.newPage();
    await page.goto(server.url + "/codes/404/");
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => {
      window.__firstKey = null;
      document.addEventListener("keydown", () => (window.__firstKey ??= performance.now()), { capture: true });
      new MutationObserver((_, observer) => {
        if (document.querySelector("#search-results [role=option]")) {
          window.__firstResult = performance.now();
          observer.disconnect();
        }
      }).observe(document.body, { subtree: true, childList: true });
    });
    await page.keyboard.press("/");
    await page.keyboard.type("4");
    await page.waitForFunction(() => window.__firstResult);
    times.push(await page.evaluate(() => window.__firstResult - window.__firstKey));
    await context.close();
  }
  times.sort((a, b) => a - b);
  console.log(`browser (shipped site, cold cache): first keystroke to first result: median ${times[2].toFixed(1)} ms, worst ${times[4].toFixed(1)} ms of 5`);
  await chromium.close();
  await server.close();
}

if (args.browser) await browser();
else await engines();
