import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, Workbench } from './workbench';

/**
 * The real-time chat starter as a learner has it once every milestone is built (the scaffolded
 * TypeScript starter with its reference solution), verified from the palette against a real
 * PostgreSQL and Redis: WebSocket checks, and a second instance of the server, in the Testing view.
 */
describe('A chat milestone passing in the Testing view', function () {
  const wb = new Workbench('chat');
  const project = path.join(wb.folder, 'my-chat');
  const services: { stop(): void }[] = [];

  before(async function () {
    this.timeout(600_000);
    const reference = await import(path.join(ROOT, 'scripts', 'reference.mjs'));
    const kit = await import(path.join(ROOT, 'scripts', 'kit.mjs'));
    const started = await import(path.join(ROOT, 'scripts', 'services.mjs'));
    reference.scaffold('realtime-chat', 'ts', project);
    reference.applyReference(reference.referencePatch('realtime-chat', 'ts'), project);
    const manifest = JSON.parse(fs.readFileSync(path.join(project, 'starter.json'), 'utf8'));
    const install = kit.sh(manifest.install.join(' && '), project);
    assert.ok(install.ok, `the chat starter installs: ${install.out.slice(-2000)}`);
    const postgres = await started.startPostgres();
    services.push(postgres);
    const redis = await started.startRedis();
    services.push(redis);
    // What a learner writes into .env after starting the compose file's services.
    fs.writeFileSync(path.join(project, '.env'), `DATABASE_URL=${postgres.fresh('chat')}\nREDIS_URL=${redis.url}\n`);
    await wb.start();
  });
  afterEach(function () {
    return wb.captureFailure(this.currentTest);
  });
  after(async () => {
    await wb.stop();
    for (const s of services) s.stop();
  });

  it('verifies every milestone, and shows the two-instance check passed under its milestone', async function () {
    this.timeout(240_000);
    await wb.runCommand('Roadmap: Verify Project');
    await wb.page.locator('.notification-toast', { hasText: /Real-time chat server \(TypeScript \(Node\)\): 4 of 4 milestones passed/ }).waitFor({ timeout: 180_000 });
    await wb.runCommand('Testing: Focus on Test Explorer View');
    const explorer = wb.page.locator('.test-explorer');
    const row = (text: string | RegExp) => explorer.locator('.monaco-list-row', { hasText: text });
    const projectRow = row('Real-time chat server (TypeScript (Node))');
    await projectRow.waitFor({ timeout: 20_000 });
    if ((await projectRow.getAttribute('aria-expanded')) === 'false') await projectRow.click();
    for (const milestone of ['Rooms', 'History', 'Two instances']) {
      await row(new RegExp(`^${milestone}`)).waitFor({ timeout: 10_000 });
      assert.strictEqual(await row(new RegExp(`^${milestone}`)).locator('.codicon-testing-passed-icon').count(), 1, `${milestone} shows as passed`);
    }
    const scale = row(/^Two instances/);
    await scale.click();
    await scale.press('ArrowRight');
    const crossing = row('a message sent to one instance reaches the room on the other, exactly once');
    await crossing.waitFor({ timeout: 10_000 });
    assert.strictEqual(await crossing.locator('.codicon-testing-passed-icon').count(), 1, 'the two-instance check shows as passed');
    await wb.screenshot('1-chat-milestone-passed');
  });
});
