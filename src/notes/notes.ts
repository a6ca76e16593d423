/** Notes per node: Markdown files at .roadmap/notes/<node-id>.md in the workspace. Pure. */
import { BUILTIN_ROADMAP_ID } from '../progress/store';
import { ID_PATTERN } from '../roadmap/model';

export const NOTES_DIR = ['.roadmap', 'notes'] as const;
export const RETROSPECTIVES_DIR = ['.roadmap', 'retrospectives'] as const;

/**
 * The note's path segments under the workspace folder; refuses ids that could escape it. Notes of
 * a roadmap of the workspace's own sit in a folder named by its id: node ids repeat across roadmaps.
 */
export function notePathSegments(nodeId: string, roadmapId = BUILTIN_ROADMAP_ID): string[] {
  if (!ID_PATTERN.test(nodeId)) throw new Error(`'${nodeId}' is not a node id`);
  if (roadmapId === BUILTIN_ROADMAP_ID) return [...NOTES_DIR, `${nodeId}.md`];
  if (!ID_PATTERN.test(roadmapId)) throw new Error(`'${roadmapId}' is not a roadmap id`);
  return [...NOTES_DIR, roadmapId, `${nodeId}.md`];
}

/** The node id a notes file belongs to, or undefined for other files. */
export function nodeIdOfNoteFile(fileName: string): string | undefined {
  const m = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/.exec(fileName);
  return m?.[1];
}

export function noteTemplate(title: string, section: string, date: Date): string {
  const day = date.toISOString().slice(0, 10);
  return `# ${title}\n\n_${section} · started ${day}_\n\n## What I learned\n\n- \n\n## Commands and snippets that worked\n\n\`\`\`bash\n\n\`\`\`\n\n## Questions to follow up\n\n- \n`;
}
