// The review page: every quiz item and self-check question due now, topic by topic, drawn with the
// lesson page's "Check yourself" parts (quiz.js). Answers are graded by the extension; the page
// counts them and says when the session is done.
(function () {
  const { el, icon, post } = window.roadmapPage;
  const quiz = window.roadmapQuiz;
  const app = document.getElementById('app');
  let review;
  /** Keys of what is answered in this session: roadmap, node and item id or q<n>. */
  let answered = new Set();
  const key = (roadmapId, nodeId, id) => roadmapId + '\n' + nodeId + '\n' + id;

  function progressText() {
    if (!review.total) return '';
    if (answered.size >= review.total) return 'All ' + review.total + ' answered. What you missed comes back soon; what you knew, later. Close this page or start again with "Review Due Quiz Items" tomorrow.';
    return answered.size + ' of ' + review.total + ' answered';
  }

  function topicSection(t) {
    const due = t.quiz.items.length + t.quiz.questions.length;
    const open = el('button', { type: 'button', class: 'secondary open-lesson' }, icon('book'), ' Open the lesson');
    open.addEventListener('click', () => post({ type: 'openLesson', roadmapId: t.roadmapId, nodeId: t.nodeId }));
    const where = (review.roadmaps > 1 ? t.roadmapTitle + ' · ' : '') + due + ' due';
    const section = quiz.render(t.quiz, t.nodeId, { roadmapId: t.roadmapId, title: t.title, under: [el('p', { class: 'muted', text: where }), open] });
    return section;
  }

  function render(r) {
    review = r;
    answered = new Set();
    if (!r.topics.length) {
      app.replaceChildren(el('header', {},
        el('h1', { id: 'review-title', tabindex: '-1', text: 'Review' }),
        el('p', { class: 'summary', text: 'Nothing is due for review now.' }),
        el('p', { class: 'muted', text: 'Quiz items you answer on a lesson page come back here when they are due: sooner when you missed them, later when you knew them.' })));
      return;
    }
    const items = r.topics.length;
    app.replaceChildren(
      el('header', {},
        el('h1', { id: 'review-title', tabindex: '-1', text: 'Review' }),
        el('p', { class: 'summary', text: r.total + (r.total === 1 ? ' item' : ' items') + ' due in ' + items + (items === 1 ? ' topic' : ' topics') + '.' }),
        el('p', { id: 'review-progress', class: 'review-progress', role: 'status' })),
      ...r.topics.map(topicSection));
    // Answers given before the page was drawn again (hidden and shown, or a new window) show as given.
    for (const t of r.topics) {
      for (const g of t.graded) graded(t.roadmapId, t.nodeId, g, false);
      for (const q of t.rated) rated({ roadmapId: t.roadmapId, nodeId: t.nodeId, question: q.question, due: q.due });
    }
    showProgress();
  }

  function showProgress() {
    const p = document.getElementById('review-progress');
    if (p) p.textContent = progressText();
  }

  function graded(roadmapId, nodeId, g, focus) {
    quiz.graded(g, nodeId, roadmapId, focus);
    answered.add(key(roadmapId, nodeId, g.itemId));
    showProgress();
  }

  function rated(m) {
    quiz.rated(m);
    answered.add(key(m.roadmapId, m.nodeId, 'q' + m.question));
    showProgress();
  }

  window.roadmapPage.onLink((href, a) => {
    const section = a && a.closest('section.quiz');
    if (href.startsWith('#') && section) post({ type: 'openLesson', roadmapId: section.dataset.roadmap, nodeId: href.slice(1) });
    else if (/^https?:\/\//i.test(href)) post({ type: 'openExternal', url: href });
  });

  window.roadmapPage.start('review', (m, initial) => {
    if (m.type === 'review' && m.review) {
      render(m.review);
      if (!initial) document.getElementById('review-title').focus({ preventScroll: true });
    } else if (m.type === 'graded' && review) graded(m.roadmapId, m.nodeId, m.graded, true);
    else if (m.type === 'rated' && review) rated(m);
  });
})();
