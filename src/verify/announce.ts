/** The toast after a verify run: what passed and what it verified, or why nothing could run, with the way out. */
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import { summary } from './report';
import type { VerifyReport } from './results';
import { onPath } from './services';

/** Runs the command that starts a project's services in a terminal the learner sees. */
function startServices(fix: { command: string; cwd: string }): void {
  const terminal = vscode.window.createTerminal({ name: 'Roadmap: services', cwd: fix.cwd });
  terminal.show();
  terminal.sendText(fix.command);
}

export function announce(label: string, report: VerifyReport, nodeTitle: (id: string) => string): void {
  const passed = report.milestones.filter((m) => m.ok && m.complete);
  const nodes = [...new Set(passed.flatMap((m) => m.nodes))].map(nodeTitle);
  const problem = report.problem;
  const text =
    report.outcome === 'could-not-run' && problem?.kind !== 'cancelled'
      ? `${label} could not run (nothing was checked): ${problem?.message.split('\n')[0]}`
      : problem && problem.kind !== 'cancelled'
        ? `${label}: the server could not be verified: ${problem.message.split('\n')[0]}`
        : `${label}: ${summary(report)}${nodes.length ? ` Verified: ${nodes.join(', ')}.` : ''}`;
  const fix = problem?.fix && onPath('docker') ? problem.fix : undefined;
  const actions = [...(fix ? ['Start Services'] : []), 'Show Test Results', 'Show Log'];
  const show = report.ok ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(`Backend Roadmap: ${text}`, ...actions).then((choice) => {
    if (choice === 'Start Services' && fix) startServices(fix);
    else if (choice === 'Show Test Results') void vscode.commands.executeCommand('workbench.view.testing.focus');
    else if (choice === 'Show Log') void vscode.commands.executeCommand(COMMANDS.showLog);
  });
}
