import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');

// Each multi-tenant-saas starter ships the provider so a learner runs it without this repository;
// the tests run scripts/oidc/, so every copy must be the same file.
describe('the OpenID Connect provider', () => {
  it('every multi-tenant-saas starter ships the same provider and package as scripts/oidc/', () => {
    const dir = path.join(root, 'roadmap', 'starters', 'multi-tenant-saas');
    const stacks = fs.readdirSync(dir).filter((s) => fs.statSync(path.join(dir, s)).isDirectory());
    assert.ok(stacks.includes('ts'), `stacks: ${stacks.join(', ')}`);
    for (const stack of stacks) {
      for (const file of ['provider.mjs', 'package.json']) {
        const copy = path.join(dir, stack, 'oidc', file);
        assert.ok(fs.existsSync(copy), `${path.relative(root, copy)} is missing: copy scripts/oidc/${file} there`);
        assert.strictEqual(fs.readFileSync(copy, 'utf8'), fs.readFileSync(path.join(root, 'scripts', 'oidc', file), 'utf8'), `${path.relative(root, copy)} differs from scripts/oidc/${file}: copy it again`);
      }
    }
  });
});
