/** A verify report as text, for the terminal and the output channel. Pure. */
import type { CheckResult, VerifyReport } from './results';

function indent(text: string, by: string): string {
  return text.split('\n').map((l) => by + l).join('\n');
}

const MARK = { passed: '✔', failed: '✘', 'could-not-run': '!' } as const;

/** One check: its name, and for a failure the failing step's exchange and a curl command that repeats it (or why nothing ran). */
export function formatCheck(c: CheckResult): string {
  const head = `    ${MARK[c.outcome]} ${c.name}${c.outcome === 'could-not-run' ? ' (could not run)' : ''}`;
  if (c.ok) return head;
  const failed = c.steps.at(-1);
  if (!failed) return `${head}\n${indent(c.message ?? 'not run', '        ')}`;
  const curl = failed.curl ? [`        again:    ${failed.curl}`] : [];
  return [head, `        sent:     ${failed.sent}`, `        expected: ${failed.expected}`, indent(`got:      ${failed.got}`, '        '), ...curl].join('\n');
}

/** The whole report; `withChecks: false` when the checks were already shown as they finished. */
export function formatReport(r: VerifyReport, withChecks = true): string {
  const out: string[] = [];
  const problem = r.problem;
  if (problem && problem.kind !== 'cancelled') {
    const head =
      problem.kind === 'build'
        ? '! could not run: the build failed, so nothing was checked:'
        : r.outcome === 'could-not-run'
          ? '! could not run (nothing was checked; this is the machine, not your code):'
          : '✘ the server could not be verified:';
    out.push(`${head}\n${indent(problem.message, '    ')}`, ...(problem.fix ? [`    fix: ${problem.fix.command}   (in ${problem.fix.cwd})`] : []), '');
  }
  // Each at its file and line, so a terminal or an editor can open it.
  if (r.buildProblems?.length) out.push('Errors:', ...r.buildProblems.map((p) => `    ${p.file}:${p.line}:${p.column}: ${p.message}`), '');
  for (const m of r.milestones) {
    out.push(`${MARK[m.outcome]} ${m.id}: ${m.title}${m.ok ? `  (verifies ${m.nodes.join(', ')})` : ''}`);
    if (withChecks && (!r.startProblem || r.startProblem === 'cancelled')) for (const c of m.checks) out.push(formatCheck(c));
  }
  out.push(...skippedLines(r), '', summary(r));
  return out.join('\n');
}

/** Remote mode: the checks left out, each with why, so a pass is never read as more than it is. */
export function skippedLines(r: VerifyReport): string[] {
  const skipped = r.remote?.skipped ?? [];
  if (!skipped.length) return [];
  return ['', `Skipped against ${r.remote!.url} (${skipped.length}; a local run, verify --dir, checks them):`, ...skipped.map((s) => `    - ${s.milestone}: ${s.name}\n        ${s.reason}`)];
}

export function summary(r: VerifyReport): string {
  if (r.outcome === 'could-not-run') return `Could not run: ${r.problem?.message.split('\n')[0] ?? 'see above'}`;
  const passed = r.milestones.filter((m) => m.ok);
  const checks = r.milestones.flatMap((m) => m.checks);
  const names = passed.length ? ` (${passed.map((m) => m.id).join(', ')})` : '';
  const skipped = r.remote ? `; ${r.remote.skipped.length} skipped (they need a local run)` : '';
  return `${passed.length} of ${r.milestones.length} milestones passed${names}; ${checks.filter((c) => c.ok).length} of ${checks.length} checks passed${skipped} in ${(r.ms / 1000).toFixed(1)} s.`;
}
