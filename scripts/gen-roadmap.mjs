// Writes a valid custom roadmap of any size, for tests and benchmarks of loading large files.
// Usage: node scripts/gen-roadmap.mjs --nodes 5000 [--out big.roadmap.yaml] [--per-section 50]
//        [--lessons inline|files] [--id generated]
// With --lessons files, lessons go to lessons/<node-id>.md beside the output file (needs --out).
// Without --out the YAML goes to stdout. The output is the same for the same arguments.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = ['article', 'video', 'course', 'book', 'docs', 'practice', 'tool'];
const WORDS = ['request', 'cache', 'queue', 'index', 'schema', 'token', 'replica', 'shard', 'proxy', 'worker', 'log', 'metric', 'trace', 'lock', 'batch', 'stream'];

/** A small deterministic generator, so two runs give the same file. */
function prng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** @returns {{ yaml: string, lessons: Record<string, string> }} */
export function generateRoadmap({ nodes = 5000, perSection = 50, lessons = 'inline', id = 'generated' } = {}) {
  const rand = prng(nodes * 31 + perSection);
  const word = () => WORDS[Math.floor(rand() * WORDS.length)];
  const out = [`# A generated roadmap of ${nodes} nodes (scripts/gen-roadmap.mjs).`, `id: ${id}`, `title: Generated roadmap (${nodes} nodes)`, 'description: Generated for tests and benchmarks.', 'sections:'];
  const files = {};
  const sections = Math.ceil(nodes / perSection);
  let made = 0;
  for (let s = 0; s < sections && made < nodes; s++) {
    out.push(`  - id: section-${s + 1}`, `    title: Section ${s + 1} - ${word()} and ${word()}`, '    nodes:');
    for (let j = 0; j < perSection && made < nodes; j++, made++) {
      const nodeId = `s${s + 1}-topic-${j + 1}`;
      const prereqs = [];
      if (j > 0) prereqs.push(`s${s + 1}-topic-${j}`);
      if (s > 0 && j === 0) prereqs.push(`s${s}-topic-1`);
      const lesson = `## Why it matters\n\nThe ${word()} decides how the ${word()} behaves; see [the previous topic](#${prereqs[0] ?? nodeId}).\n\n- ${word()} first\n- then the ${word()}\n\n\`\`\`bash\ncurl -s https://example.com/${nodeId}\n\`\`\`\n`;
      out.push(`      - id: ${nodeId}`, `        title: ${word()} ${word()} ${j + 1}`, `        summary: How the ${word()} meets the ${word()}.`, `        hours: ${1 + Math.floor(rand() * 8)}`);
      if (prereqs.length) out.push(`        prerequisites: [${prereqs.join(', ')}]`);
      if (lessons === 'files') {
        out.push(`        lessonFile: lessons/${nodeId}.md`);
        files[`${nodeId}.md`] = lesson;
      } else {
        out.push('        lesson: |', ...lesson.trimEnd().split('\n').map((l) => (l ? `          ${l}` : '')));
      }
      out.push('        resources:', `          - { type: ${TYPES[made % TYPES.length]}, title: "${word()} guide", url: "https://example.com/${nodeId}" }`);
    }
  }
  out.push('plans:', '  - id: first-steps', '    title: First steps', '    unit: week', '    phases:', '      - id: start', '        title: Start', '        nodes: [s1-topic-1]');
  return { yaml: out.join('\n') + '\n', lessons: files };
}

function main(argv) {
  const arg = (name, fallback) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
  };
  const nodes = Number(arg('nodes', '5000'));
  const perSection = Number(arg('per-section', '50'));
  const lessons = arg('lessons', 'inline');
  const out = arg('out', undefined);
  if (!Number.isInteger(nodes) || nodes < 1 || !Number.isInteger(perSection) || perSection < 1 || !['inline', 'files'].includes(lessons)) {
    console.error('usage: node scripts/gen-roadmap.mjs --nodes N [--out file.roadmap.yaml] [--per-section N] [--lessons inline|files] [--id id]');
    return 2;
  }
  if (lessons === 'files' && !out) {
    console.error('--lessons files needs --out (the lessons are written beside it)');
    return 2;
  }
  const { yaml, lessons: files } = generateRoadmap({ nodes, perSection, lessons, id: arg('id', 'generated') });
  if (!out) {
    process.stdout.write(yaml);
    return 0;
  }
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  writeFileSync(out, yaml);
  if (lessons === 'files') {
    const dir = path.join(path.dirname(path.resolve(out)), 'lessons');
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  }
  console.error(`wrote ${out}: ${nodes} nodes, ${(Buffer.byteLength(yaml) / 1024).toFixed(0)} KiB${lessons === 'files' ? `, ${Object.keys(files).length} lesson files` : ''}`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
