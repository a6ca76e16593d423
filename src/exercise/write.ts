/**
 * An exercise written into a folder of the workspace (exercises/<topic>/): its starting files for one
 * stack, the manifest verify reads (starter.json with `exercise`), a README with the task, and for
 * services a compose file and a .env that point at it. Written with the scaffold engine's guarantees
 * (writeTree): nothing overwritten, nothing outside the folder. Pure Node, no `vscode`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ScaffoldError, writeTree } from '../scaffold/engine';
import { MANIFEST_FILE } from '../verify/manifest';
import { STACK_LABELS, type Exercise, type ExerciseService } from './model';

/** Where "Start Exercise" puts a topic's exercise, relative to the workspace folder. */
export const exerciseFolder = (topic: string): string => `exercises/${topic}`;

// Keyed by the exercise's service list, so a service added there without its compose entry does not compile.
const COMPOSE: Record<ExerciseService, { service: string; env: string; url: string }> = {
  postgresql: {
    service: '  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: exercise\n    ports:\n      - "5432:5432"\n',
    env: 'DATABASE_URL',
    url: 'postgres://postgres:exercise@127.0.0.1:5432/postgres',
  },
  mariadb: {
    service: '  mariadb:\n    image: mariadb:11.4\n    environment:\n      MARIADB_ROOT_PASSWORD: exercise\n    ports:\n      - "3306:3306"\n',
    env: 'MARIADB_URL',
    url: 'mysql://root:exercise@127.0.0.1:3306/',
  },
  redis: { service: '  cache:\n    image: redis:8\n    ports:\n      - "6379:6379"\n', env: 'REDIS_URL', url: 'redis://127.0.0.1:6379' },
  kafka: { service: '  broker:\n    image: apache/kafka:4.1.1\n    ports:\n      - "9092:9092"\n', env: 'KAFKA_BROKERS', url: '127.0.0.1:9092' },
  s3: { service: '  store:\n    image: versity/versitygw:v1.0.18\n    command: ["--port", ":7070", "--access", "exercise", "--secret", "exercise-secret", "posix", "/data"]\n    ports:\n      - "7070:7070"\n', env: 'S3_ENDPOINT', url: 'http://127.0.0.1:7070' },
};

/** The compose entries of the services an exercise names (its model admits only known ones). */
function composeOf(exercise: Exercise): (typeof COMPOSE)[ExerciseService][] {
  return exercise.services.flatMap((s) => (s in COMPOSE ? [COMPOSE[s as ExerciseService]] : []));
}

/** The manifest of an exercise folder: what verify needs to run its checks in this stack. */
export function exerciseManifest(exercise: Exercise, stack: string): Record<string, unknown> {
  const s = exercise.stacks[stack];
  return {
    exercise: exercise.topic,
    stack,
    vars: { ...s.vars, stack },
    ...(exercise.services.length ? { services: exercise.services } : {}),
    ...(exercise.tools.length ? { tools: exercise.tools } : {}),
    ...(Object.keys(exercise.env).length ? { env: exercise.env } : {}),
    ...(s.install.length ? { install: s.install } : {}),
    ...(s.build ? { build: s.build } : {}),
    ...(s.server ? { start: s.server.start, port: s.server.port, healthPath: s.server.healthPath } : {}),
  };
}

/** The README of an exercise folder: the task, and how its checks run. */
export function exerciseReadme(exercise: Exercise, stack: string): string {
  const services = composeOf(exercise);
  return [
    `# Exercise: ${exercise.title}`,
    '',
    `Stack: ${STACK_LABELS[stack] ?? stack}. Edit \`${exercise.stacks[stack].open}\`.`,
    '',
    exercise.task.trim(),
    '',
    '## Checking your work',
    '',
    'The checks run on every save while the exercise is watched, and from the Testing view. When they all pass, the topic turns verified.',
    `By hand: \`node <extension>/dist/cli.js exercise check --dir ${exerciseFolder(exercise.topic)}\`.`,
    ...(exercise.setup.length ? ['', `The folder was prepared with: ${exercise.setup.map((c) => `\`${c}\``).join(', ')}.`] : []),
    ...(services.length ? ['', `It needs ${exercise.services.join(' and ')}: \`docker compose up -d\` in this folder starts ${services.length === 1 ? 'it' : 'them'}, and \`.env\` points the checks at ${services.length === 1 ? 'it' : 'them'}.`] : []),
    ...(exercise.tools.length ? ['', `It needs ${exercise.tools.map((t) => `\`${t}\``).join(', ')} installed.`] : []),
    '',
  ].join('\n');
}

/** Every file of the exercise folder for `stack`: starting files first, then the ones the product adds. */
export function exerciseFiles(exercise: Exercise, stack: string): { path: string; content: string; executable?: boolean }[] {
  const s = exercise.stacks[stack];
  if (!s) throw new ScaffoldError(`the exercise of '${exercise.topic}' has no '${stack}' stack (it has ${Object.keys(exercise.stacks).join(', ')})`);
  const files: { path: string; content: string; executable?: boolean }[] = Object.entries(s.files).map(([p, content]) => ({ path: p, content, executable: p.endsWith('.sh') }));
  const own = (p: string) => !(p in s.files);
  if (own(MANIFEST_FILE)) files.push({ path: MANIFEST_FILE, content: `${JSON.stringify(exerciseManifest(exercise, stack), null, 2)}\n` });
  if (own('README.md')) files.push({ path: 'README.md', content: exerciseReadme(exercise, stack) });
  const services = composeOf(exercise);
  if (services.length && own('compose.yaml')) files.push({ path: 'compose.yaml', content: `services:\n${services.map((x) => x.service).join('')}` });
  if (services.length && own('.env')) files.push({ path: '.env', content: services.map((x) => `${x.env}=${x.url}\n`).join('') });
  return files;
}

/** Writes the exercise into `target`; the files written, relative to it. */
export function writeExercise(exercise: Exercise, stack: string, target: string): string[] {
  const files = exerciseFiles(exercise, stack);
  // exercises/ itself is made on the first start; the topic's folder goes through writeTree's checks.
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  writeTree(target, files);
  return files.map((f) => f.path);
}
