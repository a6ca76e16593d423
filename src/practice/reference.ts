/**
 * A project's reference solution as whole files: the stack's patch (shipped as
 * dist/references/<idea>/<stack>.patch) applied to the starter as scaffolded with its default
 * variables. What "Show the Reference Diff" compares with the learner's files. Pure Node, no `vscode`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { safeJoin } from '../scaffold/engine';
import { expand, parseManifest, resolveVariables } from '../scaffold/manifest';
import { applyFilePatch, parsePatch, PatchError } from './patch';

export const REFERENCES_DIR = 'references';

export interface ReferenceFile {
  /** Relative to the project, with / separators. */
  path: string;
  /** The reference's text; empty for a file the reference deletes. */
  text: string;
  created: boolean;
  deleted: boolean;
}

/** The patch file of an idea and stack, when one ships. */
export function referencePatchFile(distDir: string, idea: string, stack: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(idea) || !/^[a-z0-9-]+$/.test(stack)) return undefined;
  const file = path.join(distDir, REFERENCES_DIR, idea, `${stack}.patch`);
  return fs.existsSync(file) ? file : undefined;
}

/**
 * The files the reference changes, with their text. `starterDir` is the stack's starter template
 * (roadmap/starters/<idea>/<stack>); its files are expanded with the manifest's default variables,
 * as the patch was made against them. Throws a PatchError that says which file and hunk no longer fit.
 */
export function referenceFiles(patchText: string, starterDir: string): ReferenceFile[] {
  const manifestText = fs.readFileSync(path.join(starterDir, 'starter.json'), 'utf8');
  const parsed = parseManifest(JSON.parse(manifestText), path.join(starterDir, 'starter.json'));
  if (!parsed.manifest) throw new PatchError(`the starter in ${starterDir} cannot be read: ${parsed.problems.join('; ')}`);
  const { values } = resolveVariables(parsed.manifest, {});
  return parsePatch(patchText).map((fp) => {
    // A patch is data: its paths stay inside the project like a scaffold's do.
    safeJoin(starterDir, fp.path);
    const template = path.join(starterDir, fp.path);
    const base = fp.created ? '' : fs.existsSync(template) ? expand(fs.readFileSync(template, 'utf8'), values) : undefined;
    if (base === undefined) throw new PatchError(`${fp.path}: the reference changes a file the starter does not have`);
    return { path: fp.path, text: applyFilePatch(base, fp), created: fp.created, deleted: fp.deleted };
  });
}
