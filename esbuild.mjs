// Bundles the extension, the CLI and the roadmap worker to dist/, compiles the roadmap content, and (with --tests)
// bundles the test suites to out/. `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, watch, rmSync } from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watchMode = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
};

/** Reports each build's outcome in watch mode, where errors must not end the process. */
const reporter = (name) => ({
  name: 'report',
  setup(build) {
    build.onEnd((result) => {
      if (watchMode) console.log(`[watch] ${name}: ${result.errors.length === 0 ? 'built' : `${result.errors.length} error(s)`}`);
    });
  },
});

function testEntries(dir) {
  const found = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) found.push(p);
    }
  };
  walk(dir);
  return found;
}

function compileRoadmap() {
  try {
    execFileSync(process.execPath, ['dist/cli.js', 'compile', '--out', 'dist'], { stdio: 'inherit' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The reference solutions ship for "Show the Reference Diff": the patches the starters layer proves
 * (test/fixtures/reference/<idea>/<stack>.patch) are copied as they are to dist/references/.
 */
function copyReferences() {
  const from = path.join('test', 'fixtures', 'reference');
  rmSync(path.join('dist', 'references'), { recursive: true, force: true });
  for (const idea of readdirSync(from)) {
    mkdirSync(path.join('dist', 'references', idea), { recursive: true });
    for (const f of readdirSync(path.join(from, idea)).filter((n) => n.endsWith('.patch'))) copyFileSync(path.join(from, idea, f), path.join('dist', 'references', idea, f));
  }
}

/** Codicons for the webviews, copied next to the pages' own assets (localResourceRoots is media/). */
function copyCodicons() {
  const from = path.join('node_modules', '@vscode', 'codicons', 'dist');
  mkdirSync(path.join('media', 'codicons'), { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(path.join(from, f), path.join('media', 'codicons', f));
}

/**
 * One binding of the vscode module per bundle. For each file that says
 * `import * as vscode from 'vscode'`, esbuild would otherwise copy every property of the API object
 * into a fresh namespace object when the bundle loads: measured at about 12 ms of a 15 ms load in
 * the extension host (npm run bench). The shim exports the API's top-level values (from
 * @types/vscode) that src/ names as `vscode.X`; any other name fails the build
 * (import-is-undefined is an error below).
 */
function vscodeOnce() {
  const dts = readFileSync(path.join('node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const api = new Set([...dts.matchAll(/^\texport (?:namespace|class|enum|const|function|let|var) (\w+)/gm)].map((m) => m[1]));
  const used = new Set();
  for (const file of testEntries('src')) for (const m of readFileSync(file, 'utf8').matchAll(/\bvscode\.([A-Za-z_$][\w$]*)/g)) if (api.has(m[1])) used.add(m[1]);
  const contents = `const api = require('vscode');\n${[...used].sort().map((n) => `export const ${n} = api.${n};`).join('\n')}\n`;
  return {
    name: 'vscode-once',
    setup(build) {
      build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
      build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents, loader: 'js' }));
    },
  };
}

/** The lazily loaded bundles, as src/bundles.ts names them (the one list). */
function bundleEntries() {
  const { code } = esbuild.transformSync(readFileSync('src/bundles.ts', 'utf8'), { loader: 'ts', format: 'cjs' });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', code)(module, module.exports, createRequire(import.meta.url));
  return module.exports.BUNDLE_ENTRIES;
}

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts', ...bundleEntries() },
    outdir: 'dist',
    external: ['vscode'],
    metafile: true,
    logOverride: { 'import-is-undefined': 'error' },
    plugins: [vscodeOnce(), reporter('extension')],
  },
  {
    ...common,
    // The roadmap worker parses custom roadmaps off the extension host's main thread; it carries
    // YAML and Markdown so that dist/extension.js does not.
    // The graph worker lays roadmaps out with dagre, off the main thread too.
    entryPoints: { cli: 'src/cli/main.ts', roadmapWorker: 'src/roadmaps/worker.ts', graphWorker: 'src/graph/layoutWorker.ts' },
    outdir: 'dist',
    plugins: [reporter('cli')],
  },
];
if (withTests) {
  builds.push({
    ...common,
    minify: false,
    sourcemap: true,
    entryPoints: testEntries('test').filter((f) => !f.includes(`${path.sep}fixtures${path.sep}`)),
    outbase: '.',
    outdir: 'out',
    external: ['vscode'],
    packages: 'external',
    plugins: [reporter('tests')],
  });
}

copyCodicons();
if (watchMode) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  await contexts[1].rebuild();
  compileRoadmap();
  copyReferences();
  let timer;
  watch('roadmap', { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => console.log(`[watch] roadmap: ${compileRoadmap() ? 'compiled' : 'has problems'}`), 150);
  });
  console.log('[watch] watching src/, test/ and roadmap/');
} else {
  if (withTests) rmSync('out', { recursive: true, force: true });
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (!compileRoadmap()) process.exit(1);
  copyReferences();
}
