import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, Workbench } from './workbench';

/** A server in a language with no starter (Java, JDK only) that builds every milestone of the containerized microservice. */
const javaServer = path.join(ROOT, 'test', 'fixtures', 'own-project', 'java');

describe('Verify My Own Project in the workbench', function () {
  const wb = new Workbench('own-project');
  const java = path.join(wb.folder, 'java-server');
  const down = path.join(wb.folder, 'pg-down');

  before(async function () {
    this.timeout(180_000);
    // The learner's own server, with no starter.json yet.
    fs.mkdirSync(java, { recursive: true });
    fs.copyFileSync(path.join(javaServer, 'Server.java'), path.join(java, 'Server.java'));
    // A project whose PostgreSQL is not running: its .env points at a port nothing listens on.
    fs.mkdirSync(down, { recursive: true });
    fs.writeFileSync(path.join(down, 'starter.json'), JSON.stringify({ idea: 'url-shortener', stack: 'go', start: 'node -e "require(\'http\').createServer((q, s) => s.end()).listen(process.env.PORT)"', port: 3000, healthPath: '/health', services: ['postgresql'] }));
    fs.writeFileSync(path.join(down, '.env'), 'DATABASE_URL=postgres://app@127.0.0.1:1/app\n');
    fs.writeFileSync(path.join(down, 'docker-compose.yml'), 'services:\n  app:\n    build: .\n  db:\n    image: postgres:17\n');
    await wb.start();
  });
  afterEach(function () {
    return wb.captureFailure(this.currentTest);
  });
  after(() => wb.stop());

  const toast = (text: RegExp) => wb.page.locator('.notification-toast', { hasText: text });
  const input = () => wb.page.locator('.quick-input-widget .quick-input-box input');

  /** Waits for the quick input titled `step`, types into it and accepts: a pick's row once it shows, or the text of an input box. */
  async function answer(step: RegExp, text: string, row?: RegExp): Promise<void> {
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: step }).waitFor({ timeout: 15_000 });
    await input().waitFor({ timeout: 10_000 });
    await input().fill(text);
    if (row) await wb.page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: row }).waitFor({ timeout: 10_000 });
    await wb.page.keyboard.press('Enter');
  }

  it('asks for the idea, the start command, the port and the health path, writes starter.json, and verifies a Java server', async function () {
    this.timeout(180_000);
    await wb.runCommand('Roadmap: Verify My Own Project');
    await answer(/which folder holds your server/, 'java-server', /java-server/);
    await answer(/\(1\/4\)/, 'Containerized', /Containerized microservice/);
    await wb.screenshot('1-idea-picked');
    await answer(/\(2\/4\)/, 'java Server.java');
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: /\(3\/4\)/ }).waitFor({ timeout: 15_000 });
    assert.strictEqual(await input().inputValue(), '3000', 'the port is offered as 3000');
    await answer(/\(3\/4\)/, '3000');
    await answer(/\(4\/4\)/, '/health');
    await toast(/wrote starter\.json in java-server/).waitFor({ timeout: 20_000 });
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(java, 'starter.json'), 'utf8')), { idea: 'containerized-microservice', stack: 'java', start: 'java Server.java', port: 3000, healthPath: '/health' });
    await toast(/Containerized microservice \(java\): 5 of 5 milestones passed/).waitFor({ timeout: 150_000 });
    await wb.screenshot('2-java-verified');
    await wb.runCommand('Testing: Focus on Test Explorer View');
    await wb.page.locator('.test-explorer .monaco-list-row', { hasText: 'Containerized microservice (java)' }).waitFor({ timeout: 20_000 });
    await wb.screenshot('3-testing-view');
  });

  it('says in one line that PostgreSQL is down, where, and the command that starts it, without running the server', async function () {
    this.timeout(90_000);
    await wb.page.keyboard.press('Escape');
    await wb.runCommand('Roadmap: Verify Project');
    await answer(/Verify which project/, 'URL shortener', /URL shortener \(Go\)/);
    const message = toast(/URL shortener \(Go\) could not run \(nothing was checked\): PostgreSQL is not reachable at 127\.0\.0\.1:1 \(DATABASE_URL from \.env\): start it with `docker compose up -d db` in pg-down/);
    await message.waitFor({ timeout: 30_000 });
    assert.doesNotMatch(await message.innerText(), /\n\s+at /, 'no stack trace');
    // The toast slides in: the picture is taken once it stands still.
    await wb.page.waitForFunction(() => {
      const el = document.querySelector('.notification-toast-container');
      const top = el?.getBoundingClientRect().top ?? 0;
      const last = (window as unknown as { lastTop?: number }).lastTop;
      (window as unknown as { lastTop?: number }).lastTop = top;
      return last === top;
    }, undefined, { polling: 200, timeout: 10_000 });
    await wb.screenshot('4-postgres-down');
  });
});
