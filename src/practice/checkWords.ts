/**
 * How a milestone will be tested, in plain words, generated from its checks (never written twice):
 * each step's "sent" and "expected" as a report says them, with the values only a run knows (a
 * unique suffix, an id the server hands back) shown as placeholders. Pure.
 */
import type { Check } from '../verify/checks';
import type { Vars } from '../verify/match';
import { describeStep } from '../verify/steps';

export interface CheckInWords {
  index: number;
  name: string;
  steps: { sent: string; expected: string }[];
}

/** Every variable a check could use, filled with a placeholder that names it. */
function placeholderVars(): Vars {
  const named = (name: string) => (name === 'unique' ? '…' : `‹${name}›`);
  return new Proxy({} as Vars, {
    get: (_, name) => (typeof name === 'string' ? named(name) : undefined),
    has: () => true,
    getOwnPropertyDescriptor: (_, name) => (typeof name === 'string' ? { value: named(name), enumerable: true, configurable: true, writable: false } : undefined),
  });
}

export function checksInWords(checks: readonly Check[], healthPath = '/health'): CheckInWords[] {
  const vars = placeholderVars();
  return checks.map((check, index) => ({
    index,
    name: check.name,
    steps: check.steps.map((step) => {
      const { sent, expected } = describeStep(step, vars, { healthPath });
      return { sent, expected };
    }),
  }));
}
