import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { sectionChartSvg } from '../../src/dashboard/chart';
import { buildDashboard, dashboardUrls, projectFinish, retrospectiveNote, signalKey } from '../../src/dashboard/model';
import { parseDashboardMessage } from '../../src/dashboard/protocol';
import { RoadmapIndex } from '../../src/roadmap/model';
import { diskReader } from '../../src/roadmap/nodeFs';
import { readRoadmap } from '../../src/roadmap/validate';

const index = new RoadmapIndex(readRoadmap(path.resolve(__dirname, '../../../roadmap/backend/roadmap.yaml'), diskReader).roadmap!);
const today = new Date('2026-11-21T10:00:00Z');

describe('dashboard', () => {
  it('projects the finish date at the weekly pace', () => {
    assert.deepStrictEqual(projectFinish(40, 20, today), { weeksLeft: 2, finishDate: '2026-12-05' });
    assert.deepStrictEqual(projectFinish(30, 20, today), { weeksLeft: 1.5, finishDate: '2026-12-02' });
    assert.deepStrictEqual(projectFinish(0, 20, today), { weeksLeft: 0 });
    assert.strictEqual(projectFinish(40, 0, today).finishDate, '2026-12-05', 'a bad pace falls back to 20 h a week');
  });

  it('sums the shipped roadmap and follows the 24-week plan by default', () => {
    const d = buildDashboard(index, { statusOf: (id) => (id === 'git' ? 'done' : 'todo'), weeklyHours: 20, today, signals: { [signalKey('twenty-four-week', 'foundation', 0)]: 'x' } });
    // 137 topics, less the 7 languages not chosen and the 12 marked optional.
    assert.strictEqual(d.total, 118);
    assert.strictEqual(d.optional, 19);
    assert.deepStrictEqual(d.choices, [{ group: 'language', chosenId: 'pick-a-language', chosenTitle: index.node('pick-a-language')!.title, others: 7 }]);
    assert.ok(d.sections.every((s) => s.description), 'every built-in section says why it comes where it does');
    assert.strictEqual(d.done, 1);
    assert.strictEqual(d.hoursDone, index.node('git')!.hours);
    assert.strictEqual(d.hoursLeft, index.totalHours - index.node('git')!.hours!);
    assert.strictEqual(d.sections.length, 19);
    assert.strictEqual(d.plan?.id, 'twenty-four-week');
    assert.deepStrictEqual(d.plan?.phases.map((p) => [p.title, p.range, p.hours]), [['Foundation', 'weeks 1-6', 120], ['Build', 'weeks 7-16', 200], ['Ship', 'weeks 17-24', 150]]);
    assert.strictEqual(d.plan?.phases[0].signals[0].checked, true);
    assert.strictEqual(d.plan?.phases[0].signals[1].checked, false);
    assert.strictEqual(d.plan?.prompts.length, 5);
  });

  it('counts one language, so the hours left at the start match the 24-week plan (470 h at 20 h a week)', () => {
    const fresh = new RoadmapIndex(readRoadmap(path.resolve(__dirname, '../../../roadmap/backend/roadmap.yaml'), diskReader).roadmap!);
    const planHours = fresh.plan('twenty-four-week')!.phases.reduce((n, p) => n + (p.hours ?? 0), 0);
    assert.strictEqual(planHours, 470);
    const everything = fresh.order.reduce((n, id) => n + (fresh.node(id)!.hours ?? 0), 0);
    const start = (language: string) => {
      assert.ok(fresh.choose('language', language));
      return buildDashboard(fresh, { statusOf: () => 'todo', weeklyHours: 20, today, signals: {} });
    };
    const js = start('pick-a-language');
    const go = start('go');
    // Before: every language and every topic counted, 644 h, 32 weeks at 20 h.
    assert.ok(everything > 600, `${everything}`);
    assert.strictEqual(js.hoursLeft, everything - ['python', 'go', 'java', 'csharp', 'rust', 'php', 'ruby'].reduce((n, id) => n + fresh.node(id)!.hours!, 0) - fresh.order.filter((id) => fresh.node(id)!.optional).reduce((n, id) => n + fresh.node(id)!.hours!, 0));
    assert.strictEqual(go.hoursLeft, js.hoursLeft - fresh.node('pick-a-language')!.hours! + fresh.node('go')!.hours!);
    for (const d of [js, go]) {
      assert.ok(Math.abs(d.hoursLeft - planHours) <= planHours * 0.05, `${d.hoursLeft} h is within 5% of the plan's ${planHours} h`);
      assert.strictEqual(Math.round(d.weeksLeft), 24);
    }
    assert.strictEqual(go.choices[0].chosenId, 'go');
    assert.strictEqual(go.plan?.phases[0].total, js.plan?.phases[0].total, 'week 1 counts one language, whichever it is');
  });

  it('offers in the setting backendRoadmap.language exactly the language topics, the first by default', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    const setting = pkg.contributes.configuration.properties['backendRoadmap.language'];
    assert.deepStrictEqual(setting.enum, index.choiceGroups.get('language'));
    assert.strictEqual(setting.default, 'pick-a-language');
    assert.strictEqual(setting.enumDescriptions.length, setting.enum.length);
  });

  it('follows the plan the tree is grouped by, with month ranges', () => {
    const d = buildDashboard(index, { planId: 'phases-2025', statusOf: () => 'todo', weeklyHours: 10, today, signals: {} });
    assert.strictEqual(d.plan?.phases[0].range, '1-2 months');
    assert.strictEqual(d.plan?.prompts.length, 5, 'plans without prompts borrow the roadmap\'s retrospective prompts');
  });

  it('leaves topics without an estimate out of the hours and the finish date, and counts them apart', () => {
    const lean = new RoadmapIndex({ id: 'lean', title: 'Lean', description: '', plans: [], projects: [], sections: [{ id: 's', title: 'S', nodes: [
      { id: 'a', title: 'A', summary: '', hours: 10, prerequisites: [], resources: [] },
      { id: 'b', title: 'B', summary: '', prerequisites: [], resources: [] },
      { id: 'c', title: 'C', summary: '', prerequisites: [], resources: [] },
    ] }] });
    const d = buildDashboard(lean, { statusOf: (id) => (id === 'c' ? 'done' : 'todo'), weeklyHours: 10, today, signals: {} });
    assert.deepStrictEqual([d.roadmapId, d.total, d.hoursLeft, d.unestimatedLeft, d.weeksLeft, d.finishDate], ['lean', 3, 10, 1, 1, '2026-11-28']);
    assert.strictEqual(d.plan, undefined, 'a roadmap with no plan shows none');
  });

  it('draws one escaped bar per section', () => {
    const svg = sectionChartSvg([{ id: 'a', title: 'A <b>&', done: 1, inProgress: 1, total: 4, hoursDone: 1, hoursLeft: 3 }, { id: 'b', title: 'B', done: 0, inProgress: 0, total: 0, hoursDone: 0, hoursLeft: 0 }]);
    assert.strictEqual((svg.match(/<g role="listitem"/g) ?? []).length, 2);
    assert.match(svg, /A &lt;b&gt;&amp;/);
    assert.doesNotMatch(svg, /<b>/);
    assert.match(svg, /class="done" x="230" y="6" width="75.0"/);
    assert.match(svg, /class="in-progress" x="305.0"/);
  });

  it('writes a dated retrospective with every prompt as a heading', () => {
    const note = retrospectiveNote(['What went well?', 'What next?'], today, 12);
    assert.match(note, /^# Retrospective 2026-11-21\n\n_Roadmap progress: 12% done_/);
    assert.match(note, /## What went well\?\n\n- \n\n## What next\?/);
  });

  it('accepts only known signals and sane weekly hours from the page', () => {
    const known = (k: string) => k === 'p/a/0';
    assert.deepStrictEqual(parseDashboardMessage({ type: 'toggleSignal', key: 'p/a/0', checked: true }, known), { type: 'toggleSignal', key: 'p/a/0', checked: true });
    assert.deepStrictEqual(parseDashboardMessage({ type: 'setWeeklyHours', hours: 12 }, known), { type: 'setWeeklyHours', hours: 12 });
    assert.deepStrictEqual(parseDashboardMessage({ type: 'chooseLanguage', language: 'x' }, known), { type: 'chooseLanguage' }, 'the page asks for the quick pick; it names no language');
    for (const bad of [{ type: 'toggleSignal', key: 'p/a/9', checked: true }, { type: 'toggleSignal', key: 'p/a/0', checked: 'yes' }, { type: 'setWeeklyHours', hours: 0 }, { type: 'setWeeklyHours', hours: 1e9 }, { type: 'setWeeklyHours', hours: 2.5 }, { type: 'eval' }, null]) {
      assert.strictEqual(parseDashboardMessage(bad, known), undefined, JSON.stringify(bad));
    }
  });

  it('carries the 24-week plan\'s guidance: readiness, where to start, two weeks by day, metrics, support, each phase\'s resources', () => {
    const d = buildDashboard(index, { statusOf: () => 'todo', weeklyHours: 20, today, signals: {} });
    const guide = d.plan!.guide;
    assert.ok(guide.readiness!.prerequisites.length >= 3 && guide.readiness!.checklist.length >= 6);
    assert.ok(guide.readiness!.checklist.some((c) => /GitHub account/.test(c)));
    assert.deepStrictEqual(guide.sampleWeeks.map((w) => w.days.map((x) => x.day)), [0, 1].map(() => ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Weekend']));
    for (const day of guide.sampleWeeks.flatMap((w) => w.days)) for (const n of day.nodes) assert.ok(index.node(n), `${day.day}: ${n} is a topic`);
    assert.strictEqual(guide.metrics.length, 6);
    assert.ok(guide.support.length >= 3);
    assert.strictEqual(guide.quickWins.length, 3);
    // Every phase names its resources, from the plan's sources (12 links across the three phases).
    assert.deepStrictEqual(d.plan!.phases.map((p) => p.resources.length), [4, 4, 3]);
    const six = buildDashboard(index, { planId: 'six-month', statusOf: () => 'todo', weeklyHours: 20, today, signals: {} });
    assert.ok(six.plan!.phases.some((p) => p.resources.some((r) => r.url.startsWith('https://fullstackopen.com/'))));
  });

  it('opens only the web addresses it shows', () => {
    const d = buildDashboard(index, { statusOf: () => 'todo', weeklyHours: 20, today, signals: {} });
    const urls = dashboardUrls(d);
    const shown = d.plan!.phases[0].resources[0].url;
    assert.ok(urls.has(shown));
    const known = (u: string) => urls.has(u);
    assert.deepStrictEqual(parseDashboardMessage({ type: 'openExternal', url: shown }, () => false, known), { type: 'openExternal', url: shown });
    for (const bad of ['https://evil.example/', 'javascript:alert(1)', 'file:///etc/passwd', 42]) assert.strictEqual(parseDashboardMessage({ type: 'openExternal', url: bad }, () => false, known), undefined, String(bad));
  });
});
