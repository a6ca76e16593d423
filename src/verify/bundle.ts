/** The verify core as its own bundle (dist/verifyEngine.js), loaded on the first discovery or run. */
export { verifyProject, readProjectManifest, VerifyError } from './runner';
export { loadCompiledChecks } from './compiled';
export { formatReport, summary } from './report';
