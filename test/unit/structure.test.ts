import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The shape of src/: one room per question. Rooms are ranked from the pure core up to the wiring;
 * a module may import its own room or a lower one, never a higher one (type-only imports aside:
 * they vanish from the built code), and no import, not even a type-only one, goes round in a circle.
 * The one exception is src/bundles.ts, whose table types each bundle by `import('./x')`: a bundle
 * that loads another bundle through it is no circle at run time.
 */
const ROOMS = ['ids', 'util', 'bundles', 'roadmap', 'progress', 'scaffold', 'verify', 'exercise', 'practice', 'quiz', 'glossary', 'roadmaps', 'webview', 'notes', 'tree', 'lesson', 'review', 'dashboard', 'graph', 'commands', 'cli', 'extension'];
const MAX_LINES = 330;

const src = path.resolve(__dirname, '../../../src');

interface Module {
  file: string;
  room: string;
  /** Imports that remain in the built code. */
  imports: string[];
  /** Those and the type-only ones. */
  allImports: string[];
  lines: number;
}

function roomOf(relative: string): string {
  const first = relative.split('/')[0];
  return first.replace(/\.ts$/, '');
}

function modules(): Module[] {
  const files = (fs.readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => f.split(path.sep).join('/'));
  return files.map((file) => {
    const text = fs.readFileSync(path.join(src, file), 'utf8');
    const imports: string[] = [];
    const allImports: string[] = [];
    // Imports and re-exports of our own modules (packages are not followed), and `import('./x')` in types.
    for (const m of text.matchAll(/^(?:import|export)\s+(type\s)?(?:[^'";]*?\sfrom\s+)?'(\.[^']+)'|import\('(\.[^']+)'\)/gm)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[2] ?? m[3]));
      const resolved = [`${target}.ts`, `${target}/index.ts`].find((f) => files.includes(f));
      if (!resolved) continue;
      if (!m[3]) allImports.push(resolved);
      if (!m[1] && !m[3]) imports.push(resolved);
    }
    return { file, room: roomOf(file), imports, allImports, lines: text.split('\n').length };
  });
}

describe('the layout of src/', () => {
  const all = modules();

  it('names every room in its ranking', () => {
    const unknown = [...new Set(all.map((m) => m.room))].filter((r) => !ROOMS.includes(r));
    assert.deepStrictEqual(unknown, [], 'a new folder under src/ needs its place in ROOMS');
  });

  it('has no import from a lower room to a higher one', () => {
    const wrong = all.flatMap((m) => m.imports.filter((i) => ROOMS.indexOf(roomOf(i)) > ROOMS.indexOf(m.room)).map((i) => `${m.file} -> ${i}`));
    assert.deepStrictEqual(wrong, []);
  });

  it('has no import circle', () => {
    const byFile = new Map(all.map((m) => [m.file, m]));
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of byFile.get(file)?.allImports ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const m of all) visit(m.file, []);
    assert.deepStrictEqual(circles, []);
  });

  it(`keeps every file under about 300 lines (at most ${MAX_LINES})`, () => {
    assert.deepStrictEqual(all.filter((m) => m.lines > MAX_LINES).map((m) => `${m.file} (${m.lines})`), []);
  });

  it('finds the imports it checks (the parser is not silently empty)', () => {
    const extension = all.find((m) => m.file === 'extension.ts')!;
    assert.ok(extension.imports.includes('roadmaps/registry.ts') && extension.imports.includes('bundles.ts'), extension.imports.join(', '));
  });
});
