// Runs inside the real extension host, as the integration tests do: VS Code requires this file and
// calls run(). bench/run.mjs starts one host per run and says what to measure in BENCH_MODE;
// the figures go to the file named by BENCH_RESULTS.
import * as fs from 'fs';
import { measureActivation } from './activation';
import { measureFeatures } from './features';
import { activateOurs } from './extensions';
import { measureGraph } from './graph';

export type Figures = Record<string, number | string>;

export async function run(): Promise<void> {
  const out = process.env.BENCH_RESULTS;
  if (!out) throw new Error('BENCH_RESULTS is not set: start the benchmark with npm run bench');
  const mode = process.env.BENCH_MODE;
  try {
    let figures: Figures;
    if (mode === 'activation') figures = await measureActivation(process.env.BENCH_FIRST === 'baseline' ? 'baseline' : 'ours');
    else if (mode === 'features') figures = await measureFeatures();
    else if (mode === 'graph') {
      const { api, extensionPath } = await activateOurs();
      figures = await measureGraph(api, extensionPath);
    }
    else throw new Error(`unknown BENCH_MODE '${mode}': expected activation, features or graph`);
    fs.writeFileSync(out, JSON.stringify({ ok: true, mode, figures }));
  } catch (err) {
    fs.writeFileSync(out, JSON.stringify({ ok: false, mode, error: (err as Error).stack ?? String(err) }));
    throw err;
  }
}
