import * as assert from 'assert';
import { nodeIdOfNoteFile, notePathSegments, noteTemplate } from '../../src/notes/notes';

describe('notes', () => {
  it('keeps notes at .roadmap/notes/<id>.md', () => {
    assert.deepStrictEqual(notePathSegments('what-is-http'), ['.roadmap', 'notes', 'what-is-http.md']);
  });
  it('refuses ids that could leave the notes folder', () => {
    for (const bad of ['../secrets', 'a/b', '', 'A', 'x\0y', '..']) assert.throws(() => notePathSegments(bad), /is not a node id/);
  });
  it('maps note files back to node ids and ignores other files', () => {
    assert.strictEqual(nodeIdOfNoteFile('dns.md'), 'dns');
    assert.strictEqual(nodeIdOfNoteFile('README.txt'), undefined);
    assert.strictEqual(nodeIdOfNoteFile('.hidden.md'), undefined);
  });
  it('starts a note with the title, section and date', () => {
    const t = noteTemplate('DNS and how it works', 'Internet fundamentals', new Date('2026-03-04T10:00:00Z'));
    assert.match(t, /^# DNS and how it works\n\n_Internet fundamentals · started 2026-03-04_/);
    assert.match(t, /## Questions to follow up/);
  });
});
