// Runs one test layer's compiled mocha files in plain Node and records its counts.
// Usage: node scripts/run-mocha.mjs <layer> <dir of .test.js files> <results.json> [timeout ms]
import Mocha from 'mocha';
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const [layer, dir, resultsFile, timeout = '10000'] = process.argv.slice(2);
const mocha = new Mocha({ reporter: 'spec', timeout: Number(timeout), color: !process.env.NO_COLOR, grep: process.env.ROADMAP_TEST_GREP });
const files = readdirSync(dir, { recursive: true })
  .filter((f) => f.endsWith('.test.js'))
  .sort()
  .map((f) => path.resolve(dir, f));
for (const f of files) mocha.addFile(f);
console.log(`\n[${layer}] ${files.length} test file(s)`);
/** Each failed test with its reason, for the recap at the end of the run (scripts/test.mjs). */
const recap = [];
const runner = mocha.run((failures) => {
  const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, JSON.stringify({ layer, passed: passes, failed, pending, failures: recap }));
  console.log(`[${layer}] ${passes} passed, ${failed} failed`);
  process.exitCode = failures > 0 || files.length === 0 ? 1 : 0;
});
runner.on('fail', (test, err) => recap.push({ name: test.fullTitle(), detail: String(err?.message ?? err).slice(0, 1500) }));
