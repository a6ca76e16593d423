/** `verify --dir <project>`: runs a scaffolded project's milestone checks and prints them as they finish. */
import * as path from 'path';
import { loadCompiledChecks } from '../verify/compiled';
import type { IdeaChecks } from '../verify/checks';
import { formatReport } from '../verify/report';
import { verifyProject, VerifyError, readProjectManifest } from '../verify/runner';
import { type Command, UsageError } from './command';
import { printEvents, watchProject } from './verifyWatch';
import { builtinProjects, distDir } from './content';
import { writeAtomic } from './io';
import { REMOTE_OPTIONS, verifyDeployed } from './verifyRemote';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Start the project\'s server and run its milestone checks (or, with --url, run those that need no process control against a deployed server and list the skipped ones); prints each milestone and check (--report also writes them as JSON); exit 0 when all pass, 1 when a check fails, 3 when it could not run (a service down, an install that failed, a port in use).',
  positionals: [],
  options: {
    dir: { type: 'string', value: '<project>', required: true, help: 'The project\'s folder (the one with its starter.json); . for the folder you are in.' },
    install: { type: 'boolean', help: 'Run the project\'s install commands first.' },
    only: { type: 'string', value: '<milestone>[,...]', help: 'Run only these milestones, or single checks written milestone/index.' },
    timeout: { type: 'string', value: '<seconds>', help: 'How long to wait for the server\'s health path (default 60).' },
    report: { type: 'string', value: '<file>', help: 'Also write the results as JSON to this file.' },
    watch: { type: 'boolean', help: 'Keep watching: on every change of a project file, run the build command (starter.json\'s build), restart the server and run the milestone in focus first, then the ones before it. Ctrl+C stops.' },
    milestone: { type: 'string', value: '<milestone>', help: 'With --watch: the milestone in focus (default: the first that does not pass yet).' },
    ...REMOTE_OPTIONS,
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
      if (strings.milestone !== undefined && !idea.milestones.some((m) => m.id === strings.milestone)) {
        io.err(`--milestone: '${strings.milestone}' is not a milestone of '${idea.id}': ${idea.milestones.map((m) => m.id).join(', ')}`);
        return 2;
      }
      if (only && flags.has('watch')) throw new UsageError('--only is not for --watch: give the milestone in focus with --milestone', 'verify');
      if (strings.milestone !== undefined && !flags.has('watch')) throw new UsageError('--milestone is for --watch: without it, verify runs every milestone (or --only)', 'verify');
      if (strings.url !== undefined) return await verifyDeployed({ strings, flags, idea, checks: ideaChecks, manifest, only }, io);
      const base = { projectDir, checks: ideaChecks, milestones: idea.milestones, healthTimeoutMs: seconds * 1000 };
      if (flags.has('watch')) return await watchProject({ ...base, install: flags.has('install'), focus: strings.milestone, reportFile: strings.report && path.resolve(strings.report) }, idea, io);
      // The folder by name and in full: `--dir .` would otherwise print as nothing at all.
      io.out(`Verifying ${idea.title}${manifest.stack ? ` (${manifest.stack})` : ''} in ${path.basename(projectDir) || projectDir} (${projectDir})`);
      const report = await verifyProject({ ...base, only, install: flags.has('install'), onEvent: printEvents(idea, io) });
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
