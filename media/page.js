// Shared by the webview pages: small DOM helpers. Loaded before each page's own script.
(function () {
  /** Builds an element: attrs.text sets text; true/false/undefined attributes are set/omitted. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === false) continue;
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== undefined && c !== null && c !== false) node.append(c);
    return node;
  }
  const icon = (name) => el('span', { class: 'codicon codicon-' + name, 'aria-hidden': 'true' });
  /** Reads the initial state the extension put in the body's data-state attribute. */
  function initialState() {
    return JSON.parse(document.body.dataset.state || 'null');
  }
  window.roadmapPage = Object.freeze({ el, icon, initialState });
})();
