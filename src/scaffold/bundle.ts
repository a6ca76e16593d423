/** The scaffold engine as its own bundle (dist/scaffoldEngine.js), loaded when a command first needs it. */
export { listStarters, scaffold, ScaffoldError, targetProblem } from './engine';
