// Valid HTML: the Nu HTML Checker (vnu-jar, run with Java) reports no errors on any page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SITE } from "./support.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const VNU = path.join(here, "node_modules/vnu-jar/build/dist/vnu.jar");

test("the Nu HTML Checker finds no errors on any page", () => {
  let report;
  try {
    report = execFileSync("java", ["-jar", VNU, "--errors-only", "--skip-non-html", "--format", "json", SITE], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    // vnu exits 1 when it finds errors and writes its JSON report to stderr.
    report = err.stderr || err.stdout;
  }
  const text = report.trim();
  const messages = text ? JSON.parse(text).messages : [];
  const errors = messages
    .filter((m) => m.type === "error" || m.subType === "fatal")
    .map((m) => `${path.relative(SITE, new URL(m.url).pathname)}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(errors, []);
});
