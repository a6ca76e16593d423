// Runs inside the real extension host: VS Code requires this file and calls run().
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000 });
  const dir = path.join(__dirname, 'suite');
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      const out = process.env.ROADMAP_TEST_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify({ layer: 'integration', passed: stats.passes, failed: stats.failures, pending: stats.pending }));
      console.log(`[integration] ${stats.passes} passed, ${stats.failures} failed`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
