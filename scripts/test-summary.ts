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

/** pytest's JUnit XML: the first <testsuite> element carries the counts. */
async function pytestCounts(): Promise<{ passed: number; failed: number; skipped: number }> {
  const xml = await readFile('reports/pytest.xml', 'utf8');
  const attr = (name: string) =>
    Number(new RegExp(`<testsuite[^>]*\\b${name}="(\\d+)"`).exec(xml)?.[1] ?? 0);
  const failed = attr('failures') + attr('errors');
  const skipped = attr('skipped');
  return { passed: attr('tests') - failed - skipped, failed, skipped };
}

const vitest = JSON.parse(await readFile('reports/vitest.json', 'utf8')) as VitestReport;
const playwright = JSON.parse(
  await readFile('reports/playwright.json', 'utf8'),
) as PlaywrightReport;
const pytest = await pytestCounts();
const passed =
  vitest.numPassedTests + pytest.passed + playwright.stats.expected + playwright.stats.flaky;
const failed = vitest.numFailedTests + pytest.failed + playwright.stats.unexpected;
const skipped = vitest.numPendingTests + pytest.skipped + playwright.stats.skipped;
console.log(
  `unit: ${vitest.numPassedTests} passed, models: ${pytest.passed} passed, browser: ${playwright.stats.expected} passed`,
);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (failed > 0 || passed === 0) process.exit(1);
