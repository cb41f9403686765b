import { readFile } from 'node:fs/promises';

/** Adds up the unit and browser test reports into one closing line: `tests: N passed, N failed`. */
interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

const vitest = JSON.parse(await readFile('reports/vitest.json', 'utf8')) as VitestReport;
const playwright = JSON.parse(
  await readFile('reports/playwright.json', 'utf8'),
) as PlaywrightReport;
const passed = vitest.numPassedTests + playwright.stats.expected + playwright.stats.flaky;
const failed = vitest.numFailedTests + playwright.stats.unexpected;
const skipped = vitest.numPendingTests + playwright.stats.skipped;
console.log(`unit: ${vitest.numPassedTests} passed, browser: ${playwright.stats.expected} passed`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (failed > 0 || passed === 0) process.exit(1);
