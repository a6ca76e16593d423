// The flakiness loop, run before an issue about checks is called resolved (not in CI: it takes long).
// For every starter: the fresh starter is verified N times and must give the same verdict per milestone
// every time (baseline passes, the rest fail); the reference solution is verified N times and must
// pass every milestone every time. With --kit, each wrong solution of the honesty kit is run N times
// too and must fail exactly its milestone every time. Prints a table with the figures for the note.
//
//   node scripts/flaky.mjs [--runs 5] [--kit]          ROADMAP_STARTERS=idea[/stack][,...] limits it
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { judgeEntry, kitEntries, serviceStarter, sh, verifyReport } from './kit.mjs';
import { applyReference, referencePatch, scaffold } from './reference.mjs';
import { execFileSync } from 'node:child_process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, kit: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 2) throw new Error(`--runs must be a whole number of at least 2, not '${values.runs}'`);
const only = (process.env.ROADMAP_STARTERS ?? '').split(',').filter(Boolean);
const selected = (idea, stack) => !only.length || only.some((o) => o === idea || o === `${idea}/${stack}`);

const install = (manifest, dir) => {
  const r = sh(manifest.install.join(' && '), dir);
  if (!r.ok) throw new Error(`install failed in ${dir}:\n${r.out.slice(-2000)}`);
};
const verdicts = (report) => (report.startProblem ? `could not run: ${report.startProblem.split('\n')[0]}` : report.milestones.map((m) => `${m.id}:${m.ok ? 'pass' : 'fail'}`).join(' '));
const span = (seconds) => `${Math.min(...seconds).toFixed(1)}-${Math.max(...seconds).toFixed(1)} s`;

const services = serviceStarter();
const work = mkdtempSync(path.join(os.tmpdir(), 'roadmap-flaky-'));
const rows = [];
let bad = 0;
const started = Date.now();
try {
  for (const idea of readdirSync(path.join(root, 'roadmap', 'starters')).sort()) {
    if (!existsSync(path.join(root, 'roadmap', 'verify', `${idea}.yaml`))) continue;
    for (const stack of readdirSync(path.join(root, 'roadmap', 'starters', idea)).sort()) {
      if (!selected(idea, stack)) continue;
      const dir = path.join(work, `${idea}-${stack}`);
      scaffold(idea, stack, dir);
      const manifest = JSON.parse(readFileSync(path.join(dir, 'starter.json'), 'utf8'));
      install(manifest, dir);
      const loop = async (what, judge) => {
        const seen = new Map();
        const seconds = [];
        let wrong = 0;
        for (let i = 0; i < runs; i++) {
          const report = verifyReport(dir, await services.env(manifest.services));
          seconds.push(report.seconds);
          const v = verdicts(report);
          seen.set(v, (seen.get(v) ?? 0) + 1);
          const why = judge(report);
          if (why) {
            wrong++;
            console.log(`  ✘ ${idea}/${stack} ${what} run ${i + 1}: ${why}`);
          }
        }
        const ok = wrong === 0 && seen.size === 1;
        if (!ok) bad++;
        rows.push({ starter: `${idea}/${stack}`, what, result: `${runs - wrong}/${runs} as expected, ${seen.size} distinct verdict${seen.size === 1 ? '' : 's'}`, time: span(seconds), ok });
        console.log(`${ok ? '✔' : '✘'} ${idea}/${stack} ${what}: ${rows.at(-1).result}, ${rows.at(-1).time}`);
      };
      await loop('fresh starter', (r) => {
        const off = r.startProblem ? [r.startProblem.split('\n')[0]] : r.milestones.filter((m) => m.ok !== (m.id === 'baseline')).map((m) => `${m.id} ${m.ok ? 'passed' : 'failed'}`);
        return off.length ? off.join(', ') : undefined;
      });
      applyReference(referencePatch(idea, stack), dir);
      install(manifest, dir);
      await loop('reference', (r) => {
        const off = r.startProblem ? [r.startProblem.split('\n')[0]] : r.milestones.filter((m) => !m.ok).map((m) => `${m.id} failed (${m.checks.find((c) => !c.ok)?.name})`);
        return off.length ? off.join(', ') : undefined;
      });
      if (!values.kit) continue;
      for (const entry of kitEntries(idea).filter((e) => e.stack === stack)) {
        const patch = path.join(root, 'test', 'fixtures', 'wrong', idea, `${entry.id}.patch`);
        applyReference(patch, dir);
        try {
          install(manifest, dir);
          await loop(`wrong ${entry.id}`, (r) => {
            const v = judgeEntry(entry, r);
            return v.ok ? undefined : v.why;
          });
        } finally {
          execFileSync('git', ['apply', '-R', '--whitespace=nowarn', patch], { cwd: dir, stdio: 'pipe' });
        }
      }
    }
  }
} finally {
  services.stop();
  rmSync(work, { recursive: true, force: true });
}
console.log(`\n| starter | runs of | result | verify time |\n|---|---|---|---|`);
for (const r of rows) console.log(`| ${r.starter} | ${r.what} | ${r.result} | ${r.time} |`);
console.log(`\n${rows.length - bad} of ${rows.length} loops steady (${runs} runs each) in ${((Date.now() - started) / 60000).toFixed(1)} min`);
process.exit(bad ? 1 : 0);
