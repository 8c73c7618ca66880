// `httpref serve` in a real browser: the open tab reloads after a save that changes its page, a broken edit shows the
// error overlay over the last good page (without breaking the pages' Content-Security-Policy),
// and fixing the file removes it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launch, watch } from "./support.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const binary = process.env.HTTPREF_BIN || path.join(repo, "target/release/httpref");

let dir;
let server;
let url;
let browser;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "httpref-serve-"));
  for (const part of ["content", "templates", "static"]) fs.cpSync(path.join(repo, part), path.join(dir, part), { recursive: true });
  server = spawn(binary, ["serve", "--root", dir, "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
  url = await new Promise((resolve, reject) => {
    let seen = "";
    server.stdout.on("data", (chunk) => {
      seen += chunk;
      const match = seen.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (match) resolve(match[0]);
    });
    server.on("exit", () => reject(new Error("httpref serve exited")));
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.kill();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("live reload and the error overlay", async () => {
  const page = await (await browser.newContext()).newPage();
  const problems = watch(page);
  const file = path.join(dir, "content/codes/404.md");
  const original = fs.readFileSync(file, "utf8");
  await page.goto(url + "codes/404/");
  await page.waitForLoadState("networkidle");

  // A tab whose page the save does not change stays as it is.
  const unrelated = await page.context().newPage();
  await unrelated.goto(url + "codes/200/");
  await unrelated.waitForLoadState("networkidle");
  await unrelated.evaluate(() => (window.notReloaded = true));

  // A save reloads the tab with the change.
  fs.writeFileSync(file, original.replace(/^summary: .*$/m, "summary: Changed while the page was open."));
  await page.locator(".summary", { hasText: "Changed while the page was open." }).waitFor({ timeout: 15000 });
  assert.equal(await unrelated.evaluate(() => window.notReloaded), true, "an unchanged page is not reloaded");
  await unrelated.close();

  // A broken save keeps the page and shows the problem, with its location.
  fs.writeFileSync(file, original.replace("\nname: ", "\nnmae: "));
  const overlay = page.getByRole("alert");
  await overlay.waitFor({ timeout: 15000 });
  assert.match(await overlay.textContent(), /content\/codes\/404\.md:3:1: error: unknown field `nmae`/);
  assert.equal(await page.locator(".summary").textContent(), "Changed while the page was open.");

  // Another page opened now shows it too.
  const other = await page.context().newPage();
  await other.goto(url + "classes/4xx/");
  await other.getByRole("alert").waitFor({ timeout: 15000 });

  // Fixing the file reloads, and the overlay is gone.
  fs.writeFileSync(file, original);
  await page.locator(".summary", { hasText: "Changed while the page was open." }).waitFor({ state: "detached", timeout: 15000 });
  assert.equal(await page.getByRole("alert").count(), 0);
  assert.deepEqual(problems.filter((p) => !p.includes("ERR_ABORTED")), []);
});
