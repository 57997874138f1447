#!/usr/bin/env node
// Copies the README screenshots the e2e run took (test-results/screenshots/e2e-readme-*.png,
// from test/e2e/keyboard.e2e.mjs) into docs/images/, without the e2e- prefix.
// Take them first: E2E_GREP="keyboard:" npm run test:e2e
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, testResultsDir } from './lib/paths.mjs';

const from = path.join(testResultsDir, 'screenshots');
const to = path.join(repoRoot, 'docs', 'images');
const files = fs.existsSync(from) ? fs.readdirSync(from).filter((f) => /^e2e-readme-.+\.png$/.test(f)).sort() : [];
if (files.length === 0) {
  console.error(`readme-screenshots: no e2e-readme-*.png in ${path.relative(repoRoot, from)}; run E2E_GREP="keyboard:" npm run test:e2e first`);
  process.exit(1);
}
fs.mkdirSync(to, { recursive: true });
for (const f of files) {
  const target = path.join(to, f.slice('e2e-'.length));
  fs.copyFileSync(path.join(from, f), target);
  console.log(`${path.relative(repoRoot, target)} (${Math.round(fs.statSync(target).size / 1024)} KB)`);
}
