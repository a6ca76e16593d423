/** The few scaffold names the activation bundle needs, apart from the engine (dist/scaffoldEngine.js). */
export const MANIFEST_FILE = 'starter.json';
/** Where scaffolded projects are looked for in a workspace; the starters' own templates are not projects. */
export const PROJECT_GLOB = `**/${MANIFEST_FILE}`;
export const PROJECT_EXCLUDE_GLOB = '**/{node_modules,.venv,venv,vendor,target,roadmap/starters,test/fixtures}/**';
export const STACKS = ['ts', 'python', 'go'] as const;
export type Stack = (typeof STACKS)[number];
export const STACK_NAMES: Record<Stack, string> = { ts: 'TypeScript (Node)', python: 'Python', go: 'Go' };
