/** `verify --dir <project>`: runs a scaffolded project's milestone checks and prints them as they finish. */
import * as path from 'path';
import { loadCompiledChecks } from '../verify/compiled';
import type { IdeaChecks } from '../verify/checks';
import { formatCheck, formatReport } from '../verify/report';
import { verifyProject, VerifyError, readProjectManifest } from '../verify/runner';
import { type Command, UsageError } from './command';
import { builtinProjects, distDir } from './content';
import { writeAtomic } from './io';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Start the project\'s server and run its milestone checks; prints each milestone and check (--report also writes them as JSON); exit 0 when all pass, 1 when a check fails, 3 when it could not run (a service down, an install that failed, a port in use).',
  positionals: [],
  options: {
    dir: { type: 'string', value: '<project>', required: true, help: 'The project\'s folder (the one with its starter.json); . for the folder you are in.' },
    install: { type: 'boolean', help: 'Run the project\'s install commands first.' },
    only: { type: 'string', value: '<milestone>[,...]', help: 'Run only these milestones, or single checks written milestone/index.' },
    timeout: { type: 'string', value: '<seconds>', help: 'How long to wait for the server\'s health path (default 60).' },
    report: { type: 'string', value: '<file>', help: 'Also write the results as JSON to this file.' },
  },
  async run({ strings, flags }, io) {
    const seconds = strings.timeout !== undefined ? Number(strings.timeout) : 60;
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a number of seconds, not '${strings.timeout}'`, 'verify');
    const projectDir = path.resolve(strings.dir);
    const projects = builtinProjects(io);
    if (!projects) return 1;
    let checks: Record<string, IdeaChecks>;
    try {
      checks = loadCompiledChecks(distDir, projects);
    } catch (err) {
      io.err(`the milestone checks could not be read: ${(err as Error).message}`);
      return 1;
    }
    try {
      const manifest = readProjectManifest(projectDir);
      const idea = projects.find((p) => p.id === manifest.idea);
      const ideaChecks = checks[manifest.idea];
      if (!idea || !ideaChecks) {
        io.err(`no milestone checks for '${manifest.idea}'; ideas with checks: ${Object.keys(checks).join(', ') || 'none'}`);
        return 1;
      }
      const only = strings.only?.split(',').filter(Boolean);
      const unknown = (only ?? []).filter((o) => !idea.milestones.some((m) => m.id === o.split('/')[0]));
      if (unknown.length) {
        io.err(`--only: ${unknown.join(', ')} not among the milestones of '${idea.id}': ${idea.milestones.map((m) => m.id).join(', ')}`);
        return 2;
      }
      // The folder by name and in full: `--dir .` would otherwise print as nothing at all.
      io.out(`Verifying ${idea.title}${manifest.stack ? ` (${manifest.stack})` : ''} in ${path.basename(projectDir) || projectDir} (${projectDir})`);
      let lastMilestone = '';
      const report = await verifyProject({
        projectDir,
        checks: ideaChecks,
        milestones: idea.milestones,
        only,
        install: flags.has('install'),
        healthTimeoutMs: seconds * 1000,
        onEvent: (e) => {
          if (e.type === 'info') io.out(`  ${e.text}`);
          else if (e.type === 'checkFinished' && !e.result.steps.length) return;
          else if (e.type === 'checkFinished') {
            if (e.result.milestone !== lastMilestone) {
              lastMilestone = e.result.milestone;
              const m = idea.milestones.find((x) => x.id === lastMilestone);
              io.out(`  ${lastMilestone}: ${m?.title ?? ''}`);
            }
            io.out(formatCheck(e.result));
          } else if (e.type === 'output' && process.env.ROADMAP_VERIFY_ECHO) io.err(e.text.trimEnd());
        },
      });
      if (strings.report !== undefined) writeAtomic(path.resolve(strings.report), JSON.stringify(report, null, 2));
      io.out('');
      io.out(formatReport(report, false));
      // 0 passed, 1 failed (the code did something else), 3 could not run (the machine: a service down...).
      return report.outcome === 'passed' ? 0 : report.outcome === 'could-not-run' ? 3 : 1;
    } catch (err) {
      if (err instanceof VerifyError) {
        io.err(`verify: ${err.message}`);
        return 1;
      }
      throw err;
    }
  },
};
