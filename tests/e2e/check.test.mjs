// The response checker (issue 24): every message of tests/e2e/check-corpus/ gives exactly the
// findings expected.json lists; httplint's status-related notes on the same corpus are all found
// (check-httplint.py runs the pinned httplint); the page works by keyboard, passes axe in both
// themes, restores a shared address, answers a 1 MB paste within a second, shows pasted markup as
// text, and without JavaScript explains itself and links the code pages instead of a dead form.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { axe, useSite, watch } from "./support.mjs";

const site = useSite();
const HERE = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.join(HERE, "check-corpus");
const EXPECTED = JSON.parse(fs.readFileSync(path.join(CORPUS, "expected.json"), "utf8"));
const FILES = fs.readdirSync(CORPUS).filter((f) => f.endsWith(".http")).sort();

/** Pastes `text`, presses Check and returns the findings' rule ids (`rule:Field`), sorted. */
async function checkText(page, text) {
  const before = Number((await page.locator("#check-result").getAttribute("data-runs")) || 0);
  await page.locator("#check-input").fill(text);
  await page.getByRole("button", { name: "Check" }).click();
  await page.waitForFunction((n) => Number(document.getElementById("check-result").dataset.runs || 0) > n, before);
  return findings(page);
}

async function findings(page) {
  if (await page.locator(".check-not-http").count()) return ["not-http"];
  const rules = await page.locator("#check-result [data-rule]").evaluateAll((els) => els.map((e) => e.dataset.rule));
  return [...new Set(rules)].sort();
}

async function open(hash = "") {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(site.url + "/check/" + hash);
  await page.locator("#check-form").waitFor({ state: "visible" });
  return { context, page, problems };
}

test("the corpus holds at least 60 messages, each with its expected findings", () => {
  assert.ok(FILES.length >= 60, `${FILES.length} messages`);
  assert.deepEqual(Object.keys(EXPECTED).sort(), FILES);
});

test("every corpus message gives exactly the findings it must", async () => {
  const { context, page, problems } = await open();
  const wrong = [];
  for (const file of FILES) {
    const got = await checkText(page, fs.readFileSync(path.join(CORPUS, file), "utf8"));
    if (JSON.stringify(got) !== JSON.stringify(EXPECTED[file])) {
      wrong.push(`${file}: got ${JSON.stringify(got)}, expected ${JSON.stringify(EXPECTED[file])}`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.deepEqual(problems, []);
  await context.close();
});

// httplint's status-related note classes, and the checker findings that cover each. Notes that only
// describe the code ("the resource was not found") map to `code`: the checker shows the code's name,
// summary and first steps for every known code. Notes not listed here are not about status codes.
const HTTPLINT = {
  CREATED_WITHOUT_LOCATION: ["header-missing:Location"],
  CREATED_SAFE_METHOD: ["created-safe-method"],
  REDIRECT_WITHOUT_LOCATION: ["header-missing:Location"],
  PARTIAL_WITHOUT_RANGE: ["header-missing:Content-Range"],
  PARTIAL_NOT_REQUESTED: ["request-field-missing:Range"],
  NO_DATE_304: ["rule-unseen:Date"],
  HEADER_SHOULD_NOT_BE_IN_304: ["not-modified-metadata:*"],
  UNEXPECTED_CONTINUE: ["request-field-missing:Expect"],
  UPGRADE_NOT_REQUESTED: ["request-field-missing:Upgrade"],
  CONNECT_TUNNEL_FRAMING: ["connect-framing:*"],
  STATUS_DEPRECATED: ["status-deprecated"],
  STATUS_RESERVED: ["status-unused"],
  STATUS_NONSTANDARD: ["status-unofficial", "status-unassigned", "status-invalid"],
  STATUS_IM_A_TEAPOT: ["status-unused"],
  STATUS_405_METHOD_IN_ALLOW: ["allow-lists-method:*"],
  STATUS_406_WITHOUT_NEGOTIATION: ["request-field-missing:Accept"],
  STATUS_412_WITHOUT_PRECONDITION: ["request-field-missing:If-Match / If-None-Match / If-Unmodified-Since"],
  STATUS_416_WITHOUT_RANGE: ["request-field-missing:Range"],
  STATUS_416_WITHOUT_CONTENT_RANGE: ["header-missing:Content-Range"],
  STATUS_417_WITHOUT_EXPECT: ["request-field-missing:Expect"],
  CONTENT_NOT_ALLOWED: ["body-not-allowed", "body-must-not"],
  CL_INCORRECT: ["content-length-mismatch:Content-Length", "content-length-invalid:Content-Length"],
  CL_AND_TE_PRESENT: ["te-and-cl:Content-Length"],
  STATUS_CODE_NON_NUMERIC: ["status-invalid"],
};
const DESCRIBES_THE_CODE = new Set([
  "STATUS_BAD_REQUEST", "STATUS_FORBIDDEN", "STATUS_METHOD_NOT_ALLOWED", "STATUS_NOT_FOUND",
  "STATUS_NOT_ACCEPTABLE", "STATUS_CONFLICT", "STATUS_GONE", "STATUS_REQUEST_ENTITY_TOO_LARGE",
  "STATUS_URI_TOO_LONG", "STATUS_UNSUPPORTED_MEDIA_TYPE", "STATUS_INTERNAL_SERVICE_ERROR",
  "STATUS_NOT_IMPLEMENTED", "STATUS_BAD_GATEWAY", "STATUS_SERVICE_UNAVAILABLE", "STATUS_GATEWAY_TIMEOUT",
  "STATUS_VERSION_NOT_SUPPORTED", "STATUS_PRECONDITION_FAILED", "STATUS_EXPECTATION_FAILED",
  "STATUS_417_WITH_100_CONTINUE", "STATUS_EARLY_HINTS", "STATUS_UPLOAD_RESUMPTION_SUPPORTED",
  "STATUS_ALREADY_REPORTED", "STATUS_MISDIRECTED_REQUEST", "STATUS_TOO_EARLY", "STATUS_PRECONDITION_REQUIRED",
  "STATUS_TOO_MANY_REQUESTS", "STATUS_REQUEST_HEADER_FIELDS_TOO_LARGE", "STATUS_UNAVAILABLE_FOR_LEGAL_REASONS",
  "STATUS_LOOP_DETECTED", "STATUS_NETWORK_AUTHENTICATION_REQUIRED",
]);

function covers(pattern, got) {
  return pattern.endsWith("*") ? got.some((g) => g.startsWith(pattern.slice(0, -1))) : got.includes(pattern);
}

test("the checker finds every status-related note httplint gives on the corpus", async () => {
  const python = process.env.HTTPLINT_PYTHON || path.join(HERE, "../../target/httplint-venv/bin/python");
  const notes = JSON.parse(execFileSync(python, [path.join(HERE, "check-httplint.py"), CORPUS], { encoding: "utf8" }));
  const { context, page } = await open();
  const missed = [];
  let compared = 0;
  for (const file of FILES) {
    const got = await checkText(page, fs.readFileSync(path.join(CORPUS, file), "utf8"));
    for (const note of notes[file] || []) {
      if (DESCRIBES_THE_CODE.has(note)) {
        compared++;
        if (!(await page.locator(".check-code h3").count()) && !got.includes("status-invalid")) missed.push(`${file}: ${note} (no code card)`);
        continue;
      }
      const wanted = HTTPLINT[note];
      if (!wanted) continue;
      compared++;
      if (!wanted.some((w) => covers(w, got))) missed.push(`${file}: httplint ${note}, checker ${JSON.stringify(got)}`);
    }
  }
  assert.ok(compared >= 30, `compared ${compared} httplint notes`);
  assert.deepEqual(missed, []);
  await context.close();
});
