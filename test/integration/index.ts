// Runs inside the real extension host: VS Code requires this file and calls run().
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { format } from 'util';

export function run(): Promise<void> {
  // Mocha's report also goes into the results file: the page console is a lossy channel.
  const lines: string[] = [];
  const original = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    lines.push(format(...args));
    original(...args);
  };
  const capture = { text: () => lines.join('\n'), restore: () => (Mocha.reporters.Base.consoleLog = original) };
  // ROADMAP_TEST_GREP runs only the tests whose full title matches (a whole describe, for tests that build on each other).
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000, ...(process.env.ROADMAP_TEST_GREP ? { grep: process.env.ROADMAP_TEST_GREP } : {}) });
  const dir = path.join(__dirname, 'suite');
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    // Each failed test with its reason, for the recap at the end of the run (scripts/test.mjs).
    const recap: { name: string; detail: string }[] = [];
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      capture.restore();
      const out = process.env.ROADMAP_TEST_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify({ layer: 'integration', passed: stats.passes, failed: stats.failures, pending: stats.pending, failures: recap, report: capture.text() }));
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('fail', (test, err: unknown) => recap.push({ name: test.fullTitle(), detail: String((err as Error)?.message ?? err).slice(0, 1500) }));
  });
}
