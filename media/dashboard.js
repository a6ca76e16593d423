// Progress dashboard. Runs in the webview; talks to the extension only through postMessage.
(function () {
  const app = document.getElementById('app');

  const { el, icon, post, setState } = window.roadmapPage;
  const stat = (value, label, id) => el('div', { class: 'stat', id }, el('div', { class: 'value', text: String(value) }), el('div', { class: 'label', text: label }));

  function render(d) {
    setState({ roadmapId: d.roadmapId });
    const hours = el('input', { id: 'weekly-hours', type: 'number', min: '1', max: '80', step: '1', value: String(d.weeklyHours), 'aria-label': 'Study hours per week' });
    hours.addEventListener('change', () => {
      const n = Number(hours.value);
      if (Number.isInteger(n) && n >= 1 && n <= 80) post({ type: 'setWeeklyHours', hours: n });
    });
    // Topics without an estimate add no hours: the date says it leaves them out.
    const unestimated = d.unestimatedLeft > 0 ? ' ' + d.unestimatedLeft + (d.unestimatedLeft === 1 ? ' topic has' : ' topics have') + ' no estimate yet and ' + (d.unestimatedLeft === 1 ? 'is' : 'are') + ' not counted.' : '';
    const finish = d.finishDate
      ? el('p', { class: 'projection', id: 'projection' }, 'At ', hours, ' hours a week you finish in about ', el('strong', { text: d.weeksLeft + ' weeks' }), ', on ', el('strong', { text: d.finishDate }), '.' + unestimated)
      : el('p', { class: 'projection', id: 'projection', text: d.unestimatedLeft > 0 ? 'No estimated hours left.' + unestimated : 'Nothing left: every topic is done or skipped.' });
    const summary = el('section', { class: 'stats', 'aria-label': 'Totals' },
      stat(d.percent + '%', 'done', 'stat-percent'), stat(d.done + '/' + d.total, 'topics', 'stat-topics'),
      stat(d.hoursDone + ' h', 'studied', 'stat-hours-done'), stat(d.hoursLeft + ' h', 'left', 'stat-hours-left'),
      // Verified by the learner's own code, apart from those passed after a look at the reference.
      stat(String(d.verified), 'verified by your code', 'stat-verified'), stat(String(d.peeked), 'verified after a peek', 'stat-peeked'),
      stat(String(d.checked), 'checked by quiz', 'stat-checked'),
      // How much of the roadmap the learner's own code can verify: a milestone's or an exercise's checks.
      typeof d.verifiable === 'number' ? stat(d.verifiable + ' of ' + d.verifiableOf, 'verifiable by your code', 'stat-verifiable') : '');
    const chart = el('section', { class: 'chart-section', 'aria-labelledby': 'chart-title' }, el('h2', { id: 'chart-title', text: 'Progress by section' }));
    const holder = el('div', { class: 'chart-holder' });
    // Built in the extension from numbers and escaped titles; the CSP allows no script in it.
    holder.innerHTML = d.chart;
    chart.append(holder, el('p', { class: 'legend' }, el('span', { class: 'swatch done' }), ' done  ', el('span', { class: 'swatch in-progress' }), ' in progress'));
    const graph = el('button', { type: 'button', id: 'show-graph' }, icon('type-hierarchy'), ' Show as a graph');
    graph.addEventListener('click', () => post({ type: 'showGraph' }));
    app.replaceChildren(el('h1', { text: /roadmap$/i.test(d.roadmapTitle) ? d.roadmapTitle : d.roadmapTitle + ' roadmap' }), summary, el('p', {}, graph), ...choices(d), finish, chart, order(d), plan(d));
  }

  // The language (and any other choice): the chosen topic counts, the others are optional.
  function choices(d) {
    const out = d.choices.map((c) => {
      const p = el('p', { class: 'choice', id: 'choice-' + c.group },
        c.group === 'language' ? 'Your language: ' : 'Your ' + c.group + ': ', el('strong', { text: c.chosenTitle }),
        '. The ' + c.others + ' other' + (c.others === 1 ? ' is' : 's are') + ' optional and not counted.');
      if (c.group === 'language' && d.roadmapId === 'backend') {
        const button = el('button', { type: 'button', id: 'choose-language' }, icon('globe'), ' Change language');
        button.addEventListener('click', () => post({ type: 'chooseLanguage' }));
        p.append(' ', button);
      }
      return p;
    });
    const others = d.optional - d.choices.reduce((n, c) => n + c.others, 0);
    if (others > 0) out.push(el('p', { class: 'muted', id: 'optional-topics', text: others + (others === 1 ? ' more topic is' : ' more topics are') + ' optional (the tree says why on hover) and not counted either.' }));
    return out;
  }

  // Why the sections come in this order: each section's description.
  function order(d) {
    const described = d.sections.filter((s) => s.description);
    if (!described.length) return '';
    return el('details', { class: 'order', id: 'section-order' }, el('summary', { text: 'Why the sections come in this order' }),
      el('ol', {}, ...described.map((s) => el('li', {}, el('strong', { text: s.title }), ': ' + s.description))));
  }

  /** A link the extension opens (after VS Code asks): only addresses the dashboard shows. */
  function webLink(url, text) {
    const a = el('a', { href: url, title: url, text });
    a.addEventListener('click', (e) => {
      e.preventDefault();
      post({ type: 'openExternal', url });
    });
    return a;
  }

  function notes(list) {
    return el('ul', {}, ...list.map((n) => el('li', {}, n.url ? webLink(n.url, n.title) : el('strong', { text: n.title }), ': ' + n.summary)));
  }

  /** What the plan says beside its phases: readiness, where to start, the first weeks by day, metrics and support. */
  function guide(g) {
    const parts = [];
    if (g.readiness) {
      parts.push(el('h3', { text: 'Before you start' }));
      if (g.readiness.prerequisites.length) parts.push(el('p', { text: 'What to bring:' }), el('ul', {}, ...g.readiness.prerequisites.map((t) => el('li', { text: t }))));
      if (g.readiness.checklist.length) parts.push(el('p', { text: 'What to set up:' }), el('ul', { class: 'checklist' }, ...g.readiness.checklist.map((t) => el('li', { text: t }))));
    }
    if (g.quickWins.length) parts.push(el('h3', { text: 'Quick wins' }), notes(g.quickWins));
    if (g.leverageMoves.length) parts.push(el('h3', { text: 'Leverage moves' }), notes(g.leverageMoves));
    for (const week of g.sampleWeeks) {
      parts.push(el('h3', { text: week.title }), el('dl', { class: 'days' }, ...week.days.flatMap((day) => [el('dt', { text: day.day }), el('dd', { text: day.text })])));
    }
    if (g.metrics.length) parts.push(el('h3', { text: 'Metrics to watch' }), notes(g.metrics));
    if (g.support.length) parts.push(el('h3', { text: 'Accountability and support' }), notes(g.support));
    return parts.length ? el('details', { class: 'guide', id: 'plan-guide' }, el('summary', { text: 'How to follow this plan' }), ...parts) : '';
  }

  function plan(d) {
    if (!d.plan) return '';
    const section = el('section', { class: 'plan', 'aria-labelledby': 'plan-title' }, el('h2', { id: 'plan-title', text: d.plan.title }), el('p', { class: 'muted', text: d.plan.summary }), guide(d.plan.guide));
    for (const phase of d.plan.phases) {
      const box = el('div', { class: 'phase', 'data-phase': phase.id },
        el('h3', {}, phase.title, ' ', el('span', { class: 'muted', text: [phase.range, phase.hours ? phase.hours + ' h' : undefined, phase.done + '/' + phase.total + ' topics done'].filter(Boolean).join(' · ') })),
        phase.goal ? el('p', { text: phase.goal }) : undefined);
      if (phase.checkpoints.length) box.append(el('h4', { text: 'Checkpoints' }), el('ul', {}, ...phase.checkpoints.map((c) => el('li', { text: c }))));
      if (phase.resources.length) box.append(el('h4', { text: 'Resources' }), el('ul', { class: 'phase-resources' }, ...phase.resources.map((r) => el('li', {}, webLink(r.url, r.title), ' ', el('span', { class: 'muted', text: r.type })))));
      if (phase.signals.length) {
        box.append(el('h4', { text: 'Progress signals' }));
        const list = el('ul', { class: 'signals' });
        for (const s of phase.signals) {
          const id = 'signal-' + s.key.replace(/[^a-z0-9]/gi, '-');
          const box2 = el('input', { type: 'checkbox', id, checked: s.checked, 'data-key': s.key });
          box2.addEventListener('change', () => post({ type: 'toggleSignal', key: s.key, checked: box2.checked }));
          list.append(el('li', {}, box2, ' ', el('label', { for: id, text: s.text })));
        }
        box.append(list);
      }
      section.append(box);
    }
    if (d.plan.prompts.length) {
      const retro = el('div', { class: 'retro' }, el('h3', { text: 'Retrospective' + (d.plan.everyWeeks ? ' every ' + d.plan.everyWeeks + ' weeks' : '') }),
        el('ul', {}, ...d.plan.prompts.map((p) => el('li', { text: p }))));
      const button = el('button', { type: 'button', id: 'write-retro' }, icon('edit'), ' Write a retrospective note');
      button.addEventListener('click', () => post({ type: 'writeRetrospective' }));
      retro.append(button);
      section.append(retro);
    }
    return section;
  }

  window.roadmapPage.start('dashboard', (m) => {
    if (m.type === 'show' && m.dashboard) render(m.dashboard);
  });
})();
