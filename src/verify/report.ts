/** A verify report as text, for the terminal and the output channel. Pure. */
import type { CheckResult, VerifyReport } from './runner';

function indent(text: string, by: string): string {
  return text.split('\n').map((l) => by + l).join('\n');
}

export function formatCheck(c: CheckResult, verbose = false): string {
  const head = `    ${c.ok ? '✔' : '✘'} ${c.name}`;
  if (c.ok && !verbose) return head;
  if (!c.steps.length) return `${head}\n${indent(c.message ?? 'not run', '        ')}`;
  const lines = [head];
  for (const s of c.ok ? c.steps : c.steps.slice(-1)) {
    lines.push(`        sent:     ${s.sent}`, `        expected: ${s.expected}`, indent(`got:      ${s.got}`, '        '));
  }
  return lines.join('\n');
}

export function formatReport(r: VerifyReport): string {
  const out: string[] = [];
  if (r.startProblem && r.startProblem !== 'cancelled') out.push(`✘ the server could not be verified:\n${indent(r.startProblem, '    ')}`, '');
  for (const m of r.milestones) {
    out.push(`${m.ok ? '✔' : '✘'} ${m.id}: ${m.title}${m.ok ? `  (verifies ${m.nodes.join(', ')})` : ''}`);
    if (!r.startProblem || r.startProblem === 'cancelled') for (const c of m.checks) out.push(formatCheck(c));
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
