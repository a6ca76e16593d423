// "Check yourself" on the lesson page, and each topic's part of the review page: the self-check with
// model answers, and graded items. The page never grades: it sends the answer, and the extension
// answers with the verdict and every explanation. Loaded before lesson.js and review.js, which place
// the sections (one per topic, named by its node and, on the review page, its roadmap).
(function () {
  const { el, icon, post } = window.roadmapPage;
  const RATINGS = [{ outcome: 3, label: 'Knew it' }, { outcome: 2, label: 'Partly' }, { outcome: 1, label: 'Not yet' }];

  const html = (tag, attrs, markup) => {
    const node = el(tag, attrs);
    // Rendered from Markdown at build time, raw HTML escaped, as the lesson itself.
    node.innerHTML = markup;
    return node;
  };
  const when = (iso) => new Date(iso).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

  const dueTag = () => el('span', { class: 'due-tag' }, icon('history'), ' Due for review ');

  function summaryText(s) {
    if (s.checked) return 'Checked: every graded item answered right on two different days.';
    return s.answered + ' of ' + s.total + ' answered' + (s.due ? ' · ' + s.due + ' due for review' : '');
  }

  /** The message for a topic: its node, and its roadmap where the page shows more than one. */
  const about = (topic, fields) => Object.assign({ nodeId: topic.nodeId }, topic.roadmapId === undefined ? {} : { roadmapId: topic.roadmapId }, fields);

  function question(q, n, topic) {
    const box = el('div', { class: 'quiz-question', 'data-question': String(n) });
    const id = 'quiz-q-' + topic.key + '-' + n;
    box.append(html('div', { id, class: 'prompt' }, q.html));
    const typed = el('textarea', { rows: '3', 'aria-labelledby': id, placeholder: 'Your answer, in a few words (optional)' });
    const reveal = el('button', { type: 'button', class: 'secondary reveal' }, icon('eye'), ' Show the model answer');
    const after = el('div', { class: 'revealed', hidden: true });
    reveal.addEventListener('click', () => {
      reveal.hidden = true;
      after.hidden = false;
      after.querySelector('.answer').focus();
    });
    after.append(html('div', { class: 'answer', tabindex: '-1', role: 'region', 'aria-label': 'Model answer' }, q.answer));
    const rate = el('div', { class: 'rate', role: 'group', 'aria-label': 'How did you do?' }, el('span', { text: 'How did you do? ' }));
    for (const r of RATINGS) {
      const b = el('button', { type: 'button', class: 'secondary', 'data-outcome': String(r.outcome) }, r.label);
      b.addEventListener('click', () => post(about(topic, { type: 'rateQuestion', question: n, outcome: r.outcome })));
      rate.append(b);
    }
    after.append(rate, el('p', { class: 'due', 'aria-live': 'polite' }));
    box.append(typed, reveal, after);
    return box;
  }

  function item(it, i, topic) {
    const box = el('fieldset', { class: 'quiz-item', 'data-item': it.id });
    const legend = el('legend', {}, html('span', { class: 'prompt' }, it.prompt.replace(/^<p>|<\/p>\s*$/g, '')));
    box.append(legend);
    const name = 'quiz-' + topic.key + '-' + it.id;
    if (it.kind === 'exact') {
      box.append(el('input', { type: 'text', name, 'aria-label': 'Your answer to item ' + (i + 1), autocomplete: 'off', spellcheck: 'false' }));
    } else {
      if (it.kind === 'multiple') box.append(el('p', { class: 'quiz-hint', text: 'Choose every right answer.' }));
      it.choices.forEach((choice, c) => {
        const input = el('input', { type: it.kind === 'single' ? 'radio' : 'checkbox', name, value: String(c) });
        box.append(el('label', { class: 'choice', 'data-choice': String(c) }, input, html('span', {}, choice.replace(/^<p>|<\/p>\s*$/g, ''))));
      });
    }
    const check = el('button', { type: 'button', class: 'quiz-check' }, 'Check');
    check.addEventListener('click', () => {
      const message = about(topic, { type: 'answerItem', itemId: it.id });
      if (it.kind === 'exact') message.typed = box.querySelector('input').value;
      else message.picked = [...box.querySelectorAll('input:checked')].map((x) => Number(x.value));
      if (message.typed === '' || (message.picked && !message.picked.length)) return void (box.querySelector('.verdict').textContent = 'Answer first, then check.');
      post(message);
    });
    box.append(check, el('div', { class: 'verdict', 'aria-live': 'polite', tabindex: '-1' }));
    return box;
  }

  let sections = 0;

  /**
   * The section for a topic's quiz view; undefined without one. On the review page `opts` names the
   * roadmap and gives the heading (the topic's title) and what goes under it; the lesson page's
   * section is "Check yourself" with its summary.
   */
  function render(view, nodeId, opts) {
    if (!view) return undefined;
    const topic = { nodeId, roadmapId: opts && opts.roadmapId, key: String(++sections) };
    const titleId = 'quiz-title-' + topic.key;
    const section = el('section', { class: 'quiz', 'aria-labelledby': titleId, 'data-topic': nodeId, 'data-roadmap': topic.roadmapId });
    if (opts) section.append(el('h2', { id: titleId, text: opts.title }), ...(opts.under || []));
    else section.append(el('h2', { id: titleId, class: 'quiz-title', text: 'Check yourself' }), el('p', { class: 'quiz-summary', id: 'quiz-summary' }, summaryText(view.summary)));
    if (view.items.length) section.append(el('h3', { text: 'Graded' }), ...view.items.map((it, i) => item(it, i, topic)));
    if (view.questions.length) section.append(el('h3', { text: 'In your own words' }), ...view.questions.map((q) => question(q, q.n, topic)));
    if (!opts) markDue(section, view.summary.dueIds);
    return section;
  }

  /** The section of a topic (of a roadmap, on the review page). */
  const sectionOf = (nodeId, roadmapId) => [...document.querySelectorAll('section.quiz')].find((s) => s.dataset.topic === nodeId && (roadmapId === undefined || s.dataset.roadmap === roadmapId));

  /** Shows the verdict on an item of the topic `nodeId`; `focus` false when a page redraws earlier answers. */
  function graded(g, nodeId, roadmapId, focus = true) {
    const section = sectionOf(nodeId, roadmapId);
    const box = section && [...section.querySelectorAll('.quiz-item')].find((b) => b.dataset.item === g.itemId);
    if (!box) return;
    for (const input of box.querySelectorAll('input')) input.disabled = true;
    box.querySelector('.quiz-check').hidden = true;
    box.classList.add(g.right ? 'right' : 'wrong');
    const verdict = box.querySelector('.verdict');
    verdict.replaceChildren(el('p', { class: 'result' }, icon(g.right ? 'pass' : 'error'), g.right ? ' Right.' : ' Not quite.'));
    if (g.choices) {
      g.choices.forEach((c, i) => {
        const label = box.querySelector('[data-choice="' + i + '"]');
        const mine = label.querySelector('input').checked;
        label.classList.toggle('correct', c.correct);
        label.classList.toggle('picked', mine);
        const mark = c.correct ? (mine ? 'Right answer, your choice.' : 'Right answer.') : mine ? 'Your choice.' : '';
        label.after(html('div', { class: 'why' }, (mark ? '<strong>' + mark + '</strong> ' : '') + c.why));
      });
    } else {
      verdict.append(el('p', {}, 'Accepted: ', ...g.accept.flatMap((a, i) => (i ? [', ', el('code', { text: a })] : [el('code', { text: a })]))), html('div', { class: 'why' }, g.why));
    }
    verdict.append(el('p', { class: 'due', text: 'Comes back for review on ' + when(g.due) + '.' }));
    if (focus) verdict.focus();
  }

  /** Shows when a rated question comes back; on the review page the model answer stays shown. */
  function rated(m) {
    const section = sectionOf(m.nodeId, m.roadmapId);
    const box = section && section.querySelector('.quiz-question[data-question="' + m.question + '"]');
    if (!box) return;
    box.querySelector('.reveal').hidden = true;
    box.querySelector('.revealed').hidden = false;
    for (const b of box.querySelectorAll('.rate button')) b.disabled = true;
    box.querySelector('.due').textContent = 'Comes back for review on ' + when(m.due) + '.';
  }

  /** An item graded on this page earlier, cleared for a new answer. */
  function reopen(box) {
    if (!box.classList.contains('right') && !box.classList.contains('wrong')) return;
    box.classList.remove('right', 'wrong');
    for (const input of box.querySelectorAll('input')) {
      input.disabled = false;
      input.checked = false;
      if (input.type === 'text') input.value = '';
    }
    for (const why of box.querySelectorAll('.why')) why.remove();
    for (const label of box.querySelectorAll('.choice')) label.classList.remove('correct', 'picked');
    box.querySelector('.verdict').replaceChildren();
    box.querySelector('.quiz-check').hidden = false;
  }

  /** Tags the items and questions due now (`q<n>` for a question); the tags of others go. */
  function markDue(root, ids) {
    for (const tag of root.querySelectorAll('.due-tag')) tag.remove();
    for (const box of root.querySelectorAll('.quiz-item, .quiz-question')) {
      const id = box.dataset.item || 'q' + box.dataset.question;
      if (!ids.includes(id)) continue;
      // Due again: answerable again, whatever the page showed of an earlier answer.
      if (box.dataset.item) {
        reopen(box);
        box.querySelector('legend').prepend(dueTag());
      } else box.prepend(dueTag());
    }
  }

  function summary(s) {
    const p = document.getElementById('quiz-summary');
    if (p) p.textContent = summaryText(s);
    const section = document.querySelector('section.quiz');
    if (section) markDue(section, s.dueIds);
    const button = document.querySelector('button.review-due');
    if (button && !s.due) button.remove();
    else if (button) button.lastChild.textContent = ' ' + s.due + ' due for review';
    else if (s.due) document.querySelector('header .actions')?.after(reviewButton({ summary: s }));
  }

  /** A button at the top of a lesson with items due: it takes the learner to them. */
  function reviewButton(view) {
    if (!view || !view.summary.due) return undefined;
    const b = el('button', { type: 'button', class: 'secondary review-due' }, icon('history'), el('span', { text: ' ' + view.summary.due + ' due for review' }));
    b.addEventListener('click', () => {
      const first = document.querySelector('.quiz .due-tag');
      (first || document.querySelector('.quiz-title')).scrollIntoView({ block: 'start' });
      const box = first && first.closest('fieldset, .quiz-question');
      const target = box && box.querySelector('input, textarea, button');
      if (target) target.focus({ preventScroll: true });
    });
    return b;
  }

  window.roadmapQuiz = Object.freeze({ render, graded, rated, summary, reviewButton });
})();
