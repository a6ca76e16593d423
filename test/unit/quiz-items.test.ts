import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { countSentences, parseTopicQuiz, repeatedPrompts } from '../../src/quiz/items';
import { readQuizFiles } from '../../src/quiz/quizFiles';

const single = (over: Record<string, unknown> = {}) => ({
  id: 'status',
  kind: 'single',
  prompt: 'Which status answers a created resource?',
  choices: [
    { text: '201', correct: true, why: 'Created, with a Location header.' },
    { text: '200', why: 'OK says nothing was created.' },
    { text: '204', why: 'No Content has no body and no new resource.' },
  ],
  ...over,
});
const exact = { id: 'limit', kind: 'exact', prompt: 'Which status code says too many requests?', accept: ['429'], why: 'Too Many Requests, with Retry-After.' };
const multiple = {
  id: 'safe',
  kind: 'multiple',
  prompt: 'Which methods are safe?',
  choices: [
    { text: 'GET', correct: true, why: 'It only reads.' },
    { text: 'HEAD', correct: true, why: 'GET without a body.' },
    { text: 'POST', why: 'It changes state.' },
  ],
};
const answers = ['One sentence here. And a second one.', 'It does this. Because of that.'];
const quiz = (over: Record<string, unknown> = {}) => ({ answers, items: [single(), exact, multiple], ...over });
const problems = (raw: unknown, questions = 2) => parseTopicQuiz(raw, 'http', questions).problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n');

describe('quiz: a topic\'s answers and graded items', () => {
  it('reads a quiz to the bar', () => {
    const r = parseTopicQuiz(quiz(), 'http', 2);
    assert.deepStrictEqual(r.problems, []);
    assert.strictEqual(r.quiz?.items.length, 3);
    assert.deepStrictEqual(r.quiz?.items[1], { id: 'limit', kind: 'exact', prompt: exact.prompt, accept: ['429'], why: exact.why });
  });

  it('needs one answer per self-check question, each 2 to 6 sentences', () => {
    assert.match(problems(quiz(), 3), /answers: the lesson asks 3 self-check questions, but 2 answers are written/);
    assert.match(problems(quiz({ answers: ['Only one sentence.', answers[1]] })), /answers\.0: answer 1 has 1 sentence\(s\): write 2 to 6/);
    assert.match(problems(quiz({ answers: ['A. B. C. D. E. F. G.', answers[1]] })), /answer 1 has 7 sentence/);
    assert.match(problems(quiz({ answers: ['<b>Bold</b> claim. Another one.', answers[1]] })), /answer 1 holds HTML/);
    // Dots inside code spans are not ends of sentences.
    assert.strictEqual(countSentences('Run `a.b.c` then `x.y`. Done.'), 2);
  });

  it('holds items to 3 to 8, unique ids, and the rules of each kind', () => {
    assert.match(problems(quiz({ items: [single(), exact] })), /items: 'http' has 2 graded items: write 3 to 8/);
    assert.match(problems(quiz({ items: [single(), single(), exact] })), /items\.1\.id: item id 'status' is used twice/);
    assert.match(problems(quiz({ items: [single({ id: 'Bad_Id' }), exact, multiple] })), /must be lowercase words joined by hyphens, not 'Bad_Id'/);
    assert.match(problems(quiz({ items: [single({ kind: 'pick' }), exact, multiple] })), /must be single, multiple or exact, not 'pick'/);
    const twoRight = single({ choices: [{ text: 'a', correct: true, why: 'x' }, { text: 'b', correct: true, why: 'y' }, { text: 'c', why: 'z' }] });
    assert.match(problems(quiz({ items: [twoRight, exact, multiple] })), /single choice: mark exactly one choice correct: true \(2 are\)/);
    const allRight = { ...multiple, choices: multiple.choices.map((c) => ({ ...c, correct: true })) };
    assert.match(problems(quiz({ items: [single(), exact, allRight] })), /multiple choice: mark at least one choice correct and leave at least one wrong/);
    const twice = single({ choices: [{ text: '201', correct: true, why: 'x' }, { text: '200', why: 'y' }, { text: ' 200', why: 'z' }] });
    assert.match(problems(quiz({ items: [twice, exact, multiple] })), /item 1 lists the same choice twice/);
    // Case tells flags apart: curl's -i and -I are two choices.
    const flags = { ...multiple, choices: [{ text: '-i', correct: true, why: 'x' }, { text: '-I', correct: true, why: 'y' }, { text: '-d', why: 'z' }] };
    assert.strictEqual(problems(quiz({ items: [single(), exact, flags] })), '');
    const noWhy = single({ choices: [{ text: 'a', correct: true }, { text: 'b', why: 'y' }, { text: 'c', why: 'z' }] });
    assert.match(problems(quiz({ items: [noWhy, exact, multiple] })), /items\.0\.choices\.0: .*add why/);
    assert.match(problems(quiz({ items: [single({ choices: single().choices.slice(0, 2) }), exact, multiple] })), /has 2 choices: give 3 to 6/);
    assert.match(problems(quiz({ items: [single(), { ...exact, accept: [] }, multiple] })), /needs accept: 1 to 5 answers/);
    assert.match(problems(quiz({ items: [single(), { ...exact, choices: [] }, multiple] })), /is exact: it takes accept, not choices/);
    assert.match(problems(quiz({ items: [single(), exact, { ...multiple, why: 'no' }] })), /explain each choice under choices/);
    assert.match(problems(quiz({ extra: 1 })), /extra/);
  });

  it('refuses a prompt that gives its answer away, and a prompt two topics ask', () => {
    assert.match(problems(quiz({ items: [single(), { ...exact, prompt: 'Is 429 the status for too many requests?' }, multiple] })), /gives its answer away \('429'\)/);
    // A short answer inside a longer number is not given away.
    assert.doesNotMatch(problems(quiz({ items: [single(), { ...exact, prompt: 'Port 14290 aside, which status says slow down?' }, multiple] })), /gives/);
    assert.match(problems(quiz({ items: [single({ prompt: 'Is 201 the status of a created resource?' }), exact, multiple] })), /gives its right choice away \('201'\)/);
    const a = parseTopicQuiz(quiz(), 'http', 2).quiz!;
    assert.deepStrictEqual(repeatedPrompts(new Map([['http', a], ['rest', a]])), [
      { topic: 'rest', item: 'status', first: 'http' },
      { topic: 'rest', item: 'limit', first: 'http' },
      { topic: 'rest', item: 'safe', first: 'http' },
    ]);
  });

  it('reads a folder of quiz files against the lessons, each problem at file:line:column', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-quiz-'));
    try {
      const lesson = '## Self-check\n\n1. Why?\n2. How?\n';
      fs.writeFileSync(path.join(dir, 'http.yaml'), JSON.stringify(quiz()));
      fs.writeFileSync(path.join(dir, 'nope.yaml'), JSON.stringify(quiz()));
      fs.writeFileSync(path.join(dir, 'dns.yaml'), 'answers:\n  - One. Two.\n  - One. Two.\nitems:\n  - id: a\n    kind: exakt\n    prompt: Which?\n');
      const r = readQuizFiles(dir, new Map([['http', lesson], ['dns', lesson]]));
      assert.deepStrictEqual(Object.keys(r.quizzes), ['http']);
      const text = r.problems.map((p) => `${path.basename(p.file)}:${p.line}:${p.column}: ${p.message}`).join('\n');
      assert.match(text, /dns\.yaml:6:11: the kind of item 1 must be single, multiple or exact, not 'exakt'/);
      assert.match(text, /nope\.yaml:1:1: 'nope' is not a topic with a lesson/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('quiz: compiled for the extension (dist/quiz.json)', () => {
  it('takes the self-check questions from the lesson and renders every text', async () => {
    const { compileQuiz, selfCheckTexts, loadCompiledQuizzes, QUIZ_JSON } = await import('../../src/quiz/compiled');
    const lesson = '## Key ideas\n\n```\n1. not a question\n```\n\n## Self-check\n\n1. Why `a`?\n2. How,\n   over two lines?\n';
    assert.deepStrictEqual(selfCheckTexts(lesson), ['Why `a`?', 'How, over two lines?']);
    const q = parseTopicQuiz(quiz(), 'http', 2).quiz!;
    const compiled = compileQuiz(q, lesson, (md) => `<p>${md}</p>`);
    assert.deepStrictEqual(compiled.questions, ['<p>Why `a`?</p>', '<p>How, over two lines?</p>']);
    assert.strictEqual(compiled.items[0].choices?.[0].why, '<p>Created, with a Location header.</p>');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-quizjson-'));
    try {
      fs.writeFileSync(path.join(dir, QUIZ_JSON), JSON.stringify({ http: compiled, broken: { questions: [], answers: [], items: [{ id: 'x', kind: 'exact', prompt: 'p' }] } }));
      assert.deepStrictEqual(Object.keys(loadCompiledQuizzes(dir)), ['http'], 'a topic not of the shape is left out');
      assert.deepStrictEqual(loadCompiledQuizzes(path.join(dir, 'none')), {});
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('quiz: the command line twin (node dist/cli.js quiz)', () => {
  const cli = (args: string[], input: string) => spawnSync(process.execPath, [path.resolve(__dirname, '../../../dist/cli.js'), ...args], { input, encoding: 'utf8' });

  it('grades typed answers as the lesson page does, asks again for a choice it cannot read, and shows the model answers', () => {
    // Wrong, then "9" (no such choice) and right; right; right with spaces; right; then Enter for each question.
    const r = cli(['quiz', 'docker'], '2\n9\n1,2\n 8080:3000 \n1\n\n\n\n\n');
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /Not quite\.\n {2}1\. \[right\] The process gets 10 seconds/);
    assert.match(r.stdout, /2\. \[yours\] That is `docker kill`/);
    assert.match(r.stdout, /Type one or more numbers from 1 to 4\./);
    assert.match(r.stdout, /In your own words, 3\/4: A Postgres container was removed/);
    assert.match(r.stdout, /named volume/);
    assert.match(r.stdout, /\n3 of 4 graded items right\.\n$/);
  });

  it('stops with exit 1 when the input ends, and names a topic it does not know', () => {
    const short = cli(['quiz', 'docker'], '1\n');
    assert.strictEqual(short.status, 1);
    assert.match(short.stdout, /1 of 4 graded items right \(stopped: the input ended\)\./);
    const unknown = cli(['quiz', 'dockr'], '');
    assert.strictEqual(unknown.status, 2);
    assert.match(unknown.stderr, /no quiz for 'dockr'/);
  });

  it('runs the inline quiz of a roadmap of your own, and refuses a file with problems at their line', () => {
    const broken = path.resolve(__dirname, '../../../test/fixtures/custom-roadmaps/quiz-choice-without-why.roadmap.yaml');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'own-quiz-cli-'));
    try {
      const file = path.join(dir, 'team.roadmap.yaml');
      fs.writeFileSync(file, fs.readFileSync(broken, 'utf8').replace('                - text: "200"\n', '                - text: "200"\n                  why: 200 says it worked, not that something new exists.\n'));
      const r = cli(['quiz', 'status-codes', '--roadmap', file], '2\n404\n1\n');
      assert.strictEqual(r.status, 0, r.stderr);
      assert.match(r.stdout, /2\. \[yours\] 200 says it worked/);
      assert.match(r.stdout, /\n2 of 3 graded items right\.\n$/);
      const refused = cli(['quiz', 'status-codes', '--roadmap', broken], '');
      assert.strictEqual(refused.status, 1);
      assert.match(refused.stderr, /quiz-choice-without-why\.roadmap\.yaml:22:19: quiz of 'status-codes': choice 2 of item 1 has no 'why'/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
