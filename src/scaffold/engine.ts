/**
 * Writes a starter project into a target folder. Pure core (Node's fs, no `vscode`): used by the
 * command, the CLI and the tests. Nothing is ever overwritten, nothing lands outside the target,
 * and a failure leaves no half-written folder behind.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { expand, MANIFEST_FILE, parseManifest, resolveVariables, STACKS, type StarterManifest } from './manifest';

/** A refusal or failure with a message that says what and where. */
export class ScaffoldError extends Error {}

/** Entries a folder may hold and still count as empty. */
const IGNORABLE = new Set(['.git', '.vscode', '.idea', '.DS_Store']);

export interface Starter {
  dir: string;
  manifest: StarterManifest;
}

/** Every starter under `root` (root/<idea>/<stack>/starter.json). Broken manifests are reported, not skipped silently. */
export function listStarters(root: string): { starters: Starter[]; problems: string[] } {
  const found = { starters: [] as Starter[], problems: [] as string[] };
  if (!fs.existsSync(root)) return found;
  for (const idea of fs.readdirSync(root).sort()) {
    const ideaDir = path.join(root, idea);
    if (!fs.statSync(ideaDir).isDirectory()) continue;
    const one = startersIn(ideaDir);
    found.starters.push(...one.starters);
    found.problems.push(...one.problems);
  }
  found.starters.sort((a, b) => a.manifest.idea.localeCompare(b.manifest.idea) || byStack(a, b));
  return found;
}

/**
 * The starters of one project idea: a folder holding a starter.json itself, or one folder per stack
 * that does (as roadmap/starters/<idea>/<stack>/ and a workspace roadmap's `starter` folder may).
 */
export function startersIn(ideaDir: string): { starters: Starter[]; problems: string[] } {
  const starters: Starter[] = [];
  const problems: string[] = [];
  const read = (dir: string) => {
    const file = path.join(dir, MANIFEST_FILE);
    if (!fs.existsSync(file)) return;
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      problems.push(`${file}: not valid JSON (${(err as Error).message})`);
      return;
    }
    const parsed = parseManifest(raw, file);
    if (parsed.manifest) starters.push({ dir, manifest: parsed.manifest });
    else problems.push(...parsed.problems);
  };
  if (fs.existsSync(path.join(ideaDir, MANIFEST_FILE))) read(ideaDir);
  else for (const e of fs.readdirSync(ideaDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) if (e.isDirectory()) read(path.join(ideaDir, e.name));
  return { starters: starters.sort(byStack), problems };
}

/** Stacks in their usual order (TypeScript, Python, Go), not the folders' alphabetical one. */
function byStack(a: Starter, b: Starter): number {
  return STACKS.indexOf(a.manifest.stack) - STACKS.indexOf(b.manifest.stack);
}

export interface ScaffoldRequest {
  starter: Starter;
  target: string;
  variables: Record<string, string>;
  /** Called before each file is written (tests use it to fail mid-way). */
  onFile?: (relativePath: string) => void;
}

export interface ScaffoldResult {
  target: string;
  files: string[];
}

/** Why a folder cannot take a starter, or undefined when it can (missing, or empty but for .git and editor folders). */
export function targetProblem(target: string): string | undefined {
  if (target.includes('\0')) return 'the target path contains a NUL byte';
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch {
    return undefined;
  }
  if (stat.isSymbolicLink()) return `${target} is a symbolic link; choose a real folder`;
  if (!stat.isDirectory()) return `${target} exists and is not a folder`;
  const busy = fs.readdirSync(target).filter((e) => !IGNORABLE.has(e));
  if (busy.length > 0) return `${target} is not empty (${busy.slice(0, 5).join(', ')}${busy.length > 5 ? ', …' : ''}); choose an empty or new folder`;
  return undefined;
}

/** Checks a relative output path and returns where it lands inside `root`. */
export function safeJoin(root: string, relative: string): string {
  if (relative.includes('\0')) throw new ScaffoldError(`refused path with a NUL byte: ${JSON.stringify(relative)}`);
  if (path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative) || relative.startsWith('/') || relative.startsWith('\\')) throw new ScaffoldError(`refused absolute path '${relative}'`);
  if (relative.split(/[\\/]/).some((part) => part === '..')) throw new ScaffoldError(`refused path '${relative}': it climbs out of the target with '..'`);
  const resolved = path.resolve(root, relative);
  if (resolved !== root && !resolved.startsWith(root + path.sep)) throw new ScaffoldError(`refused path '${relative}': it resolves outside the target`);
  return resolved;
}

function templateFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const relPath = rel ? `${rel}/${name}` : name;
      const stat = fs.lstatSync(path.join(dir, relPath));
      if (stat.isSymbolicLink()) throw new ScaffoldError(`starter ${dir} contains a symbolic link (${relPath}); starters may hold only files and folders`);
      if (stat.isDirectory()) walk(relPath);
      else if (stat.isFile()) out.push(relPath);
    }
  };
  walk('');
  return out;
}

/**
 * Writes files into `target` (new, or empty but for .git and editor folders) through a new sibling
 * folder that is then moved into place: nothing overwritten, nothing outside `target`, and a failure
 * leaves nothing behind. Paths are relative, with /.
 */
export function writeTree(target: string, files: { path: string; content: string; executable?: boolean }[], onFile?: (relativePath: string) => void): void {
  target = path.resolve(target);
  const refusal = targetProblem(target);
  if (refusal) throw new ScaffoldError(refusal);
  for (const f of files) safeJoin(target, f.path);
  const parent = path.dirname(target);
  if (!fs.existsSync(parent)) throw new ScaffoldError(`the parent folder ${parent} does not exist`);
  const staging = path.join(parent, `.${path.basename(target)}.scaffold-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(staging);
  const moved: string[] = [];
  try {
    for (const f of files) {
      onFile?.(f.path);
      const dest = safeJoin(staging, f.path);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, f.content, { flag: 'wx', mode: f.executable ? 0o755 : 0o644 });
    }
    if (!fs.existsSync(target)) {
      fs.renameSync(staging, target);
    } else {
      // The target exists but holds only .git or editor folders: move entries in, never over.
      for (const entry of fs.readdirSync(staging)) {
        const dest = path.join(target, entry);
        if (fs.existsSync(dest)) throw new ScaffoldError(`${dest} already exists; nothing was overwritten`);
        fs.renameSync(path.join(staging, entry), dest);
        moved.push(dest);
      }
      fs.rmdirSync(staging);
    }
  } catch (err) {
    for (const m of moved) fs.rmSync(m, { recursive: true, force: true });
    fs.rmSync(staging, { recursive: true, force: true });
    if (err instanceof ScaffoldError) throw err;
    throw new ScaffoldError(`could not write into ${target}: ${(err as Error).message}; nothing was left behind`);
  }
}

/** Writes the starter into a new sibling folder, then moves it into place. */
export function scaffold(req: ScaffoldRequest): ScaffoldResult {
  const target = path.resolve(req.target);
  const refusal = targetProblem(target);
  if (refusal) throw new ScaffoldError(refusal);
  const { values, problems } = resolveVariables(req.starter.manifest, req.variables);
  if (problems.length) throw new ScaffoldError(problems.join('; '));
  const files = templateFiles(req.starter.dir);
  const outputs = files.map((rel) => ({ rel, out: expand(rel, values) }));
  for (const { out } of outputs) safeJoin(target, out);
  const executable = new Set(req.starter.manifest.executable.map((e) => expand(e, values)));
  for (const e of executable) {
    safeJoin(target, e);
    if (!outputs.some((o) => o.out === e)) throw new ScaffoldError(`starter manifest marks '${e}' executable, but the starter has no such file`);
  }

  writeTree(target, outputs.map(({ rel, out }) => ({ path: out, content: expand(fs.readFileSync(path.join(req.starter.dir, rel), 'utf8'), values), executable: executable.has(out) })), req.onFile);
  return { target, files: outputs.map((o) => o.out) };
}
