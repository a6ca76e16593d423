// The roadmap as a graph. Runs in the webview; talks to the extension only through postMessage.
// Sections are bands, topics boxes with their status as colour AND icon AND word; only what is in
// view is in the DOM (media/graphCull.js), and boxes lose their text when zoomed far out.
(function () {
  const { el, icon, post, setState, getState } = window.roadmapPage;
  const cull = window.graphCull;
  const SVG = 'http://www.w3.org/2000/svg';
  const W = 200, H = 52;
  const app = document.getElementById('app');

  let view; // the GraphView
  let layout; // view.layout
  let index; // the culling grid
  let byId = new Map(); // topic id -> layout node index
  let preds = new Map(), succs = new Map();
  let planned = new Set();
  let scale = 1, tx = 0, ty = 0;
  let focus; // topic id
  let drawnHash;
  let firstLayout = true;
  let detail;
  let frame = 0;
  const shownNodes = new Map(); // layout index -> element
  const shownEdges = new Map();
  let dom; // the page's fixed elements

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== false) node.setAttribute(k, v);
    for (const c of children) if (c !== undefined && c !== null) node.append(c);
    return node;
  }

  const markOf = (id) => (view.marks[id] || { status: 'todo' });
  const fit = (title, max) => ([...title].length <= max ? title : [...title].slice(0, max - 1).join('').trimEnd() + '…');
  const hoursText = (h) => (h === undefined ? 'hours unknown' : h + ' h');
  function words(id) {
    const m = markOf(id);
    const topic = view.topics[id];
    return [view.look[m.status].word + (m.peeked ? ' (after a peek)' : ''), m.due ? view.due.word + ' (' + m.due + ')' : undefined, hoursText(topic.hours)].filter(Boolean).join(' · ');
  }

  // ---- the page's frame: toolbar, legend, drawing area, menu ----

  function build() {
    const search = el('input', { id: 'graph-search', type: 'search', placeholder: 'Find a topic', 'aria-label': 'Find a topic and centre it' });
    const button = (id, name, label, onClick) => {
      const b = el('button', { type: 'button', id, title: label, 'aria-label': label }, icon(name));
      b.addEventListener('click', onClick);
      return b;
    };
    const exportButton = (what, label) => {
      const b = el('button', { type: 'button', id: 'export-' + what, class: 'secondary' }, icon('export'), ' ' + label);
      b.addEventListener('click', () => post({ type: 'export', what }));
      return b;
    };
    const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Graph' },
      el('h1', { id: 'graph-title' }), search, el('span', { id: 'search-result', class: 'muted', 'aria-live': 'polite' }),
      button('zoom-out', 'zoom-out', 'Zoom out (-)', () => zoomBy(1 / 1.25)),
      button('zoom-in', 'zoom-in', 'Zoom in (+)', () => zoomBy(1.25)),
      button('fit', 'screen-full', 'Fit to screen (0)', () => fitToScreen()),
      exportButton('png', 'PNG'), exportButton('svg', 'SVG'), exportButton('summary', 'Summary'));
    const legend = el('div', { class: 'legend', id: 'legend' });
    const canvas = el('div', { id: 'canvas', tabindex: '0', role: 'application', 'aria-roledescription': 'roadmap graph', 'aria-label': 'Roadmap graph. Arrow keys follow prerequisites, Enter opens the lesson, Shift+F10 for actions.' });
    const picture = svg('svg', { id: 'graph', width: '100%', height: '100%' });
    const viewport = svg('g', { id: 'viewport' });
    const layers = { bands: svg('g', { class: 'bands' }), edges: svg('g', { class: 'edges' }), nodes: svg('g', { class: 'nodes' }) };
    viewport.append(layers.bands, layers.edges, layers.nodes);
    picture.append(viewport);
    canvas.append(picture);
    const menu = el('div', { id: 'menu', role: 'menu', hidden: true });
    const line = el('p', { id: 'focus-line', class: 'muted', 'aria-live': 'polite' });
    app.replaceChildren(toolbar, legend, canvas, line, menu);
    dom = { search, canvas, picture, viewport, layers, menu, line, legend, title: toolbar.querySelector('#graph-title') };
    wire();
  }

  function drawLegend() {
    const items = view.order.map((s) => el('span', { class: 'key s-' + s }, el('span', { class: 'glyph', 'aria-hidden': 'true', text: view.look[s].glyph }), ' ' + view.look[s].word));
    items.push(el('span', { class: 'key due' }, el('span', { class: 'glyph', 'aria-hidden': 'true', text: view.due.glyph }), ' ' + view.due.word));
    if (view.plan) items.push(el('span', { class: 'key plan' }, el('span', { class: 'plan-swatch', 'aria-hidden': 'true' }), ' in ' + view.plan.title));
    dom.legend.replaceChildren(...items);
  }

  // ---- view changes ----

  function useView(v) {
    view = v;
    dom.title.textContent = v.roadmapTitle + ' graph';
    planned = new Set(v.plan ? v.plan.nodes : []);
    drawLegend();
    if (!v.layout) {
      clearDrawing();
      layout = undefined;
      dom.line.textContent = v.problem ? 'The graph could not be laid out: ' + v.problem : 'Laying out ' + Object.keys(v.topics).length + ' topics…';
      return;
    }
    if (!layout || layout.hash !== v.layout.hash) {
      layout = v.layout;
      index = cull.buildIndex(layout, W, H, 512);
      byId = new Map(layout.nodes.map((n, i) => [n.id, i]));
      preds = new Map();
      succs = new Map();
      for (const e of layout.edges) {
        (preds.get(e.to) || preds.set(e.to, []).get(e.to)).push(e.from);
        (succs.get(e.from) || succs.set(e.from, []).get(e.from)).push(e.to);
      }
      clearDrawing();
      // The first layout this page draws takes the zoom and focus it had before a reload.
      const saved = firstLayout ? getState() : undefined;
      firstLayout = false;
      if (saved && saved.roadmapId === v.roadmapId && saved.hash === layout.hash && typeof saved.scale === 'number') {
        scale = saved.scale; tx = saved.tx; ty = saved.ty;
        if (saved.focus && byId.has(saved.focus)) focus = saved.focus;
      } else fitToScreen(true);
      dom.bandsDrawn = false;
    } else {
      restyleAll();
    }
    describeFocus();
    schedule();
  }

  function clearDrawing() {
    for (const m of [shownNodes, shownEdges]) {
      for (const e of m.values()) e.remove();
      m.clear();
    }
    dom.layers.bands.replaceChildren();
  }

  // ---- drawing: only what is in view ----

  function schedule() {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  function draw() {
    frame = 0;
    if (!layout) return;
    dom.viewport.setAttribute('transform', 'translate(' + tx + ' ' + ty + ') scale(' + scale + ')');
    if (!dom.bandsDrawn) {
      dom.layers.bands.replaceChildren(...layout.bands.map((b) => svg('g', { class: 'band' },
        svg('rect', { x: 12, y: b.y, width: layout.width - 24, height: b.height, rx: 6 }),
        svg('text', { x: 28, y: b.y + 22, class: 'band-title' }, b.title))));
      dom.bandsDrawn = true;
    }
    const d = cull.detail(scale);
    if (d !== detail) {
      for (const e of shownNodes.values()) e.remove();
      shownNodes.clear();
      detail = d;
      dom.canvas.classList.toggle('far', d !== 'full');
    }
    const r = dom.canvas.getBoundingClientRect();
    const pad = 80 / scale;
    const seen = cull.visible(index, { x: -tx / scale - pad, y: -ty / scale - pad, width: r.width / scale + 2 * pad, height: r.height / scale + 2 * pad });
    sync(shownNodes, seen.nodes, dom.layers.nodes, nodeElement);
    sync(shownEdges, d === 'overview' ? [] : seen.edges, dom.layers.edges, edgeElement);
    markFocus();
    saveState();
    if (drawnHash !== layout.hash) {
      drawnHash = layout.hash;
      post({ type: 'drawn', hash: layout.hash, shown: shownNodes.size });
    }
  }

  function sync(shown, wanted, layer, make) {
    const keep = new Set(wanted);
    for (const [i, e] of shown) if (!keep.has(i)) { e.remove(); shown.delete(i); }
    const add = [];
    for (const i of wanted) if (!shown.has(i)) { const e = make(i); shown.set(i, e); add.push(e); }
    if (add.length) layer.append(...add);
  }

  function nodeClass(id) {
    const m = markOf(id);
    return 'node s-' + m.status + (m.due ? ' due' : '') + (view.plan ? (planned.has(id) ? ' in-plan' : ' off-plan') : '') + (id === focus ? ' focused' : '');
  }

  function nodeElement(i) {
    const n = layout.nodes[i];
    // Zoomed out, a box is one coloured rectangle: thousands of them stay cheap to draw.
    if (detail !== 'full') return svg('rect', { class: nodeClass(n.id), id: 'node-' + i, 'data-id': n.id, x: n.x, y: n.y, width: W, height: H, rx: 5 });
    const topic = view.topics[n.id] || { title: n.id };
    const m = markOf(n.id);
    const g = svg('g', { class: nodeClass(n.id), id: 'node-' + i, 'data-id': n.id, transform: 'translate(' + n.x + ' ' + n.y + ')', role: 'img', 'aria-label': topic.title + ', ' + words(n.id) });
    g.append(svg('title', {}, topic.title + ': ' + words(n.id)));
    g.append(svg('rect', { class: 'ring', x: -4, y: -4, width: W + 8, height: H + 8, rx: 8 }));
    g.append(svg('rect', { class: 'box', width: W, height: H, rx: 5 }));
    g.append(svg('rect', { class: 'bar', width: 6, height: H, rx: 2 }));
    g.append(svg('text', { class: 'glyph', x: 14, y: 23 }, view.look[m.status].glyph));
    g.append(svg('text', { class: 'title', x: 34, y: 22 }, fit(topic.title, 22)));
    g.append(svg('text', { class: 'sub', x: 14, y: 42 }, m.status === 'todo' && !m.due ? hoursText(topic.hours) : fit(words(n.id), 32)));
    if (m.due) g.append(svg('text', { class: 'glyph due-glyph', x: W - 20, y: 23 }, view.due.glyph));
    return g;
  }

  function edgeElement(i) {
    const e = layout.edges[i];
    const p = e.points;
    let d;
    if (p.length === 4) {
      const my = (p[1] + p[3]) / 2;
      d = 'M' + p[0] + ',' + p[1] + ' C' + p[0] + ',' + my + ' ' + p[2] + ',' + my + ' ' + p[2] + ',' + p[3];
    } else {
      d = 'M' + p[0] + ',' + p[1];
      for (let k = 2; k < p.length; k += 2) d += ' L' + p[k] + ',' + p[k + 1];
    }
    return svg('path', { class: 'edge' + (e.cross ? ' cross' : ''), d, 'data-from': e.from, 'data-to': e.to });
  }

  /** Marks changed: every box drawn is made again (the others are made when they come into view). */
  function restyleAll() {
    for (const [i, e] of shownNodes) {
      const fresh = nodeElement(i);
      e.replaceWith(fresh);
      shownNodes.set(i, fresh);
    }
    describeFocus();
  }

  function markFocus() {
    for (const e of dom.layers.nodes.querySelectorAll('.node.focused')) if (e.dataset.id !== focus) e.classList.remove('focused');
    const i = byId.get(focus);
    const e = i === undefined ? undefined : shownNodes.get(i);
    if (e) {
      e.classList.add('focused');
      dom.canvas.setAttribute('aria-activedescendant', e.id);
    } else dom.canvas.removeAttribute('aria-activedescendant');
  }

  function saveState() {
    setState({ roadmapId: view.roadmapId, hash: layout && layout.hash, scale, tx, ty, focus });
  }

  // ---- pan, zoom, fit ----

  function fitToScreen(quiet) {
    if (!layout) return;
    const r = dom.canvas.getBoundingClientRect();
    const w = r.width || 800, h = r.height || 600;
    scale = Math.max(0.02, Math.min(1, (w - 20) / layout.width, (h - 20) / layout.height));
    // A very tall picture is fitted to its width and starts at its top.
    if (layout.height * scale < h / 8) scale = Math.min(1, (w - 20) / layout.width);
    tx = (w - layout.width * scale) / 2;
    ty = Math.max(10, (h - layout.height * scale) / 2);
    if (layout.height * scale > h) ty = 10;
    if (!quiet) schedule();
  }

  function zoomBy(factor, cx, cy) {
    const r = dom.canvas.getBoundingClientRect();
    const x = cx === undefined ? r.width / 2 : cx, y = cy === undefined ? r.height / 2 : cy;
    const next = Math.max(0.02, Math.min(3, scale * factor));
    tx = x - ((x - tx) * next) / scale;
    ty = y - ((y - ty) * next) / scale;
    scale = next;
    schedule();
  }

  function centre(id) {
    const n = layout && layout.nodes[byId.get(id)];
    if (!n) return;
    const r = dom.canvas.getBoundingClientRect();
    if (scale < 0.6) scale = 0.9;
    tx = r.width / 2 - (n.x + W / 2) * scale;
    ty = r.height / 2 - (n.y + H / 2) * scale;
    schedule();
  }

  function inView(id) {
    const n = layout.nodes[byId.get(id)];
    const r = dom.canvas.getBoundingClientRect();
    const x = n.x * scale + tx, y = n.y * scale + ty;
    return x >= 0 && y >= 0 && x + W * scale <= r.width && y + H * scale <= r.height && detail === 'full';
  }

  // ---- focus and keyboard ----

  function setFocus(id, reveal) {
    if (!id || !byId.has(id)) return;
    focus = id;
    if (reveal && !inView(id)) centre(id);
    else schedule();
    markFocus();
    describeFocus();
  }

  function describeFocus() {
    if (!layout) return;
    dom.line.textContent = focus && view.topics[focus]
      ? view.topics[focus].title + ': ' + words(focus) + '. Enter opens the lesson.'
      : layout.nodes.length + ' topics. Click one, or use the arrow keys here; Enter opens its lesson.';
  }

  function neighbour(key) {
    if (!focus) return layout.nodes[0] && layout.nodes[0].id;
    const cur = layout.nodes[byId.get(focus)];
    const nearest = (ids) => ids.map((id) => layout.nodes[byId.get(id)]).filter(Boolean).sort((a, b) => Math.abs(a.x - cur.x) + Math.abs(a.y - cur.y) - (Math.abs(b.x - cur.x) + Math.abs(b.y - cur.y)))[0];
    if (key === 'ArrowUp' || key === 'ArrowDown') {
      const along = nearest((key === 'ArrowUp' ? preds : succs).get(focus) || []);
      if (along) return along.id;
    }
    // Left/right, and up/down without an edge: the nearest box that way in the same band.
    const dir = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[key];
    let best, bestScore = Infinity;
    for (const n of layout.nodes) {
      if (n.band !== cur.band || n.id === cur.id) continue;
      const dx = n.x - cur.x, dy = n.y - cur.y;
      const along = dx * dir[0] + dy * dir[1];
      if (along <= 0) continue;
      const score = along + 2 * Math.abs(dir[0] ? dy : dx);
      if (score < bestScore) { best = n; bestScore = score; }
    }
    if (best) return best.id;
    // Else the next or previous band's nearest box.
    const step = dir[0] + dir[1];
    const band = layout.nodes.filter((n) => n.band === cur.band + step);
    return band.length ? band.sort((a, b) => Math.abs(a.x - cur.x) - Math.abs(b.x - cur.x))[0].id : undefined;
  }

  function onKey(event) {
    if (!layout || !dom.menu.hidden) return;
    const k = event.key;
    if (k.startsWith('Arrow')) {
      event.preventDefault();
      setFocus(neighbour(k), true);
    } else if (k === 'Enter' && focus) {
      event.preventDefault();
      post({ type: 'openLesson', nodeId: focus });
    } else if ((k === 'F10' && event.shiftKey) || k === 'ContextMenu') {
      event.preventDefault();
      if (focus) {
        const r = shownNodes.get(byId.get(focus));
        const box = r ? r.getBoundingClientRect() : dom.canvas.getBoundingClientRect();
        openMenu(focus, box.left + 10, box.bottom);
      }
    } else if (k === '+' || k === '=') zoomBy(1.25);
    else if (k === '-') zoomBy(1 / 1.25);
    else if (k === '0') fitToScreen();
    else if (k === 'Home') setFocus(layout.nodes[0] && layout.nodes[0].id, true);
  }

  // ---- the context menu: the tree's actions ----

  const ACTIONS = [
    ['open', 'Open Lesson', 'book'],
    ['done', 'Mark Done', 'pass'],
    ['in-progress', 'Mark In Progress', 'circle-large-filled'],
    ['skipped', 'Skip', 'circle-slash'],
    ['todo', 'Reset Status', 'discard'],
  ];

  function openMenu(id, x, y) {
    setFocus(id, false);
    const items = ACTIONS.map(([what, label, name]) => {
      const b = el('button', { type: 'button', role: 'menuitem', 'data-action': what, tabindex: '-1' }, icon(name), ' ' + label);
      b.addEventListener('click', () => {
        closeMenu();
        post(what === 'open' ? { type: 'openLesson', nodeId: id } : { type: 'setStatus', nodeId: id, status: what });
      });
      return b;
    });
    dom.menu.replaceChildren(el('div', { class: 'menu-title', text: view.topics[id].title }), ...items);
    dom.menu.hidden = false;
    const r = dom.canvas.getBoundingClientRect();
    dom.menu.style.left = Math.min(x, r.right - 200) + 'px';
    dom.menu.style.top = Math.min(y, window.innerHeight - 190) + 'px';
    items[0].focus();
  }

  function closeMenu() {
    if (dom.menu.hidden) return;
    dom.menu.hidden = true;
    dom.canvas.focus();
  }

  // ---- input ----

  function wire() {
    const c = dom.canvas;
    c.addEventListener('keydown', onKey);
    c.addEventListener('wheel', (e) => {
      e.preventDefault();
      const r = c.getBoundingClientRect();
      if (e.ctrlKey || !e.shiftKey) zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
      else { tx -= e.deltaY; schedule(); }
    }, { passive: false });
    let drag;
    c.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, tx, ty, moved: false, id: e.target.closest && e.target.closest('.node') ? e.target.closest('.node').dataset.id : undefined };
      c.setPointerCapture(e.pointerId);
    });
    c.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      drag.moved = true;
      tx = drag.tx + dx; ty = drag.ty + dy;
      c.classList.add('panning');
      schedule();
    });
    c.addEventListener('pointerup', () => {
      if (drag && !drag.moved && drag.id) {
        setFocus(drag.id, false);
        post({ type: 'openLesson', nodeId: drag.id });
      }
      drag = undefined;
      c.classList.remove('panning');
    });
    c.addEventListener('contextmenu', (e) => {
      const n = e.target.closest && e.target.closest('.node');
      e.preventDefault();
      if (n) openMenu(n.dataset.id, e.clientX, e.clientY);
    });
    dom.menu.addEventListener('keydown', (e) => {
      const items = [...dom.menu.querySelectorAll('button')];
      const at = items.indexOf(document.activeElement);
      if (e.key === 'Escape') { e.preventDefault(); closeMenu(); }
      else if (e.key === 'ArrowDown') { e.preventDefault(); items[(at + 1) % items.length].focus(); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); items[(at - 1 + items.length) % items.length].focus(); }
    });
    document.addEventListener('pointerdown', (e) => { if (!dom.menu.hidden && !dom.menu.contains(e.target)) closeMenu(); });
    let matches = [], at = -1, last = '';
    const find = (next) => {
      const q = dom.search.value.trim().toLowerCase();
      const result = document.getElementById('search-result');
      if (!q || !layout) { result.textContent = ''; return; }
      if (q !== last) {
        last = q;
        matches = layout.nodes.filter((n) => (view.topics[n.id] ? view.topics[n.id].title : n.id).toLowerCase().includes(q)).map((n) => n.id);
        at = -1;
      }
      if (!matches.length) { result.textContent = 'no topic matches'; return; }
      at = next ? (at + 1) % matches.length : Math.max(at, 0);
      result.textContent = (at + 1) + ' of ' + matches.length;
      focus = matches[at];
      centre(focus);
      describeFocus();
    };
    dom.search.addEventListener('input', () => find(false));
    dom.search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); find(true); }
      else if (e.key === 'Escape' || e.key === 'ArrowDown') { e.preventDefault(); c.focus(); }
    });
    window.addEventListener('resize', schedule);
    window.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'f') { e.preventDefault(); dom.search.focus(); }
    });
  }

  // ---- the PNG: drawn on a canvas from the layout, in the export's own light palette ----

  function renderImage(requestId) {
    if (!layout) return;
    const legend = 56;
    const width = Math.max(layout.width, 640), height = layout.height + legend;
    const k = Math.min(2, 8192 / width, 8192 / height, Math.sqrt(24e6 / (width * height)));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * k));
    canvas.height = Math.max(1, Math.round(height * k));
    const g = canvas.getContext('2d');
    g.scale(k, k);
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, width, height);
    const font = (px, bold) => (bold ? '600 ' : '') + px + 'px system-ui, sans-serif';
    g.fillStyle = '#1f2328';
    g.font = font(15, true);
    g.fillText(view.roadmapTitle + ' · ' + new Date().toISOString().slice(0, 10), 24, 22);
    const counts = {};
    for (const id of Object.keys(view.topics)) { const s = markOf(id).status; counts[s] = (counts[s] || 0) + 1; }
    let x = 24;
    g.font = font(13);
    for (const s of view.order) {
      const look = view.look[s];
      g.fillStyle = look.color;
      g.fillText(look.symbol, x, 44);
      g.fillStyle = '#1f2328';
      const text = ' ' + look.word + ': ' + (counts[s] || 0);
      g.fillText(text, x + 12, 44);
      x += 12 + g.measureText(text).width + 18;
    }
    g.translate(0, legend);
    for (const b of layout.bands) {
      g.fillStyle = '#f6f8fa'; g.strokeStyle = '#d0d7de'; g.lineWidth = 1;
      g.fillRect(12, b.y, width - 24, b.height); g.strokeRect(12, b.y, width - 24, b.height);
      g.fillStyle = '#1f2328'; g.font = font(14, true);
      g.fillText(b.title, 28, b.y + 22);
    }
    g.lineWidth = 1.4;
    for (const e of layout.edges) {
      const p = e.points;
      g.strokeStyle = e.cross ? '#afb8c1' : '#6e7781';
      g.beginPath();
      g.moveTo(p[0], p[1]);
      if (p.length === 4) { const my = (p[1] + p[3]) / 2; g.bezierCurveTo(p[0], my, p[2], my, p[2], p[3]); }
      else for (let i = 2; i < p.length; i += 2) g.lineTo(p[i], p[i + 1]);
      g.stroke();
    }
    const text = k * 13 >= 5; // text too small to read is left out, as on screen
    for (const n of layout.nodes) {
      const topic = view.topics[n.id];
      if (!topic) continue;
      const m = markOf(n.id);
      const look = view.look[m.status];
      g.fillStyle = '#ffffff'; g.strokeStyle = look.color; g.lineWidth = planned.has(n.id) ? 3 : 1.5;
      g.fillRect(n.x, n.y, W, H); g.strokeRect(n.x, n.y, W, H);
      g.fillStyle = look.color; g.fillRect(n.x, n.y, 6, H);
      if (!text) continue;
      g.font = font(13, true); g.fillText(look.symbol, n.x + 14, n.y + 21);
      g.fillStyle = '#1f2328'; g.font = font(13); g.fillText(fit(topic.title, 24), n.x + 30, n.y + 21);
      g.fillStyle = '#57606a'; g.font = font(11); g.fillText(fit(m.status === 'todo' && !m.due ? hoursText(topic.hours) : words(n.id), 34), n.x + 14, n.y + 41);
      if (m.due) { g.fillStyle = view.due.color; g.font = font(13); g.fillText(view.due.symbol, n.x + W - 18, n.y + 21); }
    }
    const url = canvas.toDataURL('image/png');
    post({ type: 'image', requestId, png: url.slice(url.indexOf(',') + 1) });
  }

  build();
  window.roadmapPage.start('graph', (m) => {
    if (m.type === 'graph' && m.graph) useView(m.graph);
    else if (m.type === 'marks' && view) { view.marks = m.marks; restyleAll(); }
    else if (m.type === 'focusNode' && layout) setFocus(m.nodeId, true);
    else if (m.type === 'renderImage') renderImage(m.requestId);
  });
})();
