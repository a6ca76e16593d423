/**
 * Commands that run only on an explicit action, as a bundle of their own (dist/commandsOnDemand.js):
 * their ids are registered at activation, their code is loaded when one of them first runs.
 */
export { customRoadmapCommands } from './customRoadmaps';
export { scaffoldCommands } from './scaffold';
