import * as fs from 'fs';
import * as inspector from 'inspector';
import * as path from 'path';
import type { Figures } from '.';
import { activateOurs, BASELINE, extension, openLessonMs, OURS } from './extensions';
import { sleep, waitForQuiet } from './measure';

/**
 * One fresh extension host: activates ours and the empty extension one after the other (`first`
 * goes first), timing each `activate()` from here. Neither may have been active before: activation
 * then includes loading the extension's code. Afterwards the first lesson is opened (cold: it
 * loads the lesson page's bundle and reads the lessons file). VS Code's own marks in the host split each activation: the require()
 * of the code, everything until activate() is called (code and the extension's context), the call.
 */
export async function measureActivation(first: 'ours' | 'baseline'): Promise<Figures> {
  // The workbench is still starting up when tests begin; let it settle so it does not skew either side.
  await sleep(1500);
  const order = first === 'ours' ? [OURS, BASELINE] : [BASELINE, OURS];
  const ms: Record<string, number> = {};
  const phases: Record<string, number> = {};
  for (const id of order) {
    const ext = extension(id);
    if (ext.isActive) throw new Error(`${id} was already active before it was timed: something in the workspace or the window activated it`);
    phases[`${id === OURS ? 'ours' : 'baseline'}Idle`] = (await waitForQuiet()) ?? -1;
    const profile = id === OURS && process.env.BENCH_PROFILE ? await startProfile() : undefined;
    const started = Date.now();
    const t = performance.now();
    await ext.activate();
    ms[id] = performance.now() - t;
    if (profile) fs.writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(await profile.stop()));
    // VS Code's own marks in the host (Date.now(), so 1 ms resolution): the require() of the
    // extension's main file, then from code and context ready to activate() returned.
    const marks = vscodeMarks();
    const at = (name: string) => marks.get(`code/extHost/${name}/${id}`);
    const who = id === OURS ? 'ours' : 'baseline';
    const [willLoad, didLoad, willActivate, didActivate] = [at('willLoadExtensionCode'), at('didLoadExtensionCode'), at('willActivateExtension'), at('didActivateExtension')];
    if (willLoad !== undefined && didLoad !== undefined) phases[`${who}CodeMs`] = didLoad - willLoad;
    if (willActivate !== undefined && didActivate !== undefined) {
      phases[`${who}LoadMs`] = willActivate - started;
      phases[`${who}CallMs`] = didActivate - willActivate;
    }
    await sleep(300);
  }
  const { api, extensionPath } = await activateOurs();
  await waitForQuiet();
  const lessonColdMs = await openLessonMs(api, api.index!.order[0]);
  // The installed extension's bundle: what activation loads.
  const activationBytes = fs.statSync(path.join(extensionPath, 'dist', 'extension.js')).size;
  return { activationOurs: ms[OURS], activationBaseline: ms[BASELINE], lessonColdMs, activationBytes, first, ...phases };
}

/** The extension host's performance marks (VS Code keeps them on globalThis), by name. */
function vscodeMarks(): Map<string, number> {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks;
  return new Map((perf?.getMarks() ?? []).map((m) => [m.name, m.startTime]));
}

/** A CPU profile of this extension host (bench/run.mjs --profile), to see where activation goes. */
async function startProfile(): Promise<{ stop(): Promise<object> }> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = (await post('Profiler.stop')) as { profile: object };
      session.disconnect();
      return profile;
    },
  };
}
