import * as vscode from 'vscode';
import { codeBlocks, isShellBlock } from './codeBlocks';

const TERMINAL_NAME = 'Backend Roadmap';

/** A lesson's code block number `index`, from its HTML; undefined (and logged) when there is none. */
function block(html: string | undefined, index: number, log: vscode.LogOutputChannel) {
  const found = html === undefined ? undefined : codeBlocks(html)[index];
  if (!found) log.warn(`lesson page asked for code block ${index}, which the lesson does not have`);
  return found;
}

/** "Copy": the block's text to the clipboard. True when copied. */
export async function copyCodeBlock(html: string | undefined, index: number, log: vscode.LogOutputChannel): Promise<boolean> {
  const b = block(html, index, log);
  if (!b) return false;
  await vscode.env.clipboard.writeText(b.text);
  return true;
}

/**
 * "Run in Terminal": a shell block, in a trusted workspace only, after the learner has read the
 * command in a modal and said Run; sent to the roadmap's own terminal in the workspace folder.
 */
export async function runCodeBlock(html: string | undefined, index: number, log: vscode.LogOutputChannel): Promise<boolean> {
  const b = block(html, index, log);
  if (!b) return false;
  if (!isShellBlock(b)) {
    log.warn(`lesson page asked to run code block ${index}, which is ${b.lang ?? 'plain'} code, not shell commands`);
    return false;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Backend Roadmap: running commands from a lesson needs a trusted workspace. Copy the block instead, or trust this folder first.', 'Manage Workspace Trust').then((c) => c && vscode.commands.executeCommand('workbench.trust.manage'));
    return false;
  }
  const run = await vscode.window.showWarningMessage('Run these commands in a terminal?', { modal: true, detail: b.text }, 'Run');
  if (run !== 'Run') return false;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const terminal = vscode.window.terminals.find((t) => t.name === TERMINAL_NAME && t.exitStatus === undefined) ?? vscode.window.createTerminal({ name: TERMINAL_NAME, ...(folder ? { cwd: folder } : {}) });
  terminal.show(true);
  terminal.sendText(b.text, true);
  return true;
}
