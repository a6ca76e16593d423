/**
 * The parts of the extension used only on an explicit action, each built as a bundle of its own
 * beside dist/extension.js and required the first time it is used, so activation neither reads nor
 * compiles them. This table is the one list: esbuild.mjs builds one entry per row, the bundle test
 * checks each is built and packaged, and `bundles.<name>()` loads it.
 */
import * as path from 'path';

export const BUNDLE_ENTRIES = {
  lessonPanel: 'src/lesson/lessonPanel.ts',
  reviewPanel: 'src/review/reviewPanel.ts',
  dashboards: 'src/dashboard/dashboards.ts',
  graphs: 'src/graph/graphs.ts',
  verifyUi: 'src/practice/ui.ts',
  scaffoldCommands: 'src/commands/scaffold.ts',
  roadmapFileCommands: 'src/commands/roadmapFiles.ts',
  progressFileCommands: 'src/commands/progressFile.ts',
  viewCommands: 'src/commands/view.ts',
  roadmapLoader: 'src/roadmaps/loader.ts',
} as const;

/** What each bundle exports (types only: nothing here is bundled into the caller). */
interface BundleModules {
  lessonPanel: typeof import('./lesson/lessonPanel');
  reviewPanel: typeof import('./review/reviewPanel');
  dashboards: typeof import('./dashboard/dashboards');
  graphs: typeof import('./graph/graphs');
  verifyUi: typeof import('./practice/ui');
  scaffoldCommands: typeof import('./commands/scaffold');
  roadmapFileCommands: typeof import('./commands/roadmapFiles');
  progressFileCommands: typeof import('./commands/progressFile');
  viewCommands: typeof import('./commands/view');
  roadmapLoader: typeof import('./roadmaps/loader');
}

export type BundleName = keyof typeof BUNDLE_ENTRIES;

const loaded: Partial<BundleModules> = {};

/** `bundles.verifyUi()` requires dist/verifyUi.js once and returns its exports. */
export const bundles = Object.fromEntries(
  (Object.keys(BUNDLE_ENTRIES) as BundleName[]).map((name) => [
    name,
    // A computed path keeps the bundler from inlining the module into the caller's bundle.
    () => (loaded[name] ??= require(path.join(__dirname, `${name}.js`))),
  ]),
) as { [K in BundleName]: () => BundleModules[K] };
