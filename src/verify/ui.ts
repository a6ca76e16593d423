/** The verify UI bundle (dist/verifyUi.js): the Testing view's controller and the verify commands. */
export { VerifyController } from './controller';
export { verifyOwnProjectCommand, verifyProjectCommand } from './commands';
