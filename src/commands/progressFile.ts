import * as os from 'os';
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import { ProgressFormatError } from '../progress/store';
import type { CommandServices } from './services';

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Export, import (merge) and reset of all progress. */
export function progressFileCommands(s: CommandServices): Record<string, (...args: unknown[]) => unknown> {
  return {
    [COMMANDS.exportProgress]: async (arg?: unknown) => {
      const target = arg instanceof vscode.Uri ? arg : await vscode.window.showSaveDialog({
        title: 'Export Roadmap Progress',
        defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()), `roadmap-progress-${new Date().toISOString().slice(0, 10)}.json`),
        filters: { JSON: ['json'] },
      });
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(s.store.exportJson() + '\n'));
      void vscode.window.showInformationMessage(`Backend Roadmap: progress exported to ${target.fsPath}.`);
      return target;
    },
    [COMMANDS.importProgress]: async (arg?: unknown) => {
      const source = arg instanceof vscode.Uri ? arg : (await vscode.window.showOpenDialog({ title: 'Import Roadmap Progress', canSelectMany: false, filters: { JSON: ['json'] } }))?.[0];
      if (!source) return;
      const stat = await vscode.workspace.fs.stat(source);
      if (stat.size > MAX_IMPORT_BYTES) throw new Error(`${source.fsPath} is ${Math.round(stat.size / 1024)} KiB; a progress export is far smaller. Nothing was imported.`);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
      try {
        const summary = await s.store.importJson(text);
        const message = `Backend Roadmap: imported ${source.fsPath}: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged${summary.reviews ? `; ${summary.reviews} quiz answer${summary.reviews === 1 ? '' : 's'} merged` : ''}.`;
        s.log.info(message);
        void vscode.window.showInformationMessage(message);
        return summary;
      } catch (err) {
        if (err instanceof ProgressFormatError) throw new Error(`cannot import ${source.fsPath}: ${err.message}. Nothing was changed.`);
        throw err;
      }
    },
    [COMMANDS.resetAllProgress]: async (arg?: unknown) => {
      // Tests pass 'confirmed'; people always see the modal.
      if (arg !== 'confirmed') {
        const answer = await vscode.window.showWarningMessage(
          'Reset all roadmap progress in this workspace?',
          { modal: true, detail: 'Every status, timestamp, verified check and quiz answer is cleared. Export your progress first if you may want it back.' },
          'Reset All',
        );
        if (answer !== 'Reset All') return false;
      }
      await s.store.resetAll();
      return true;
    },
  };
}
