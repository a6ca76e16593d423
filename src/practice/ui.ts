/** The verify UI bundle (dist/verifyUi.js): the Testing view's controller, the verify commands and the practice loop. */
export { VerifyController } from '../verify/controller';
export { verifyOwnProjectCommand, verifyProjectCommand } from '../verify/commands';
export { verifyDeployedCommand } from '../verify/remoteCommand';
export { Practice } from './practice';
