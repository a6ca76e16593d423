/** The compiled checks (dist/verify.json), read without YAML so the extension stays small. */
import * as fs from 'fs';
import * as path from 'path';
import type { ProjectIdea } from '../roadmap/model';
import { parseIdeaChecks, type IdeaChecks } from './checks';

export const VERIFY_JSON = 'verify.json';

/** The compiled checks, keyed by idea id; checked again on reading, since the file is input. */
export function loadCompiledChecks(distDir: string, ideas: ProjectIdea[]): Record<string, IdeaChecks> {
  const raw = JSON.parse(fs.readFileSync(path.join(distDir, VERIFY_JSON), 'utf8')) as Record<string, unknown>;
  const out: Record<string, IdeaChecks> = {};
  for (const idea of ideas) {
    if (!raw[idea.id]) continue;
    const { checks, problems } = parseIdeaChecks(raw[idea.id], idea.milestones.map((m) => m.id));
    if (!checks) throw new Error(`${VERIFY_JSON}: the checks of '${idea.id}' are invalid: ${problems.slice(0, 3).map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}${problems.length > 3 ? ` and ${problems.length - 3} more` : ''}`);
    out[idea.id] = checks;
  }
  return out;
}
