// Culling and level of detail for the graph page: which boxes and edges are in view, found
// through a grid of cells built once per layout, so a 5,000-topic picture draws only what shows.
// Runs in the webview (window.graphCull) and in plain unit tests (module.exports).
(function (root) {
  /** Below this zoom, boxes are drawn without text. */
  const TEXT_MIN_SCALE = 0.45;
  /** Below this one, without edges too: at that size they are only noise. */
  const EDGES_MIN_SCALE = 0.12;

  function cellsOf(x0, y0, x1, y1, cell, visit) {
    const cx0 = Math.floor(x0 / cell), cy0 = Math.floor(y0 / cell), cx1 = Math.floor(x1 / cell), cy1 = Math.floor(y1 / cell);
    for (let cx = cx0; cx <= cx1; cx++) for (let cy = cy0; cy <= cy1; cy++) visit(cx + ',' + cy);
  }

  /** A grid over the layout's boxes (w x h each) and edges; `cell` is its side in layout units. */
  function buildIndex(layout, w, h, cell) {
    cell = cell || 512;
    const nodes = new Map();
    const edges = new Map();
    const put = (map, key, i) => {
      const list = map.get(key);
      if (list) list.push(i);
      else map.set(key, [i]);
    };
    layout.nodes.forEach((n, i) => cellsOf(n.x, n.y, n.x + w, n.y + h, cell, (key) => put(nodes, key, i)));
    layout.edges.forEach((e, i) => {
      const p = e.points;
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (let k = 0; k + 1 < p.length; k += 2) {
        x0 = Math.min(x0, p[k]); x1 = Math.max(x1, p[k]);
        y0 = Math.min(y0, p[k + 1]); y1 = Math.max(y1, p[k + 1]);
      }
      if (x0 <= x1) cellsOf(x0, y0, x1, y1, cell, (key) => put(edges, key, i));
    });
    return { cell, w, h, layout, nodes, edges };
  }

  /** Indices of the boxes and edges that meet `rect` ({ x, y, width, height } in layout units), each once, in layout order. */
  function visible(index, rect) {
    const seenNodes = new Set();
    const seenEdges = new Set();
    const x1 = rect.x + rect.width, y1 = rect.y + rect.height;
    cellsOf(rect.x, rect.y, x1, y1, index.cell, (key) => {
      for (const i of index.nodes.get(key) || []) {
        const n = index.layout.nodes[i];
        if (n.x <= x1 && n.x + index.w >= rect.x && n.y <= y1 && n.y + index.h >= rect.y) seenNodes.add(i);
      }
      for (const i of index.edges.get(key) || []) seenEdges.add(i);
    });
    return { nodes: [...seenNodes].sort((a, b) => a - b), edges: [...seenEdges].sort((a, b) => a - b) };
  }

  /** 'full' (boxes with text and icons), 'boxes' (coloured boxes and edges) or 'overview' (coloured boxes), by zoom. */
  function detail(scale) {
    return scale >= TEXT_MIN_SCALE ? 'full' : scale >= EDGES_MIN_SCALE ? 'boxes' : 'overview';
  }

  const api = { buildIndex, visible, detail, TEXT_MIN_SCALE, EDGES_MIN_SCALE };
  // eslint-disable-next-line no-undef -- plain unit tests require this file
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.graphCull = Object.freeze(api);
})(typeof window !== 'undefined' ? window : this);
