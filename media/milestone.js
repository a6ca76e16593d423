// Milestone page, drawn in the lesson panel: what to build, how it is tested (from the check data),
// the last result of each check, hints one at a time, watch mode and the reference. Loaded before
// lesson.js, which hands it the milestone messages.
(function () {
  const { el, icon, post, setState } = window.roadmapPage;
  const OUTCOME = {
    passed: { icon: 'pass', label: 'passed', cls: 'passed' },
    failed: { icon: 'error', label: 'failed', cls: 'failed' },
    'could-not-run': { icon: 'warning', label: 'could not run', cls: 'could-not-run' },
  };
  const NODE_STATUS = { todo: 'circle-large-outline', 'in-progress': 'circle-large-filled', done: 'pass', verified: 'verified-filled', skipped: 'circle-slash' };
  let current;

  const action = (name) => () => post({ type: 'milestoneAction', action: name });
  const button = (id, iconName, label, onClick, secondary) => {
    const b = el('button', { type: 'button', id, class: secondary ? 'secondary' : undefined }, icon(iconName), ' ' + label);
    b.addEventListener('click', onClick);
    return b;
  };

  function actions(m) {
    const group = el('div', { class: 'actions', role: 'group', 'aria-label': 'Practise this milestone' });
    if (m.watch && m.watch.focus) group.append(button('stop-watch', 'eye-closed', 'Stop watching', action('stopWatch'), true));
    else group.append(button('watch', 'eye', m.project ? 'Watch this milestone' : 'Watch (needs a project)', action('watch')));
    if (m.hints.total > 0) {
      const more = m.hints.opened.length < m.hints.total;
      const b = button('hint', 'lightbulb', more ? 'Show hint ' + (m.hints.opened.length + 1) + ' of ' + m.hints.total : 'All ' + m.hints.total + ' hints shown', action('hint'), true);
      b.disabled = !more;
      group.append(b);
    }
    if (m.reference) group.append(button('reference', 'diff', 'Show the reference diff', action('reference'), true));
    return group;
  }

  function verdict(m) {
    if (!m.verified) return el('span', { class: 'status status-todo', id: 'milestone-status' }, icon('circle-large-outline'), ' Not verified yet');
    return el('span', { class: 'status status-verified', id: 'milestone-status' }, icon('verified-filled'), m.peeked ? ' Verified, after a look at the reference (peeked)' : ' Verified by your code');
  }

  function check(c) {
    const last = c.last ? OUTCOME[c.last.outcome] : undefined;
    const head = el('div', { class: 'check-head' },
      last ? el('span', { class: 'outcome outcome-' + last.cls, title: 'Last run: ' + last.label }, icon(last.icon), el('span', { class: 'sr-only', text: 'Last run ' + last.label + ': ' })) : el('span', { class: 'outcome outcome-none', title: 'Not run yet' }, icon('circle-large-outline'), el('span', { class: 'sr-only', text: 'Not run yet: ' })),
      ' ', el('strong', { text: c.name }));
    const steps = el('ol', { class: 'steps' }, ...c.steps.map((s) => el('li', {}, el('span', { class: 'sent', text: s.sent }), el('span', { class: 'arrow', text: ' → ' }), el('span', { class: 'expected', text: s.expected }))));
    const item = el('li', { class: 'check', 'data-check': String(c.index) }, head, steps);
    if (c.last && c.last.outcome !== 'passed' && c.last.message) item.append(el('pre', { class: 'failure', text: c.last.message }));
    return item;
  }

  function hints(m) {
    if (!m.hints.opened.length) return undefined;
    const section = el('section', { class: 'hints', 'aria-labelledby': 'hints-title' }, el('h2', { id: 'hints-title', text: 'Hints' }));
    if (m.hints.note) section.append(el('p', { class: 'muted', text: m.hints.note }));
    m.hints.opened.forEach((html, i) => {
      const body = el('div', { class: 'hint-body' });
      // Rendered at build time from the hints' Markdown, raw HTML escaped, as lessons are.
      body.innerHTML = html;
      section.append(el('div', { class: 'hint', id: 'hint-' + (i + 1) }, el('h3', { text: 'Hint ' + (i + 1) }), body));
    });
    return section;
  }

  function render(m, initial) {
    const same = current && current.projectId === m.projectId && current.milestoneId === m.milestoneId;
    current = m;
    setState({ roadmapId: m.roadmapId, projectId: m.projectId, milestoneId: m.milestoneId });
    document.title = m.title;
    const header = el('header', {},
      el('p', { class: 'section', text: m.ideaTitle + ' · milestone ' + m.position + ' of ' + m.count }),
      el('h1', { id: 'lesson-title', tabindex: '-1', text: m.title }),
      el('p', { class: 'meta' }, verdict(m), m.project ? el('span', { text: ' · ' + m.project.folder + ' (' + m.project.stack + ')' }) : el('span', { text: ' · no project of this idea in the workspace yet' })),
      m.watch ? el('p', { class: 'watch-state', id: 'watch-state', role: 'status' }, icon('eye'), ' Watching: ' + m.watch.state) : undefined,
      actions(m));
    const build = el('section', { 'aria-labelledby': 'build-title' }, el('h2', { id: 'build-title', text: 'What to build' }), el('p', { class: 'description', text: m.description }));
    const tested = el('section', { 'aria-labelledby': 'tested-title' },
      el('h2', { id: 'tested-title', text: 'How it is tested' }),
      el('p', { class: 'muted', text: 'Your server is started with PORT set, then each check sends these requests and compares the answers. Values a run makes up are shown as … (a unique suffix) and ‹name› (a value saved from an earlier answer).' }),
      el('ol', { class: 'checks' }, ...m.checks.map(check)));
    const nodes = el('section', { 'aria-labelledby': 'nodes-title' },
      el('h2', { id: 'nodes-title', text: 'Topics it verifies' }),
      el('ul', { class: 'nodes' }, ...m.nodes.map((n) => el('li', {}, el('a', { href: '#' + n.id, 'data-node': n.id }, icon(NODE_STATUS[n.status] || 'circle-large-outline'), ' ' + n.title), n.peeked ? el('span', { class: 'muted', text: ' (peeked)' }) : undefined))));
    const nav = el('nav', { class: 'pager', 'aria-label': 'Previous and next milestone' },
      m.previous ? el('a', { href: '#milestone:' + m.previous.id, class: 'previous', rel: 'prev' }, icon('arrow-left'), ' ' + m.previous.title) : el('span'),
      m.next ? el('a', { href: '#milestone:' + m.next.id, class: 'next', rel: 'next' }, m.next.title + ' ', icon('arrow-right')) : el('span'));
    const scroll = window.scrollY;
    document.getElementById('app').replaceChildren(header, build, tested, hints(m) || '', nodes, nav);
    // A new result on the same page keeps the place the learner was reading.
    window.scrollTo(0, same ? scroll : 0);
    if (!initial && !same) document.getElementById('lesson-title').focus({ preventScroll: true });
  }

  window.roadmapMilestone = Object.freeze({
    render,
    /** The milestone shown, for links to its neighbours; undefined on a lesson. */
    current: () => current,
    forget: () => {
      current = undefined;
    },
  });
})();
