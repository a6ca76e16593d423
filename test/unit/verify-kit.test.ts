import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { diskReader } from '../../src/roadmap/nodeFs';
import { readRoadmap } from '../../src/roadmap/validate';
import { KIT_SIDE } from '../../src/verify/rules';
import { readCheckFiles } from '../../src/verify/files';

const root = path.resolve(__dirname, '../../..');
const roadmap = readRoadmap(path.join(root, 'roadmap', 'backend', 'roadmap.yaml'), diskReader).roadmap!;
const { checks } = readCheckFiles(path.join(root, 'roadmap', 'verify'), roadmap.projects);

interface Entry {
  id: string;
  stack: string;
  milestone: string;
  catches: string;
  mistake: string;
  alsoFails?: string[];
}

/** The honesty kit's shape; the starters layer runs it (each entry must fail exactly its milestone). */
describe('verify: the honesty kit', () => {
  for (const idea of Object.keys(checks)) {
    it(`${idea}: at least two named wrong solutions per milestone, each naming a real check, with its patch, on a stack that has a reference`, () => {
      const dir = path.join(root, 'test', 'fixtures', 'wrong', idea);
      const file = path.join(dir, 'kit.yaml');
      assert.ok(fs.existsSync(file), `${path.relative(root, file)} exists`);
      const entries = parse(fs.readFileSync(file, 'utf8')) as Entry[];
      const ideaChecks = checks[idea];
      const ids = new Set<string>();
      for (const e of entries) {
        const where = `${idea}/${e.id}`;
        assert.ok(/^[a-z0-9][a-z0-9-]*$/.test(e.id) && !ids.has(e.id), `${where}: a unique id of lowercase words`);
        ids.add(e.id);
        assert.ok(fs.existsSync(path.join(root, 'test', 'fixtures', 'reference', idea, `${e.stack}.patch`)), `${where}: stack ${e.stack} has a reference to patch`);
        assert.ok(ideaChecks.milestones[e.milestone], `${where}: '${e.milestone}' is a milestone with checks`);
        assert.ok(ideaChecks.milestones[e.milestone].some((c) => c.name === e.catches), `${where}: '${e.catches}' is a check of ${e.milestone}`);
        assert.ok(typeof e.mistake === 'string' && e.mistake.length > 15, `${where}: says what the mistake is`);
        for (const other of e.alsoFails ?? []) assert.ok(ideaChecks.milestones[other] && other !== e.milestone, `${where}: alsoFails '${other}' is another milestone`);
        const patch = fs.readFileSync(path.join(dir, `${e.id}.patch`), 'utf8');
        assert.match(patch, /^diff --git /m, `${where}: the patch is a git diff`);
      }
      for (const milestone of Object.keys(ideaChecks.milestones)) {
        const n = entries.filter((e) => e.milestone === milestone).length;
        assert.ok(n >= 2, `${idea}: milestone ${milestone} has ${n} wrong solution(s); at least 2`);
      }
      // Checks are language-neutral, so one stack per milestone is enough, but the kit rotates them.
      const used = new Set(entries.map((e) => e.stack));
      assert.ok(used.size >= 2, `${idea}: the stacks rotate across milestones (only ${[...used].join(', ')})`);
      const patches = fs.readdirSync(dir).filter((f) => f.endsWith('.patch')).map((f) => f.slice(0, -'.patch'.length));
      assert.deepStrictEqual(patches.filter((p) => !ids.has(p)), [], `${idea}: every patch is in kit.yaml`);
    });

    it(`${idea}: every numeric limit's kit side has a wrong solution of that milestone`, () => {
      const file = path.join(root, 'test', 'fixtures', 'wrong', idea, 'kit.yaml');
      const entries = fs.existsSync(file) ? (parse(fs.readFileSync(file, 'utf8')) as Entry[]) : [];
      for (const [milestone, rules] of Object.entries(checks[idea].rules)) {
        for (const rule of rules.filter((r) => [...r.inside, ...r.outside].includes(KIT_SIDE))) {
          assert.ok(entries.some((e) => e.milestone === milestone), `${idea}: '${rule.text}' leaves a side to the kit, which has nothing for ${milestone}`);
        }
      }
    });
  }
});
