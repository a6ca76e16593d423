/** `list`: the project ideas, one per line, for a terminal or a script (tab-separated). */
import { listStarters } from '../scaffold/engine';
import type { Command } from './command';
import { builtinProjects, startersRoot } from './content';

export const listCommand: Command = {
  name: 'list',
  summary: 'Print every project idea: its id, title, level and starter stacks.',
  positionals: [],
  options: {},
  run(_args, io) {
    const projects = builtinProjects(io);
    if (!projects) return 1;
    const { starters, problems } = listStarters(startersRoot());
    for (const p of problems) io.err(p);
    for (const idea of projects) {
      const stacks = starters.filter((s) => s.manifest.idea === idea.id).map((s) => s.manifest.stack);
      io.out(`${idea.id}\t${idea.title}\t${idea.level}\t${stacks.length ? stacks.join(',') : '-'}`);
    }
    return problems.length ? 1 : 0;
  },
};
