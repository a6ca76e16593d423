import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, Workbench } from './workbench';

/**
 * Starters as a learner has them once every milestone is built (the scaffolded TypeScript starter
 * with its reference solution), each in a folder of one workspace, verified from the palette against
 * real services: the milestones and one check of each, passed, in the Testing view (milestone
 * titles are regular expressions).
 */
interface Case {
  idea: string;
  folder: string;
  /** The project's row in the Testing view (its starter title with the stack). */
  title: string;
  /** Services of scripts/services.mjs, started for it; the .env a learner writes names them. */
  services: string[];
  milestones: string[];
  /** The milestone opened in the Testing view and the check under it that must show as passed. */
  open: string;
  check: string;
  shot: string;
}

const CASES: Case[] = [
  {
    idea: 'realtime-chat',
    folder: 'my-chat',
    title: 'Real-time chat server (TypeScript (Node))',
    services: ['postgresql', 'redis'],
    milestones: ['Rooms', 'History', 'Two instances'],
    open: 'Two instances',
    check: 'a message sent to one instance reaches the room on the other, exactly once',
    shot: '1-chat-milestone-passed',
  },
  {
    idea: 'multi-tenant-saas',
    folder: 'my-saas',
    title: 'Multi-tenant SaaS backend (TypeScript (Node))',
    services: ['postgresql', 'oidc'],
    milestones: ['Single sign-on', 'Tenants', 'Quotas'],
    open: 'Single sign-on',
    check: 'an ID token signed by a key that is not in the provider',
    shot: '2-sso-milestone-passed',
  },
  {
    idea: 'graphql-subscriptions-api',
    folder: 'my-graphql',
    title: 'API with GraphQL subscriptions (TypeScript (Node))',
    services: ['postgresql'],
    milestones: ['Queries and mutations', 'Subscriptions', 'No N\\+1 queries'],
    open: 'Subscriptions',
    check: 'a subscriber receives a post created over HTTP within a second',
    shot: '3-subscription-check-passed',
  },
];

describe('Advanced milestones passing in the Testing view', function () {
  const wb = new Workbench('milestones');
  const stops: (() => void)[] = [];

  before(async function () {
    this.timeout(900_000);
    const reference = await import(path.join(ROOT, 'scripts', 'reference.mjs'));
    const kit = await import(path.join(ROOT, 'scripts', 'kit.mjs'));
    const { SERVICES } = await import(path.join(ROOT, 'scripts', 'services.mjs'));
    const running = new Map<string, { url: string; env?: Record<string, string>; fresh?: (name: string) => string; stop(): void }>();
    for (const c of CASES) {
      const project = path.join(wb.folder, c.folder);
      reference.scaffold(c.idea, 'ts', project);
      reference.applyReference(reference.referencePatch(c.idea, 'ts'), project);
      const manifest = JSON.parse(fs.readFileSync(path.join(project, 'starter.json'), 'utf8'));
      assert.deepStrictEqual([...manifest.services].sort(), [...c.services].sort(), `${c.idea} names the services this test starts`);
      const install = kit.sh(manifest.install.join(' && '), project);
      assert.ok(install.ok, `${c.idea} installs: ${install.out.slice(-2000)}`);
      // What a learner writes into .env after starting the compose file's services.
      const lines: string[] = [];
      for (const name of c.services) {
        if (!running.has(name)) {
          const s = await SERVICES[name].start();
          running.set(name, s);
          stops.push(() => s.stop());
        }
        const s = running.get(name)!;
        lines.push(`${SERVICES[name].env}=${s.fresh ? s.fresh(c.folder.replace(/-/g, '_')) : s.url}`);
        for (const [k, v] of Object.entries(s.env ?? {})) lines.push(`${k}=${v}`);
      }
      fs.writeFileSync(path.join(project, '.env'), `${lines.join('\n')}\n`);
    }
    await wb.start();
  });
  afterEach(function () {
    return wb.captureFailure(this.currentTest);
  });
  after(async () => {
    await wb.stop();
    for (const stop of stops) stop();
  });

  for (const c of CASES) {
    it(`${c.idea}: verifies every milestone, and shows '${c.open}' passed with its checks`, async function () {
      this.timeout(300_000);
      await wb.runCommand('Roadmap: Verify Project', c.title.replace(/ \(.*$/, ''));
      const total = c.milestones.length + 1;
      await wb.page.locator('.notification-toast', { hasText: `${c.title}: ${total} of ${total} milestones passed` }).waitFor({ timeout: 240_000 });
      await wb.runCommand('Testing: Focus on Test Explorer View');
      const explorer = wb.page.locator('.test-explorer');
      const row = (text: string | RegExp) => explorer.locator('.monaco-list-row', { hasText: text });
      const projectRow = row(c.title);
      await projectRow.waitFor({ timeout: 20_000 });
      if ((await projectRow.getAttribute('aria-expanded')) === 'false') await projectRow.click();
      for (const milestone of c.milestones) {
        await row(new RegExp(`^${milestone}`)).waitFor({ timeout: 10_000 });
        assert.strictEqual(await row(new RegExp(`^${milestone}`)).locator('.codicon-testing-passed-icon').count(), 1, `${milestone} shows as passed`);
      }
      const opened = row(new RegExp(`^${c.open}`));
      await opened.click();
      await opened.press('ArrowRight');
      const check = row(c.check);
      await check.waitFor({ timeout: 10_000 });
      assert.strictEqual(await check.locator('.codicon-testing-passed-icon').count(), 1, `'${c.check}' shows as passed`);
      await wb.screenshot(c.shot);
      // Folded again, so the next project's rows are in view.
      await opened.press('ArrowLeft');
      await projectRow.click();
    });
  }
});
