/** `log`: one line of the server's output since it started must parse as JSON and match a shape. */
import { describe, fillDeep, matchShape } from '../match';
import { MAX_WITHIN_MS, wholeNumber } from '../parser';
import type { StepKind } from './kind';
import { oneLine } from './requestSpec';

export interface LogStep {
  kind: 'log';
  json: unknown;
  withinMs: number;
}

export const log: StepKind<LogStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'log', ['json', 'withinMs'], 'add json: the shape of one output line');
    if (!body) return undefined;
    const what = 'the log step';
    const json = p.mappingOf(body, 'json', what, 'fields to match in one output line', 'add the shape of one output line, such as { level: info }');
    const withinMs = p.numberOr(body, 'withinMs', what, wholeNumber(0, MAX_WITHIN_MS), 2000);
    return json === undefined || withinMs === undefined ? undefined : { kind: 'log', json, withinMs };
  },

  describe(step) {
    return { sent: '(reads the server output)', expected: `an output line of JSON matching ${describe(step.json, 160)}` };
  },

  async run(step, vars, session) {
    const shape = fillDeep(step.json, vars);
    const deadline = performance.now() + step.withinMs;
    for (;;) {
      const lines = session.server.outputLines;
      let parsed = 0;
      for (const line of lines) {
        const t = line.trim();
        if (!t.startsWith('{')) continue;
        let value: unknown;
        try {
          value = JSON.parse(t);
        } catch {
          continue;
        }
        parsed++;
        if (matchShape(value, shape) === undefined) return { ok: true, got: oneLine(t, 200) };
      }
      if (performance.now() >= deadline) {
        const last = lines.length ? oneLine(lines[lines.length - 1], 160) : '(no output)';
        return { ok: false, got: `none of ${lines.length} output lines (${parsed} of them JSON) matched; the last line: ${last}` };
      }
      await session.timed(session.pause(100));
    }
  },
};
