import * as vscode from 'vscode';
import { SETTINGS } from '../ids';
import { LANGUAGE_CHOICE, type RoadmapIndex, type RoadmapNode } from '../roadmap/model';
import { Disposable } from '../util/dispose';

/**
 * The learner's language: the setting `backendRoadmap.language`, applied to the built-in roadmap's
 * choice group 'language'. The chosen language counts; the others stay in the tree as optional.
 */
export class LanguageChoice extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires when the chosen language changed: counts, "next up" and plan groups move with it. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly index: RoadmapIndex,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.apply();
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.language}`) && this.apply()));
  }

  /** The chosen language's node id. */
  get chosen(): string | undefined {
    return this.index.chosenIn(LANGUAGE_CHOICE);
  }

  /** The language topics to choose from, in roadmap order. */
  options(): RoadmapNode[] {
    return (this.index.choiceGroups.get(LANGUAGE_CHOICE) ?? []).map((id) => this.index.node(id)!);
  }

  /** Saves the choice in the user's settings and applies it at once (the change event follows). */
  async choose(nodeId: string): Promise<void> {
    if (!this.options().some((n) => n.id === nodeId)) throw new Error(`'${nodeId}' is not a language of the roadmap: choose one of ${this.options().map((n) => n.id).join(', ')}`);
    await vscode.workspace.getConfiguration(SETTINGS.section).update(SETTINGS.language, nodeId, vscode.ConfigurationTarget.Global);
    this.apply(nodeId);
  }

  private apply(wanted = vscode.workspace.getConfiguration(SETTINGS.section).get<string>(SETTINGS.language)): void {
    const before = this.chosen;
    const first = this.options()[0]?.id;
    if (wanted && !this.index.choose(LANGUAGE_CHOICE, wanted)) this.log.warn(`setting ${SETTINGS.section}.${SETTINGS.language}: '${wanted}' is not a language of the roadmap; using '${first}'`);
    if (!wanted || this.chosen !== wanted) {
      if (first) this.index.choose(LANGUAGE_CHOICE, first);
    }
    if (this.chosen !== before) this.changed.fire();
  }
}
