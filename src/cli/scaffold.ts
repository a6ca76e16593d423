/** `scaffold <idea-id> --stack --dir`: writes a starter project, with the engine's promises (src/scaffold/engine.ts). */
import { listStarters, scaffold, ScaffoldError } from '../scaffold/engine';
import { STACKS } from '../scaffold/manifest';
import { type Command, PROGRAM } from './command';
import { startersRoot } from './content';
import { display } from './io';

export const scaffoldCommand: Command = {
  name: 'scaffold',
  summary: 'Write a starter project into a new or empty folder.',
  positionals: [{ name: 'idea-id', help: `The project idea, as ${PROGRAM} list prints it.` }],
  options: {
    stack: { type: 'string', value: STACKS.join('|'), required: true, help: 'The starter\'s language and toolchain.' },
    dir: { type: 'string', value: '<path>', required: true, help: 'A new folder, or an empty one, to write the project into.' },
    name: { type: 'string', value: '<name>', help: 'The service\'s package name: lowercase letters, digits and hyphens (default: the starter\'s own).' },
  },
  run({ positionals: [ideaId], strings }, io) {
    const { stack, dir, name } = strings;
    const { starters, problems } = listStarters(startersRoot());
    for (const p of problems) io.err(p);
    const forIdea = starters.filter((s) => s.manifest.idea === ideaId);
    if (forIdea.length === 0) {
      const ideas = [...new Set(starters.map((s) => s.manifest.idea))];
      io.err(`no starter for '${ideaId}'; ideas with starters: ${ideas.join(', ') || 'none'} (${PROGRAM} list)`);
      return 1;
    }
    const starter = forIdea.find((s) => s.manifest.stack === stack);
    if (!starter) {
      io.err(`'${ideaId}' has no '${stack}' starter; stacks: ${forIdea.map((s) => s.manifest.stack).join(', ')} (known stacks: ${STACKS.join(', ')})`);
      return 1;
    }
    try {
      const result = scaffold({ starter, target: dir, variables: name !== undefined ? { name } : {} });
      io.out(`wrote ${result.files.length} files to ${result.target}`);
      io.out(`next: cd ${display(result.target)} && ${starter.manifest.install.join(' && ')} && ${starter.manifest.start}`);
      return 0;
    } catch (err) {
      if (err instanceof ScaffoldError) {
        io.err(`scaffold refused: ${err.message}`);
        return 1;
      }
      throw err;
    }
  },
};
