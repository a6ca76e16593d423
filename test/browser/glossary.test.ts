import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadGlossary, termsIn } from '../../src/glossary/terms';
import { loadCompiledRoadmap } from '../../src/roadmap/load';
import { ROOT, Workbench, withWorkbench } from './workbench';

const dist = path.join(ROOT, 'dist');

/** The first topic, in roadmap order, whose lesson uses a term another lesson teaches. */
function lessonWithTerm(): { title: string; term: string } {
  const index = loadCompiledRoadmap(dist);
  const lessons = JSON.parse(fs.readFileSync(path.join(dist, 'lessons.json'), 'utf8')) as Record<string, string>;
  const glossary = loadGlossary(dist);
  for (const id of index.order) {
    const used = termsIn(lessons[id] ?? '', glossary).find((t) => t.topic !== id);
    if (used) return { title: index.node(id)!.title, term: used.term };
  }
  throw new Error('no lesson uses a term another lesson teaches');
}

describe('the glossary in the real workbench', function () {
  const wb = new Workbench('glossary');
  withWorkbench(wb);

  it('links a term in a lesson to the lesson that teaches it, with its definition on hover', async function () {
    this.timeout(90_000);
    const { title } = lessonWithTerm();
    await wb.runCommand('Roadmap: Search Topics', title);
    const f = wb.lessonFrame();
    await f.locator('#lesson-title', { hasText: title }).waitFor({ timeout: 20_000 });
    const link = f.locator('article.lesson a.term').first();
    await link.waitFor({ timeout: 10_000 });
    // The first term of the page (the one the test picked may come later): its title names its lesson, then the definition.
    const teacher = loadCompiledRoadmap(dist).node((await link.getAttribute('data-node')) ?? '')!.title;
    assert.ok(((await link.getAttribute('title')) ?? '').startsWith(`${teacher}: `), `${await link.getAttribute('title')}`);
    assert.ok(((await link.getAttribute('title')) ?? '').length > teacher.length + 20, 'a definition follows the title');
    // Never inside code or headings.
    assert.strictEqual(await f.locator('pre a.term, code a.term, h2 a.term, h3 a.term').count(), 0);
    await link.scrollIntoViewIfNeeded();
    await link.hover();
    await wb.screenshot('1-term-in-lesson');
    await link.click();
    await f.locator('#lesson-title', { hasText: teacher }).waitFor({ timeout: 20_000 });
    // Where it is taught, the term is marked as the definition, not linked.
    await f.locator('article.lesson dfn.term').first().waitFor({ timeout: 10_000 });
  });

  it('finds a term by words of its definition and opens the lesson that teaches it', async function () {
    this.timeout(90_000);
    const glossary = loadGlossary(dist);
    const index = loadCompiledRoadmap(dist);
    const t = glossary.find((g) => g.topic !== 'how-the-internet-works') ?? glossary[0];
    await wb.runCommand('Roadmap: Look Up a Term in the Glossary');
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(t.term);
    const row = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: t.term }).first();
    await row.waitFor({ timeout: 10_000 });
    await wb.screenshot('2-glossary-pick');
    await input.press('Enter');
    await wb.lessonFrame().locator('#lesson-title', { hasText: index.node(t.topic)!.title }).waitFor({ timeout: 20_000 });
  });
});
