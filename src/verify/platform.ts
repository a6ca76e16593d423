/**
 * What differs on Windows when the runner starts and stops the learner's server. On Linux and macOS
 * a server runs as the leader of its own process group, and a signal to the group reaches everything
 * it started. Windows has no process groups or POSIX signals: a command runs through cmd.exe, and
 * `taskkill /T` stops the process and its whole tree (without /F it asks politely, which console
 * programs mostly ignore; /F ends them). Windows cannot deliver SIGTERM or SIGINT to a console
 * program from outside, so graceful-shutdown checks can only pass on Linux and macOS. Pure.
 */

export type Platform = NodeJS.Platform;

/** The argv that runs a shell command line. */
export function shellCommand(command: string, platform: Platform = process.platform): string[] {
  return platform === 'win32' ? ['cmd.exe', '/d', '/s', '/c', `"${command}"`] : ['sh', '-c', command];
}

/** The argv that stops a process and everything it started, on Windows; undefined elsewhere (signals to the group do it). */
export function treeKillCommand(pid: number, force: boolean, platform: Platform = process.platform): string[] | undefined {
  if (platform !== 'win32') return undefined;
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`not a process id: ${pid}`);
  return ['taskkill', '/PID', String(pid), '/T', ...(force ? ['/F'] : [])];
}

/** Whether a started command gets a process group of its own (POSIX), which is how its tree is stopped there. */
export function ownGroup(platform: Platform = process.platform): boolean {
  return platform !== 'win32';
}
