// Lesson page script. Runs in the webview; talks to the extension only through postMessage.
(function () {
  const vscode = acquireVsCodeApi();
  const app = document.getElementById('app');
  const STATUS_LABEL = { todo: 'To do', 'in-progress': 'In progress', done: 'Done', skipped: 'Skipped' };
  let current;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c) node.append(c);
    return node;
  }

  function render(lesson) {
    current = lesson;
    vscode.setState({ nodeId: lesson.nodeId });
    const status = el('span', { class: 'status status-' + lesson.status, id: 'status', text: STATUS_LABEL[lesson.status] || lesson.status });
    const doneButton = el('button', { id: 'mark-done', type: 'button', text: lesson.status === 'done' ? 'Mark to do' : 'Mark done' });
    doneButton.addEventListener('click', () => {
      vscode.postMessage({ type: 'setStatus', nodeId: current.nodeId, status: current.status === 'done' ? 'todo' : 'done' });
    });
    const header = el('header', {},
      el('p', { class: 'section', text: lesson.section }),
      el('h1', { text: lesson.title }),
      el('p', { class: 'summary', text: lesson.summary }),
      el('p', { class: 'meta' }, status, el('span', { text: ' · ' + lesson.hours + ' h' })),
      el('div', { class: 'actions' }, doneButton));
    const body = el('article', { class: 'lesson' });
    // The HTML was rendered from Markdown with raw HTML disabled and links filtered.
    body.innerHTML = lesson.html;
    const resources = el('section', { class: 'resources' }, el('h2', { text: 'Resources' }));
    const list = el('ul');
    for (const r of lesson.resources) {
      list.append(el('li', {}, el('span', { class: 'type', text: r.type }), ' ', el('a', { href: r.url, text: r.title })));
    }
    resources.append(list);
    app.replaceChildren(header, body, resources);
    window.scrollTo(0, 0);
  }

  function setStatus(status) {
    if (!current) return;
    current = Object.assign({}, current, { status });
    const badge = document.getElementById('status');
    badge.textContent = STATUS_LABEL[status] || status;
    badge.className = 'status status-' + status;
    document.getElementById('mark-done').textContent = status === 'done' ? 'Mark to do' : 'Mark done';
  }

  document.addEventListener('click', (event) => {
    const a = event.target.closest && event.target.closest('a');
    if (!a) return;
    event.preventDefault();
    const href = a.getAttribute('href') || '';
    if (href.startsWith('#')) vscode.postMessage({ type: 'openNode', nodeId: href.slice(1) });
    else if (/^https?:\/\//i.test(href)) vscode.postMessage({ type: 'openExternal', url: href });
  });

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'show' && m.lesson) render(m.lesson);
    else if (m.type === 'status' && current && m.nodeId === current.nodeId) setStatus(m.status);
  });

  try {
    const initial = JSON.parse(document.body.dataset.state || 'null');
    if (initial && initial.lesson) render(initial.lesson);
  } catch (err) {
    app.textContent = 'The lesson could not be shown: ' + err;
  }
  vscode.postMessage({ type: 'ready' });
})();
