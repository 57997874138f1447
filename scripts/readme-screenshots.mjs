#!/usr/bin/env node
/* global Image, document -- the page.evaluate callback runs in Chromium */
// Turns the README screenshots the e2e run took (test-results/screenshots/e2e-readme-*.png,
// from test/e2e/keyboard.e2e.mjs) into docs/images/*.webp, without the e2e- prefix.
// WebP at high quality keeps the text sharp at about a third of the PNG's size, so the
// gallery fits in the .vsix (budget 1 MB) and shows on the extension's page in VS Code.
// The encoder is Debian's Chromium (canvas.toDataURL), the browser the tests already use.
// Take them first: E2E_GREP="keyboard:" npm run test:e2e
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './lib/chromium.mjs';
import { repoRoot, testResultsDir } from './lib/paths.mjs';

const QUALITY = 0.9;
const from = path.join(testResultsDir, 'screenshots');
const to = path.join(repoRoot, 'docs', 'images');
const files = fs.existsSync(from) ? fs.readdirSync(from).filter((f) => /^e2e-readme-.+\.png$/.test(f)).sort() : [];
if (files.length === 0) {
  console.error(`readme-screenshots: no e2e-readme-*.png in ${path.relative(repoRoot, from)}; run E2E_GREP="keyboard:" npm run test:e2e first`);
  process.exit(1);
}
fs.mkdirSync(to, { recursive: true });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  for (const f of files) {
    const png = fs.readFileSync(path.join(from, f)).toString('base64');
    const dataUrl = await page.evaluate(async ({ png, quality }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      canvas.getContext('2d').drawImage(img, 0, 0);
      return canvas.toDataURL('image/webp', quality);
    }, { png, quality: QUALITY });
    if (!dataUrl.startsWith('data:image/webp;base64,')) throw new Error(`Chromium did not encode ${f} as WebP`);
    const target = path.join(to, f.slice('e2e-'.length).replace(/\.png$/, '.webp'));
    fs.writeFileSync(target, Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
    console.log(`${path.relative(repoRoot, target)} (${Math.round(fs.statSync(target).size / 1024)} KB)`);
  }
} finally {
  await browser.close();
}
