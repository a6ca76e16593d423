import * as assert from 'assert';
import { createLessonRenderer } from '../../src/roadmap/markdown';

const render = createLessonRenderer();

describe('lesson Markdown renderer', () => {
  it('renders headings, code and https links', () => {
    const html = render('## Key ideas\n\n```bash\ncurl -I https://example.com\n```\n\nSee [MDN](https://developer.mozilla.org/).');
    assert.match(html, /<h2>Key ideas<\/h2>/);
    assert.match(html, /<pre><code class="language-bash">curl -I https:\/\/example.com\n<\/code><\/pre>/);
    assert.match(html, /<a href="https:\/\/developer.mozilla.org\/" rel="noopener noreferrer">MDN<\/a>/);
  });

  it('turns #node-id links into node links', () => {
    assert.match(render('Read [DNS](#dns) first.'), /<a href="#dns" data-node="dns">DNS<\/a>/);
  });

  it('keeps only the text of an http:// link or image, as of any link it does not allow', () => {
    const html = render('See [the docs](http://example.com/a) and ![a diagram](http://example.com/d.png), <http://example.com/b>, [x](javascript:alert(1)) and [ok](https://example.com/c).');
    assert.doesNotMatch(html, /href="http:|src="http:|<img|javascript/, html);
    assert.match(html, /See the docs and a diagram, http:\/\/example\.com\/b, x and <a href="https:\/\/example\.com\/c" rel="noopener noreferrer">ok<\/a>\./);
    assert.match(render('![chart](https://example.com/c.png)'), /<img src="https:\/\/example\.com\/c\.png" alt="chart">/);
  });

  const hostile: [string, string][] = [
    ['raw script tags', '<script>alert(1)</script>'],
    ['event handlers', '<img src=x onerror="alert(1)">'],
    ['javascript: links', '[x](javascript:alert(1))'],
    ['command: links', '[x](command:workbench.action.terminal.new)'],
    ['vscode: links', '[x](vscode://file/etc/passwd)'],
    ['file: links', '[x](file:///etc/passwd)'],
    ['data: links', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['relative links', '[x](../../etc/passwd)'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['a javascript: image', '![x](javascript:alert(1))'],
  ];
  for (const [what, input] of hostile) {
    it(`keeps ${what} inert`, () => {
      const html = render(input);
      assert.doesNotMatch(html, /<script|<iframe|<img[^>]*onerror|href="(javascript|command|vscode|file|data):|href="\.\.|src="javascript:/i, html);
    });
  }
});
