/**
 * "Roadmap: Verify Deployed Server": asks for a deployed server's https:// URL and runs, in the
 * Testing view, the checks of a workspace project that need no process control against it
 * (remoteRun.ts). Skipped checks show as skipped, each with its reason in the run's output. Sends
 * requests only; it runs no code of the project, so it needs no trusted workspace.
 */
import * as vscode from 'vscode';
import { parseRemoteUrl } from './remote';
import { verifyRemote } from './remoteRun';
import { formatReport } from './report';
import type { VerifyController } from './controller';
import type { VerifyReport } from './runner';

/** The check items of a project by `milestone/index`: the part of their id after '#'. */
function checkItems(project: vscode.TestItem): Map<string, vscode.TestItem> {
  const out = new Map<string, vscode.TestItem>();
  project.children.forEach((m) => m.children.forEach((c) => out.set(c.id.slice(c.id.lastIndexOf('#') + 1), c)));
  return out;
}

/** `arg`: a project folder (path or Uri) and, for tests, `url` to skip the input box. */
export async function verifyDeployedCommand(verify: VerifyController, arg?: unknown, urlArg?: unknown): Promise<VerifyReport | undefined> {
  const projects = (await verify.projectItems(), verify.projectList);
  const wanted = arg instanceof vscode.Uri ? arg.fsPath : typeof arg === 'string' ? arg : undefined;
  let project = wanted ? projects.find((p) => p.dir === wanted) : projects.length === 1 ? projects[0] : undefined;
  if (!project && !wanted && projects.length > 1) {
    project = (await vscode.window.showQuickPick(projects.map((p) => ({ label: String(p.item.label), description: p.dir, p })), { title: 'Verify Deployed Server: which project\'s checks?' }))?.p;
  }
  if (!project) {
    if (wanted || projects.length === 0) void vscode.window.showErrorMessage(`Backend Roadmap: ${wanted ?? 'this workspace'} has no scaffolded project with milestone checks: scaffold the starter you deployed, or open its folder.`);
    return undefined;
  }
  const text = typeof urlArg === 'string' ? urlArg : await vscode.window.showInputBox({
    title: `Verify Deployed Server: ${project.item.label}`,
    prompt: 'The https:// address of your deployed server. Checks that need its process (restart, kill, logs, injected timing) are skipped and listed.',
    placeHolder: 'https://blog.example.com',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? undefined : typeof parseRemoteUrl(v.trim()) === 'string' ? (parseRemoteUrl(v.trim()) as string) : undefined),
  });
  if (!text?.trim()) return undefined;
  const url = parseRemoteUrl(text.trim());
  if (typeof url === 'string') {
    void vscode.window.showErrorMessage(`Backend Roadmap: ${url}`);
    return undefined;
  }
  const items = checkItems(project.item);
  const run = verify.controller.createTestRun(new vscode.TestRunRequest([project.item]), `Verify deployed server ${url.host}`, false);
  try {
    for (const item of items.values()) run.enqueued(item);
    run.appendOutput(`Verifying ${project.item.label} deployed at ${url.href}\r\n`);
    const report = await verifyRemote({
      url, idea: project.idea.id, stack: project.manifest.stack, checks: project.checks, milestones: project.idea.milestones, healthPath: project.manifest.healthPath,
      onEvent: (e) => {
        const item = e.type === 'checkStarted' ? items.get(`${e.milestone}/${e.index}`) : e.type === 'checkFinished' ? items.get(`${e.result.milestone}/${e.result.index}`) : undefined;
        if (e.type === 'info' || e.type === 'output') run.appendOutput(`> ${e.text}\r\n`);
        else if (item && e.type === 'checkStarted') run.started(item);
        else if (item && e.type === 'checkFinished' && e.result.ok) run.passed(item, e.result.ms);
        else if (item && e.type === 'checkFinished') run.failed(item, new vscode.TestMessage(e.result.message ?? 'failed'), e.result.ms);
      },
    });
    const skipped = new Set<string>();
    for (const s of report.remote?.skipped ?? []) {
      const key = `${s.milestone}/${s.index}`;
      const item = items.get(key);
      if (!item) continue;
      skipped.add(key);
      run.skipped(item);
      run.appendOutput(`skipped: ${s.milestone}: ${s.name}: ${s.reason}\r\n`, undefined, item);
    }
    // The server did not answer its health path: every check that would have run says why.
    if (report.problem) for (const [key, item] of items) if (!skipped.has(key)) run.failed(item, new vscode.TestMessage(report.problem.message));
    run.appendOutput(formatReport(report, false).replace(/\r?\n/g, '\r\n') + '\r\n');
    verify.lastRemoteReport = report;
    void vscode.window.showInformationMessage(`Backend Roadmap: ${url.host}: ${report.ok ? 'every check that can run remotely passed' : 'some checks failed (see the Testing view)'}; ${skipped.size} skipped (they need a local run).`);
    return report;
  } finally {
    run.end();
  }
}
