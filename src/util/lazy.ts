import * as path from 'path';

/**
 * A bundle built beside dist/extension.js (see esbuild.mjs), required on first use, so activation
 * neither reads nor compiles it. Callers import only its types.
 */
export function lazyBundle<T>(name: string): () => T {
  let loaded: T | undefined;
  // A computed path keeps the bundler from inlining the module into the activation bundle.
  return () => (loaded ??= require(path.join(__dirname, `${name}.js`)) as T);
}
