/** A verify report as text, for the terminal and the output channel. Pure. */
import type { CheckResult, VerifyReport } from './results';

function indent(text: string, by: string): string {
  return text.split('\n').map((l) => by + l).join('\n');
}

/** One check: its name, and for a failure the failing step's exchange (or why nothing ran). */
export function formatCheck(c: CheckResult): string {
  const head = `    ${c.ok ? '✔' : '✘'} ${c.name}`;
  if (c.ok) return head;
  const failed = c.steps.at(-1);
  if (!failed) return `${head}\n${indent(c.message ?? 'not run', '        ')}`;
  return [head, `        sent:     ${failed.sent}`, `        expected: ${failed.expected}`, indent(`got:      ${failed.got}`, '        ')].join('\n');
}

/** The whole report; `withChecks: false` when the checks were already shown as they finished. */
export function formatReport(r: VerifyReport, withChecks = true): string {
  const out: string[] = [];
  if (r.startProblem && r.startProblem !== 'cancelled') out.push(`✘ the server could not be verified:\n${indent(r.startProblem, '    ')}`, '');
  for (const m of r.milestones) {
    out.push(`${m.ok ? '✔' : '✘'} ${m.id}: ${m.title}${m.ok ? `  (verifies ${m.nodes.join(', ')})` : ''}`);
    if (withChecks && (!r.startProblem || r.startProblem === 'cancelled')) for (const c of m.checks) out.push(formatCheck(c));
  }
  out.push('', summary(r));
  return out.join('\n');
}

export function summary(r: VerifyReport): string {
  const passed = r.milestones.filter((m) => m.ok);
  const checks = r.milestones.flatMap((m) => m.checks);
  const names = passed.length ? ` (${passed.map((m) => m.id).join(', ')})` : '';
  return `${passed.length} of ${r.milestones.length} milestones passed${names}; ${checks.filter((c) => c.ok).length} of ${checks.length} checks passed in ${(r.ms / 1000).toFixed(1)} s.`;
}
