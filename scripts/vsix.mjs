// What a .vsix holds, read from its zip central directory, and what must and must not be in it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** A packaged extension larger than this is a sign that something slipped in (a build of the tests, a folder of data). */
export const MAX_VSIX_BYTES = 5 * 1024 * 1024;

/** The entries of a zip file: name, uncompressed size; and the file's own size. */
export function readVsix(file) {
  const zip = readFileSync(file);
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 KB.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`${file} is not a zip file: no end of central directory`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: central directory entry ${n + 1} is damaged`);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    entries.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), size });
    at += 46 + skip;
  }
  return { bytes: zip.length, entries };
}

function filesUnder(root, dir) {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .map((f) => path.join(dir, String(f)).split(path.sep).join('/'))
    .filter((f) => statSync(path.join(root, f)).isFile());
}

/** Files the manifest points at: icons, walkthrough media, schemas. */
function manifestFiles(pkg) {
  const c = pkg.contributes ?? {};
  const files = [pkg.main, pkg.icon];
  for (const v of c.viewsContainers?.activitybar ?? []) files.push(v.icon);
  for (const w of c.walkthroughs ?? []) for (const s of w.steps ?? []) files.push(s.media?.markdown, s.media?.image);
  for (const v of [...(c.yamlValidation ?? []), ...(c.jsonValidation ?? [])]) files.push(v.url);
  return files.filter((f) => typeof f === 'string').map((f) => f.replace(/^\.\//, ''));
}

/**
 * Why the package is not fit to publish (empty when it is): a runtime file missing, a file that is
 * not for learners (tests, sources, source maps, dependencies), or a size past MAX_VSIX_BYTES.
 * `root` is the project the package was built from, after its production build.
 */
export function vsixProblems(vsix, pkg, root) {
  const problems = [];
  const inside = new Set(vsix.entries.map((e) => e.name).filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length)));
  const need = (file, why) => inside.has(file) || problems.push(`${file} is missing (${why})`);
  for (const f of ['package.json', 'package.nls.json', 'readme.md', 'changelog.md', 'LICENSE.txt']) need(f, 'the listing and the manifest strings');
  for (const f of manifestFiles(pkg)) need(f, 'named in package.json');
  for (const f of readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.js'))) need(`dist/${f}`, 'a bundle of the build');
  // What compile writes, named so that a build that skipped one is caught too; and whatever else it wrote.
  const compiled = ['roadmap.json', 'lessons.json', 'verify.json', 'hints.json', 'quiz.json', 'quiz-index.json', 'glossary.json', 'exercises.json', 'exercise-index.json'];
  for (const f of new Set([...compiled, ...readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.json'))])) need(`dist/${f}`, 'the compiled roadmap');
  for (const f of [...filesUnder(root, 'media'), ...filesUnder(root, 'roadmap/starters'), ...filesUnder(root, 'roadmap/schema'), ...filesUnder(root, 'dist/references')]) need(f, 'used at run time');
  for (const name of inside) {
    const top = name.split('/')[0];
    if (['test', 'out', 'src', 'scripts', 'bench', 'node_modules', 'test-results', '.vscode', '.ci', 'docs'].includes(top)) problems.push(`${name} is not for learners (${top}/)`);
    else if (name.endsWith('.map')) problems.push(`${name} is a source map`);
    else if (/\.vsix$/.test(name)) problems.push(`${name} is a package inside the package`);
    else if (!name.startsWith('roadmap/starters/') && /\.ts$/.test(name)) problems.push(`${name} is a source file`);
    else if (/(^|\/)\.env$/.test(name)) problems.push(`${name} is an environment file (starters ship .env.example)`);
    else if (/(^|\/)node_modules\//.test(name)) problems.push(`${name} is an installed dependency`);
  }
  if (vsix.bytes > MAX_VSIX_BYTES) problems.push(`the package is ${(vsix.bytes / 1048576).toFixed(2)} MB, over the ${MAX_VSIX_BYTES / 1048576} MB it should stay under`);
  return problems;
}
