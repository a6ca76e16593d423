// Lesson page. Runs in the webview; talks to the extension only through postMessage.
(function () {
  const app = document.getElementById('app');
  const STATUS = {
    todo: { label: 'To do', icon: 'circle-large-outline' },
    'in-progress': { label: 'In progress', icon: 'circle-large-filled' },
    done: { label: 'Done', icon: 'pass' },
    verified: { label: 'Verified by your code', icon: 'verified-filled' },
    checked: { label: 'Checked by its quiz', icon: 'mortar-board' },
    skipped: { label: 'Skipped', icon: 'circle-slash' },
  };
  const BUTTONS = [
    { status: 'done', label: 'Done', icon: 'check' },
    { status: 'in-progress', label: 'In progress', icon: 'circle-large-filled' },
    { status: 'skipped', label: 'Skip', icon: 'circle-slash' },
    { status: 'todo', label: 'Reset', icon: 'discard' },
  ];
  const TYPE_TITLES = { docs: 'Documentation', article: 'Articles', video: 'Videos', course: 'Courses', book: 'Books', practice: 'Practice', tool: 'Tools' };
  let current;

  const { el, icon, post, setState } = window.roadmapPage;
  const nodeLink = (link) => el('a', { href: '#' + link.id, 'data-node': link.id, title: STATUS[link.status].label }, icon(STATUS[link.status].icon), ' ' + link.title);

  function statusBadge(status, peeked) {
    const label = STATUS[status].label + (status === 'verified' && peeked ? ', after a look at the reference (peeked)' : '');
    return el('span', { id: 'status', class: 'status status-' + status }, icon(STATUS[status].icon), ' ' + label);
  }

  /** Done, In progress and Skip are toggles that show the status; Reset is a plain action. */
  function isPressed(button, status) {
    return button !== 'todo' && (status === button || (button === 'done' && (status === 'verified' || status === 'checked')));
  }

  function statusButtons(lesson) {
    const group = el('div', { class: 'actions', role: 'group', 'aria-label': 'Set the status of this topic' });
    for (const b of BUTTONS) {
      const pressed = isPressed(b.status, lesson.status);
      const button = el('button', { type: 'button', 'data-status': b.status, 'aria-pressed': b.status === 'todo' ? undefined : String(pressed), disabled: b.status === 'todo' && lesson.status === 'todo', class: b.status === 'todo' ? 'secondary' : undefined }, icon(b.icon), ' ' + b.label);
      button.addEventListener('click', () => post({ type: 'setStatus', nodeId: current.nodeId, status: b.status }));
      group.append(button);
    }
    const notes = el('button', { type: 'button', id: 'open-notes', class: 'secondary' }, icon('note'), ' ' + (lesson.hasNotes ? 'Open notes' : 'Start notes'));
    notes.addEventListener('click', () => post({ type: 'openNotes', nodeId: current.nodeId }));
    const dashboard = el('button', { type: 'button', id: 'open-dashboard', class: 'secondary' }, icon('graph'), ' Dashboard');
    dashboard.addEventListener('click', () => post({ type: 'openDashboard' }));
    group.append(notes, dashboard);
    return group;
  }

  function resources(list) {
    const section = el('section', { class: 'resources', 'aria-labelledby': 'resources-title' }, el('h2', { id: 'resources-title', text: 'Resources' }));
    const byType = new Map();
    for (const r of list) {
      if (!byType.has(r.type)) byType.set(r.type, []);
      byType.get(r.type).push(r);
    }
    for (const [type, items] of byType) {
      section.append(el('h3', { text: TYPE_TITLES[type] || type }));
      section.append(el('ul', {}, ...items.map((r) => el('li', {}, el('a', { href: r.url, title: r.url }, icon('link-external'), ' ' + r.title)))));
    }
    return section;
  }

  const STACK_LABELS = { ts: 'TypeScript', python: 'Python', go: 'Go', java: 'Java', rust: 'Rust', php: 'PHP', ruby: 'Ruby', sql: 'SQL', shell: 'Shell', config: 'Configuration', git: 'Git', http: 'HTTP' };

  /** The topic's exercise: its checks turn the topic verified. */
  function exercise(lesson) {
    if (!lesson.exercise) return undefined;
    const button = el('button', { type: 'button', class: 'start-exercise' }, icon('beaker'), ' Start Exercise');
    button.addEventListener('click', () => post({ type: 'startExercise', nodeId: lesson.nodeId }));
    return el('section', { class: 'exercise', 'aria-labelledby': 'exercise-title' },
      el('h2', { id: 'exercise-title', text: 'Exercise' }),
      el('p', {}, el('strong', { text: lesson.exercise.title }), ' · ', lesson.exercise.stacks.map((s) => STACK_LABELS[s] || s).join(', ')),
      el('p', { text: 'Written into exercises/' + lesson.nodeId + '/ of your workspace and checked on every save: when its checks pass, this topic turns verified.' }),
      button);
  }

  /**
   * Why the topic counts towards no total (marked optional, or a language other than the learner's),
   * and for a language topic, the choice: make this one yours, or pick another.
   */
  function optionalNote(lesson) {
    if (!lesson.optional && lesson.language !== 'chosen') return undefined;
    const note = el('p', { id: 'optional-note', class: 'optional-note' }, icon(lesson.optional ? 'circle-slash' : 'pass'), ' ');
    if (lesson.optional) note.append(el('strong', { text: 'Optional' }), ', not counted in your hours. ' + lesson.optional + ' You can still study and finish it.');
    else note.append('Your chosen language: it counts in your hours and plan.');
    if (lesson.language) {
      const mine = lesson.language === 'other';
      const button = el('button', { type: 'button', class: 'secondary choose-language' }, icon('symbol-namespace'), mine ? ' Learn ' + lesson.title + ' instead' : ' Choose Another Language…');
      button.addEventListener('click', () => post(mine ? { type: 'chooseLanguage', nodeId: lesson.nodeId } : { type: 'chooseLanguage' }));
      note.append(' ', button);
    }
    return note;
  }

  function projects(lesson) {
    if (!lesson.projects.length) return undefined;
    const section = el('section', { class: 'projects', 'aria-labelledby': 'projects-title' }, el('h2', { id: 'projects-title', text: 'Practise it in a project' }));
    for (const p of lesson.projects) {
      const card = el('div', { class: 'project', 'data-project': p.id },
        el('h3', {}, p.title, ' ', el('span', { class: 'level level-' + p.level, text: p.level })),
        el('p', { text: p.summary }),
        // An idea with checks links each milestone to its page: how it is tested, hints, watch mode.
        el('ol', { class: 'milestones' }, ...p.milestones.map((m) => el('li', {}, p.checked ? el('a', { href: '#milestone:' + m.id, 'data-project': p.id, title: 'Open the milestone: how it is tested, hints, watch mode' }, m.title) : m.title))));
      if (p.hasStarter) {
        const button = el('button', { type: 'button', class: 'scaffold' }, icon('rocket'), ' Scaffold starter');
        button.addEventListener('click', () => post({ type: 'scaffold', projectId: p.id }));
        card.append(button);
      }
      section.append(card);
    }
    section.append(ownWay(lesson.projects[0].id));
    return section;
  }

  /** The same advice as the starters' READMEs: the checks only talk HTTP, so any language works. */
  function ownWay(ideaId) {
    const code = (text) => el('code', { text });
    const field = (name, ...text) => el('li', {}, code(name), ': ', ...text);
    return el('div', { class: 'own-way' },
      el('h3', { text: 'Verify it your own way' }),
      el('p', {}, 'The milestone checks only start your server and talk to it over HTTP, so you can build the project in any language. In its folder, run "Roadmap: Verify My Own Project": it asks for these fields, writes them to ', code('starter.json'), ' and runs the checks.'),
      el('ul', {},
        field('idea', 'the project idea, such as ', code(ideaId)),
        field('start', 'the command that starts your server, run in the folder with ', code('PORT'), ' set'),
        field('port', 'the port it listens on when ', code('PORT'), ' is not set, such as ', code('3000')),
        field('healthPath', 'the path that answers 2xx once it is up, such as ', code('/health')),
        el('li', {}, 'optional: ', code('stack'), ' (any name, such as ', code('java'), '), ', code('install'), ' (commands run first when you ask), ', code('build'), ' (run on every save in watch mode), ', code('env'), ' (extra environment variables) and ', code('services'), ' (', code('postgresql'), ', ', code('redis'), ' and ', code('kafka'), ' are checked for)')));
  }

  function pager(lesson) {
    const nav = el('nav', { class: 'pager', 'aria-label': 'Previous and next topic' });
    nav.append(lesson.previous ? el('a', { href: '#' + lesson.previous.id, 'data-node': lesson.previous.id, class: 'previous', rel: 'prev' }, icon('arrow-left'), ' ' + lesson.previous.title) : el('span'));
    nav.append(lesson.next ? el('a', { href: '#' + lesson.next.id, 'data-node': lesson.next.id, class: 'next', rel: 'next' }, lesson.next.title + ' ', icon('arrow-right')) : el('span'));
    return nav;
  }

  function render(lesson) {
    current = lesson;
    window.roadmapMilestone.forget();
    setState({ nodeId: lesson.nodeId, roadmapId: lesson.roadmapId });
    document.title = lesson.title;
    const prereqs = lesson.prerequisites.length
      ? el('p', { class: 'prereqs' }, 'Builds on: ', ...lesson.prerequisites.flatMap((p, i) => (i ? [', ', nodeLink(p)] : [nodeLink(p)])))
      : undefined;
    const header = el('header', {},
      el('p', { class: 'section', text: lesson.section }),
      el('h1', { id: 'lesson-title', tabindex: '-1', text: lesson.title }),
      el('p', { class: 'summary', text: lesson.summary }),
      el('p', { class: 'meta' }, statusBadge(lesson.status, lesson.peeked), typeof lesson.hours === 'number' ? el('span', { text: ' · ' + lesson.hours + ' h' }) : undefined, lesson.hasNotes ? el('span', { id: 'has-notes', class: 'has-notes' }, ' · ', icon('note'), ' notes') : undefined),
      optionalNote(lesson),
      statusButtons(lesson),
      window.roadmapQuiz.reviewButton(lesson.quiz),
      prereqs);
    const body = el('article', { class: 'lesson', 'aria-labelledby': 'lesson-title' });
    // Rendered from Markdown with raw HTML escaped and only http(s) and #node links kept; the CSP
    // blocks any script regardless.
    body.innerHTML = lesson.html;
    codeTools(body, lesson);
    linkTerms(body, lesson.terms);
    app.replaceChildren(header, body, exercise(lesson) || '', window.roadmapQuiz.render(lesson.quiz, lesson.nodeId) || '', resources(lesson.resources), projects(lesson) || '', pager(lesson));
    window.scrollTo(0, 0);
  }

  /**
   * "Copy" on every code block and "Run in Terminal" on the blocks the extension lists as runnable
   * (shell blocks, in trusted workspaces only). A
   * block is named by its number: the extension reads its text from the lesson, and asks before it
   * runs anything.
   */
  function codeTools(body, lesson) {
    body.querySelectorAll('pre > code').forEach((code, index) => {
      const lang = (/(?:^|\s)language-([\w+#.-]+)/.exec(code.className) || [])[1];
      const what = (lang ? lang + ' ' : '') + 'code block ' + (index + 1);
      const copy = el('button', { type: 'button', class: 'secondary code-copy', 'data-block': String(index), 'aria-label': 'Copy ' + what, title: 'Copy' }, icon('copy'), el('span', { text: ' Copy' }));
      copy.addEventListener('click', () => post({ type: 'copyCode', nodeId: lesson.nodeId, index }));
      const bar = el('div', { class: 'code-actions' }, copy);
      if (lesson.runnable.includes(index)) {
        const run = el('button', { type: 'button', class: 'secondary code-run', 'data-block': String(index), 'aria-label': 'Run ' + what + ' in a terminal', title: 'Run in Terminal (asks first)' }, icon('terminal'), el('span', { text: ' Run in Terminal' }));
        run.addEventListener('click', () => post({ type: 'runCode', nodeId: lesson.nodeId, index }));
        bar.append(run);
      }
      const pre = code.parentElement;
      pre.classList.add('has-actions');
      pre.before(bar);
    });
  }

  const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  /**
   * The first use of each glossary term in the lesson's prose (not in code, links or headings) links
   * to the lesson that teaches it, its definition on hover; in that lesson itself it is marked as
   * the definition. Longer forms first, so "idempotency key" is found before "idempotency".
   */
  function linkTerms(body, terms) {
    if (!terms || !terms.length) return;
    const forms = terms.flatMap((t) => t.forms.map((form) => ({ form, t }))).sort((a, b) => b.form.length - a.form.length);
    const found = new Set();
    const skip = (node) => node.parentElement.closest('pre, code, a, h1, h2, h3, h4, dfn, figure');
    for (const { form, t } of forms) {
      if (found.has(t)) continue;
      const re = new RegExp('(?<![\\p{L}\\p{N}_])' + escapeRegExp(form) + '(?![\\p{L}\\p{N}_])', 'iu');
      const walker = document.createTreeWalker(body, window.NodeFilter.SHOW_TEXT, { acceptNode: (n) => (skip(n) ? window.NodeFilter.FILTER_REJECT : window.NodeFilter.FILTER_ACCEPT) });
      while (walker.nextNode()) {
        const node = walker.currentNode;
        const m = re.exec(node.data);
        if (!m) continue;
        const word = node.splitText(m.index);
        word.splitText(m[0].length);
        const mark = t.own
          ? el('dfn', { class: 'term', title: t.definition })
          : el('a', { href: '#' + t.topic, 'data-node': t.topic, class: 'term', title: t.title + ': ' + t.definition });
        word.replaceWith(mark);
        mark.append(word);
        found.add(t);
        break;
      }
    }
  }

  /** The extension copied block `index`: the button says so for a moment. */
  function copied(index) {
    const button = document.querySelector('button.code-copy[data-block="' + index + '"]');
    if (!button) return;
    button.lastChild.textContent = ' Copied';
    button.firstChild.className = 'codicon codicon-check';
    setTimeout(() => {
      button.lastChild.textContent = ' Copy';
      button.firstChild.className = 'codicon codicon-copy';
    }, 2000);
  }

  function setStatus(status) {
    if (!current) return;
    current = Object.assign({}, current, { status });
    document.getElementById('status').replaceWith(statusBadge(status, current.peeked));
    for (const b of document.querySelectorAll('.actions button[data-status]')) {
      if (b.dataset.status === 'todo') b.disabled = status === 'todo';
      else b.setAttribute('aria-pressed', String(isPressed(b.dataset.status, status)));
    }
  }

  window.roadmapPage.onLink((href, a) => {
    if (href.startsWith('#milestone:')) {
      const shown = window.roadmapMilestone.current();
      const projectId = (a && a.dataset.project) || (shown && shown.projectId);
      if (projectId) post({ type: 'openMilestone', projectId, milestoneId: href.slice('#milestone:'.length) });
    } else if (href.startsWith('#')) post({ type: 'openNode', nodeId: href.slice(1) });
    // Only web links leave the page, and only after VS Code has asked: the extension checks the
    // address again and opens it through VS Code, which asks first.
    else if (/^https?:\/\//i.test(href)) post({ type: 'openExternal', url: href });
  });

  document.addEventListener('keydown', (event) => {
    if (!current || event.target.closest('input, textarea') || !event.altKey) return;
    const target = event.key === 'ArrowLeft' ? current.previous : event.key === 'ArrowRight' ? current.next : undefined;
    if (target) {
      event.preventDefault();
      post({ type: 'openNode', nodeId: target.id });
    }
  });

  window.roadmapPage.start('lesson', (m, initial) => {
    if (m.type === 'milestone' && m.milestone) {
      current = undefined;
      window.roadmapMilestone.render(m.milestone, initial);
    } else if (m.type === 'show' && m.lesson) {
      render(m.lesson);
      if (!initial) document.getElementById('lesson-title').focus({ preventScroll: true });
    } else if (m.type === 'status' && current && m.nodeId === current.nodeId) setStatus(m.status);
    else if (m.type === 'notes' && current && m.nodeId === current.nodeId) render(Object.assign({}, current, { hasNotes: m.hasNotes }));
    else if (m.type === 'graded' && current && m.nodeId === current.nodeId) window.roadmapQuiz.graded(m.graded, m.nodeId);
    else if (m.type === 'rated' && current && m.nodeId === current.nodeId) window.roadmapQuiz.rated(m);
    else if (m.type === 'quiz' && current && m.nodeId === current.nodeId) window.roadmapQuiz.summary(m.summary);
    else if (m.type === 'copied' && current && m.nodeId === current.nodeId) copied(m.index);
  });
})();
