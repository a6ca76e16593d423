// The floor for opening a view: like the Roadmap view, a container in the activity bar whose
// extension activates when the view first opens (VS Code's implicit onView event) and whose tree
// shows 19 collapsed rows at the top, here fixed ones with a label and a description.
const vscode = require('vscode');

const ROWS = Array.from({ length: 19 }, (_, i) => ({ id: `row${i + 1}`, label: `Section ${i + 1}` }));

exports.activate = function activate(context) {
  const provider = {
    getChildren: (row) => (row ? [] : ROWS),
    getTreeItem: (row) => {
      const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = row.id;
      item.description = '0/8 · 40 h left';
      return item;
    },
  };
  context.subscriptions.push(vscode.window.createTreeView('benchBaselineView.tree', { treeDataProvider: provider }));
};
exports.deactivate = function deactivate() {};
