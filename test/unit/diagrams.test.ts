import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diagramRefs, lessonDiagramProblems, sanitizeSvg, withHouseStyle } from '../../src/roadmap/diagrams';
import { drawDiagram, drawDiagrams } from '../../src/roadmap/graphviz';
import { createLessonRenderer } from '../../src/roadmap/markdown';

const root = path.resolve(__dirname, '../../..');
const cliFile = path.join(root, 'dist', 'cli.js');

/** What a lesson page must never receive from a diagram. */
const UNSAFE = /<script|<foreignobject|<image|<use|<iframe|<style|<a[\s>]|\son\w+\s*=|href|javascript:|url\(|<!--|<\?xml|<!doctype|\sid=|\sstyle=/i;

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-diagrams-test-'));
}

describe('diagrams: sanitizing the SVG', () => {
  const hostile = [
    '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
    '<!-- a comment --><svg width="100pt" height="50pt" viewBox="0 0 100 50" onload="alert(1)" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
    '<script>alert(1)</script><style>text { fill: red }</style>',
    '<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 46)">',
    '<polygon fill="white" stroke="none" points="-4,4 -4,-46 96,-46 96,4 -4,4"/>',
    '<g id="node1" class="node accent&#45;1 evil" onclick="steal()"><title>a</title>',
    '<a xlink:href="javascript:alert(1)" href="https://example.com" xlink:title="tip">',
    '<ellipse fill="black" stroke="#ff0000" style="fill:url(https://evil.example/x)" cx="27" cy="-18" rx="27" ry="18"/>',
    '<text text-anchor="middle" x="27" y="-14" font-family="Times,serif" font-size="14.00" fill="red">a &lt;b&gt; &amp; c</text>',
    '</a></g>',
    '<image xlink:href="https://evil.example/track.png" width="10" height="10"/>',
    '<use href="https://evil.example/sprite.svg#x"/>',
    '<foreignObject><iframe src="https://evil.example"></iframe><p>html</p></foreignObject>',
    '<g class="edge"><path fill="none" stroke="black" d="M27,-36C27,-40 27,-44 27,-46"/><polygon fill="black" stroke="black" points="1,2 3,4 5,6"/></g>',
    '<![CDATA[ <script>alert(2)</script> ]]>',
    '</g></svg>',
  ].join('\n');
  const clean = sanitizeSvg(hostile);

  it('keeps no script, event attribute, link, reference, style, id or comment', () => {
    assert.doesNotMatch(clean, UNSAFE, clean);
    assert.doesNotMatch(clean, /alert|steal|evil|serif|red|black|white|#ff0000/, clean);
  });

  it('keeps the shapes, the text and the accent class, with the root marked for the theme and hidden from screen readers', () => {
    assert.match(clean, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="diagram-svg" width="100pt" height="50pt" viewBox="0 0 100 50" aria-hidden="true" focusable="false">/);
    assert.match(clean, /<g class="node accent-1"><ellipse cx="27" cy="-18" rx="27" ry="18"\/><text text-anchor="middle" x="27" y="-14" font-size="14.00">a &lt;b&gt; &amp; c<\/text><\/g>/);
    assert.match(clean, /<g class="edge"><path fill="none" d="M27,-36C27,-40 27,-44 27,-46"\/><polygon points="1,2 3,4 5,6"\/><\/g>/);
    assert.match(clean, /<\/g><\/svg>$/);
  });

  it("drops the graph's white background so the page's own shows through", () => {
    assert.doesNotMatch(clean, /-4,4 -4,-46/);
  });

  it('leaves no colour of its own: fill and stroke are only ever none', () => {
    for (const m of clean.matchAll(/\s(fill|stroke)="([^"]*)"/g)) assert.strictEqual(m[2], 'none', m[0]);
  });

  it('refuses attribute values that are not geometry', () => {
    const out = sanitizeSvg('<svg viewBox="0 0 1 1"><g><path d="M0,0 L1,1 url(#x)"/><text x="1" y="expression(alert(1))">t</text></g></svg>');
    assert.strictEqual(out, '<svg xmlns="http://www.w3.org/2000/svg" class="diagram-svg" viewBox="0 0 1 1" aria-hidden="true" focusable="false"><g><path/><text x="1">t</text></g></svg>');
  });
});

describe('diagrams: drawing a source with Graphviz', function () {
  this.timeout(30_000);

  it('draws a source into theme-aware SVG: classes, no colours, the labels as text', async () => {
    const { svg, problem } = await drawDiagram('digraph {\n  client [label="Client" class="accent-1"]\n  client -> server [label="ClientHello"]\n}\n', 'x.dot');
    assert.strictEqual(problem, undefined);
    assert.match(svg!, /^<svg [^>]*class="diagram-svg"/);
    assert.match(svg!, /<g class="node accent-1">/);
    assert.match(svg!, /<g class="edge">/);
    assert.match(svg!, />ClientHello<\/text>/);
    assert.doesNotMatch(svg!, /font-family|fill="(?!none)|stroke="(?!none)/);
  });

  it('strips what a hostile source asks for: links, tooltips, images, ids, colours, stylesheets', async () => {
    const source = [
      'digraph {',
      '  graph [stylesheet="https://evil.example/s.css" URL="javascript:alert(1)" id="g1" bgcolor="black"]',
      '  a [URL="javascript:alert(1)" href="https://evil.example" target="_top" tooltip="x onmouseover=alert(1)" id="n1" class="accent-2 onload" color="red" fontcolor="red" style=filled fillcolor="black" label="<script>alert(1)</script>"]',
      '  b [label=<<b>bold</b> <i>html</i>>]',
      '  a -> b [edgeURL="javascript:alert(2)" headURL="javascript:alert(3)" labelURL="javascript:alert(4)" label="x"]',
      '}',
    ].join('\n');
    const { svg, problem } = await drawDiagram(source, 'hostile.dot');
    assert.strictEqual(problem, undefined);
    assert.doesNotMatch(svg!, UNSAFE, svg);
    // Outside the text of the labels, nothing of what the source asked for is left.
    const markup = svg!.replace(/>[^<]*</g, '><');
    assert.doesNotMatch(markup, /alert|evil|black|red|_top|onload|onmouseover|g1|n1/, markup);
    // The label stays, as text.
    assert.match(svg!, />&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/text>/);
    assert.match(svg!, /<g class="node accent-2">/);
  });

  it('reports a source that does not parse at the line Graphviz names', async () => {
    const { svg, problem } = await drawDiagram('digraph {\n  a -> b\n  c -> -> d\n}\n', 'roadmap/diagrams/broken.dot');
    assert.strictEqual(svg, undefined);
    assert.strictEqual(problem?.file, 'roadmap/diagrams/broken.dot');
    assert.strictEqual(problem?.line, 3);
    assert.match(problem!.message, /^diagram source does not parse: syntax error in line 3/);
  });

  it('reports a source that is not a graph', async () => {
    const { problem } = await drawDiagram('sequenceDiagram\n  A->>B: hi\n', 'seq.dot');
    assert.deepStrictEqual(problem, { file: 'seq.dot', line: 1, column: 1, message: 'a diagram source opens with `digraph {` or `graph {` (Graphviz DOT)' });
  });

  it('draws a folder, reporting a file name that is not kebab-case and skipping other files', async () => {
    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir, 'ok-one.dot'), 'digraph { a -> b }');
      fs.writeFileSync(path.join(dir, 'Bad_Name.dot'), 'digraph { a -> b }');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a diagram');
      const drawn = await drawDiagrams(dir, (f) => path.basename(f));
      assert.deepStrictEqual([...drawn.svgs.keys()], ['ok-one']);
      assert.deepStrictEqual(drawn.problems, [{ file: 'Bad_Name.dot', line: 1, column: 1, message: "diagram file name 'Bad_Name.dot' must be lowercase words joined by hyphens" }]);
      assert.deepStrictEqual(drawn.files, new Map([['ok-one', 'ok-one.dot']]));
      assert.deepStrictEqual(await drawDiagrams(path.join(dir, 'none')), { svgs: new Map(), files: new Map(), problems: [] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('diagrams: the house style', () => {
  it('goes in front of the statements of a named, strict or undirected graph', () => {
    assert.match(withHouseStyle('// note\nstrict digraph "tls" {\n a -> b }')!, /^\/\/ note\nstrict digraph "tls" \{ graph \[fontname="Verdana"[^\n]*edge \[[^\]]*\]; \n a -> b \}$/);
    assert.match(withHouseStyle('graph { a -- b }')!, /^graph \{ graph \[/);
    assert.strictEqual(withHouseStyle('flowchart LR\n a --> b'), undefined);
  });
});

describe('diagrams: placing one in a lesson', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" class="diagram-svg" viewBox="0 0 10 10" aria-hidden="true" focusable="false"><g class="node accent-1"><text x="1" y="1">A</text></g></svg>';
  const render = createLessonRenderer({ diagrams: new Map([['tls-handshake', svg]]) });

  it('renders a figure with the SVG, role img, the text alternative as its label and its caption, outside any paragraph', () => {
    const html = render('Before.\n\n![The client sends "ClientHello" & a <key share>](diagram:tls-handshake)\n\nAfter.');
    const alt = 'The client sends &quot;ClientHello&quot; &amp; a &lt;key share&gt;';
    assert.strictEqual(html, `<p>Before.</p>\n<figure class="diagram" role="img" aria-label="${alt}">${svg}<figcaption>${alt}</figcaption></figure>\n<p>After.</p>\n`);
  });

  it('keeps only the text of an unknown diagram, or of any diagram when the roadmap has none (a roadmap of your own)', () => {
    assert.strictEqual(render('![What it shows](diagram:nope)'), '<p>What it shows</p>\n');
    assert.strictEqual(createLessonRenderer()('![What it shows](diagram:tls-handshake)'), '<p>What it shows</p>\n');
  });

  it('still refuses every other image that is not https', () => {
    const html = render('![a](http://example.com/a.png) ![b](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) ![c](file:///etc/passwd)');
    assert.doesNotMatch(html, /<img|<figure|onload=|src=/, html);
  });

  it('keeps the text of a diagram inside a sentence: a figure cannot sit in a paragraph', () => {
    assert.strictEqual(render('See ![the handshake in order](diagram:tls-handshake) above.'), '<p>See the handshake in order above.</p>\n');
    assert.strictEqual(render('![the handshake in order](diagram:tls-handshake)\n![again](diagram:tls-handshake)'), '<p>the handshake in order\nagain</p>\n');
  });
});

describe('diagrams: placements in the lint', () => {
  const markdown = [
    '## Key ideas',
    '',
    '![The client and the server agree on keys in one round trip](diagram:tls-handshake)',
    '',
    'Text with `![not a diagram](diagram:in-code)` in code.',
    '',
    '```md',
    '![Fenced, so not a diagram either](diagram:fenced)',
    '```',
    '',
    'Then ![](diagram:tls-handshake) and ![Too short](diagram:tls-handshake)',
    '',
    '![A picture of something that is not there at all](diagram:gone)',
    '![A diagram name that is not a file name at all](diagram:Bad_Name)',
  ].join('\n');

  it('finds each placement outside code with its line and column', () => {
    assert.deepStrictEqual(
      diagramRefs(markdown).map((r) => `${r.line}:${r.column} ${r.name}`),
      ['3:1 tls-handshake', '11:6 tls-handshake', '11:37 tls-handshake', '13:1 gone', '14:1 Bad_Name'],
    );
    assert.deepStrictEqual(
      diagramRefs(markdown).map((r) => r.alone),
      [true, false, false, false, false],
    );
  });

  it('reports a missing diagram, a missing or thin text alternative and a bad name at file:line:column', () => {
    const problems = lessonDiagramProblems(new Map([['https-tls', { markdown, file: '/r/lessons/https-tls.md' }]]), new Set(['tls-handshake']), (f) => path.relative('/r', f));
    assert.deepStrictEqual(
      problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`),
      [
        "lessons/https-tls.md:11:6: diagram 'tls-handshake' must be a paragraph of its own: put it on its own line, with a blank line before and after",
        "lessons/https-tls.md:11:6: diagram 'tls-handshake' has no text alternative: write what the picture shows between the brackets",
        "lessons/https-tls.md:11:37: diagram 'tls-handshake' must be a paragraph of its own: put it on its own line, with a blank line before and after",
        "lessons/https-tls.md:11:37: diagram 'tls-handshake' has a text alternative of 2 word(s): say in a sentence of at least 6 words what the picture shows",
        "lessons/https-tls.md:13:1: diagram 'gone' does not exist: add diagrams/gone.dot or fix the name",
        "lessons/https-tls.md:13:1: diagram 'gone' must be a paragraph of its own: put it on its own line, with a blank line before and after",
        "lessons/https-tls.md:14:1: diagram name 'Bad_Name' must be lowercase words joined by hyphens (the file diagrams/<name>.dot)",
        "lessons/https-tls.md:14:1: diagram 'Bad_Name' must be a paragraph of its own: put it on its own line, with a blank line before and after",
      ],
    );
  });

  it('places a problem of an inline lesson at its lesson value, naming the line within the lesson', () => {
    const problems = lessonDiagramProblems(new Map([['http', { markdown: 'Intro.\n\n![](diagram:gone)', file: '/r/team.yaml' }]]), new Set(), (f) => f, () => ({ file: 'team.yaml', line: 7, column: 13 }));
    assert.deepStrictEqual(
      problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`),
      [
        "team.yaml:7:13: diagram 'gone' does not exist: add diagrams/gone.dot or fix the name (line 3 of the lesson of 'http')",
        "team.yaml:7:13: diagram 'gone' has no text alternative: write what the picture shows between the brackets (line 3 of the lesson of 'http')",
      ],
    );
  });
});

describe('diagrams: lint and compile of a roadmap entry (dist/cli.js)', function () {
  this.timeout(60_000);
  let dir: string;
  const cli = (...args: string[]) => spawnSync(process.execPath, [cliFile, ...args], { cwd: dir, encoding: 'utf8' });
  const section = ['id: basics', 'title: Basics', 'nodes:', '  - id: tls', '    title: TLS', '    hours: 2', '    lessonFile: lessons/tls.md', ''].join('\n');
  const entry = ['id: team', 'title: Team', 'sections:', '  - include: basics.yaml', ''].join('\n');
  const lesson = (line: string) => fs.writeFileSync(path.join(dir, 'lessons', 'tls.md'), `Keys first.\n\n${line}\n`);

  beforeEach(() => {
    dir = tempDir();
    fs.mkdirSync(path.join(dir, 'lessons'));
    fs.mkdirSync(path.join(dir, 'diagrams'));
    fs.writeFileSync(path.join(dir, 'basics.yaml'), section);
    fs.writeFileSync(path.join(dir, 'team.yaml'), entry);
    fs.writeFileSync(path.join(dir, 'diagrams', 'handshake.dot'), 'digraph {\n  client -> server [label="ClientHello"]\n}\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes and compiles a lesson whose diagram exists and says what it shows', () => {
    lesson('![The client sends ClientHello to the server first](diagram:handshake)');
    const r = cli('lint', 'team.yaml');
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    const c = cli('compile', 'team.yaml', '--out', 'out');
    assert.strictEqual(c.status, 0, c.stdout + c.stderr);
    const html = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'lessons.json'), 'utf8')).tls as string;
    assert.match(html, /<figure class="diagram" role="img" aria-label="The client sends ClientHello to the server first"><svg [^>]*class="diagram-svg"[\s\S]*>ClientHello<\/text>[\s\S]*<figcaption>/);
  });

  it('reports a lesson that names a diagram that does not exist, at its line and column', () => {
    lesson('![The client sends ClientHello to the server first](diagram:handshake)\n\n  ![The server answers with its own key share](diagram:handshak)');
    const r = cli('lint', 'team.yaml');
    assert.strictEqual(r.status, 1);
    assert.strictEqual(r.stdout.trim(), "lessons/tls.md:5:3: diagram 'handshak' does not exist: add diagrams/handshak.dot or fix the name");
    const c = cli('compile', 'team.yaml', '--out', 'out');
    assert.strictEqual(c.status, 1);
    assert.match(c.stderr, /^lessons\/tls\.md:5:3: diagram 'handshak' does not exist/m);
    assert.strictEqual(fs.existsSync(path.join(dir, 'out', 'lessons.json')), false);
  });

  it('reports a diagram without a text alternative', () => {
    lesson('![](diagram:handshake)');
    const r = cli('lint', 'team.yaml');
    assert.strictEqual(r.status, 1);
    assert.strictEqual(r.stdout.trim(), "lessons/tls.md:3:1: diagram 'handshake' has no text alternative: write what the picture shows between the brackets");
  });

  it('reports a diagram that no lesson places (lint only: compile still builds it)', () => {
    lesson('![The client sends ClientHello to the server first](diagram:handshake)');
    fs.writeFileSync(path.join(dir, 'diagrams', 'spare.dot'), 'digraph { a -> b }\n');
    const r = cli('lint', 'team.yaml');
    assert.strictEqual(r.status, 1);
    assert.strictEqual(r.stdout.trim(), "diagrams/spare.dot:1:1: diagram 'spare' is placed in no lesson: place it with ![what it shows](diagram:spare) or delete the file");
    assert.strictEqual(cli('compile', 'team.yaml', '--out', 'out').status, 0);
  });

  it('reports a diagram source that does not parse, at its line', () => {
    lesson('![The client sends ClientHello to the server first](diagram:handshake)');
    fs.writeFileSync(path.join(dir, 'diagrams', 'handshake.dot'), 'digraph {\n  client -> server\n  server -> -> client\n}\n');
    const r = cli('lint', 'team.yaml');
    assert.strictEqual(r.status, 1);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^diagrams\/handshake\.dot:3:1: diagram source does not parse: syntax error in line 3/);
    // The lesson's diagram is then missing too: it could not be drawn.
    assert.strictEqual(lines[1], "lessons/tls.md:3:1: diagram 'handshake' does not exist: add diagrams/handshake.dot or fix the name");
  });
});

describe('diagrams: the theme colours them (media/lesson.css)', () => {
  const css = fs.readFileSync(path.join(root, 'media', 'lesson.css'), 'utf8');
  const rule = (selector: string) => css.split('\n').find((l) => l.includes(selector) && l.includes('{')) ?? '';

  it('maps text, shapes and edges to the foreground and the editor background, never to a fixed colour', () => {
    assert.match(rule('.diagram-svg {'), /color: var\(--vscode-foreground\)/);
    assert.match(rule('.diagram-svg text'), /fill: currentColor/);
    assert.match(rule('.diagram-svg .node polygon'), /fill: var\(--vscode-editor-background\); stroke: currentColor/);
    assert.match(rule('.diagram-svg .edge path'), /stroke: currentColor/);
    const diagramRules = css.split('\n').filter((l) => l.includes('diagram'));
    assert.ok(diagramRules.length > 10);
    for (const l of diagramRules) assert.doesNotMatch(l, /#[0-9a-f]{3,8}\b|rgb\(|\b(black|white)\b/i, l);
  });

  it('gives every accent class a chart colour of the theme', () => {
    assert.match(rule('.diagram-svg .accent-1 {'), /var\(--vscode-charts-blue\)/);
    assert.match(rule('.diagram-svg .accent-2 {'), /var\(--vscode-charts-green\)/);
    assert.match(rule('.diagram-svg .accent-3 {'), /var\(--vscode-charts-orange\)/);
    assert.match(rule('.diagram-svg .accent-4 {'), /var\(--vscode-charts-purple\)/);
    assert.match(rule('.diagram-svg .muted {'), /var\(--vscode-descriptionForeground\)/);
  });
});
