// Shared by the webview pages, loaded before each page's own script: the one handle on VS Code,
// the `ready` handshake, links, and small DOM helpers.
(function () {
  const vscode = acquireVsCodeApi();

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

  // Links. VS Code's webview host listens for clicks on this window too, after the page, and
  // opens any link it sees whether or not the page prevented the default: at once in a trusted
  // workspace, after its own question in an untrusted one. So every way of following a link (a
  // click with any modifier, a middle click, Enter) is stopped here, in the capture phase, before
  // anything else sees it, and handed to the page, which asks the extension.
  let onLink = () => {};
  function claimLink(event) {
    const a = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!a) return undefined;
    event.preventDefault();
    event.stopImmediatePropagation();
    return a;
  }
  const follow = (a) => onLink(a.getAttribute('href') || '', a);
  window.addEventListener('click', (event) => {
    const a = claimLink(event);
    if (a) follow(a);
  }, true);
  window.addEventListener('auxclick', (event) => {
    if (event.button !== 1) return; // the right button opens the context menu, not the link
    const a = claimLink(event);
    if (a) follow(a);
  }, true);
  window.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    // Prevented here, Enter makes no click, so the link is followed once.
    const a = claimLink(event);
    if (a) follow(a);
  }, true);

  /**
   * Starts the page: draws the state the extension put in the body's data-state attribute (a
   * message like the ones it posts), listens, and only then says `ready`, before which the
   * extension sends nothing. `handle(message, initial)` draws a message.
   */
  function start(what, handle) {
    try {
      const initial = JSON.parse(document.body.dataset.state || 'null');
      if (initial) handle(initial, true);
    } catch (err) {
      document.getElementById('app').textContent = 'The ' + what + ' could not be shown: ' + err;
    }
    window.addEventListener('message', (event) => {
      const m = event.data;
      if (m && typeof m === 'object') handle(m, false);
    });
    vscode.postMessage({ type: 'ready' });
  }

  window.roadmapPage = Object.freeze({
    el,
    icon,
    start,
    /** Sends a message to the extension, which checks it before acting. */
    post: (message) => vscode.postMessage(message),
    /** What VS Code keeps for the panel serializer to restore the page after a reload. */
    setState: (state) => vscode.setState(state),
    /** What setState saved last (restored after a reload), or undefined. */
    getState: () => vscode.getState(),
    /** `handler(href)` follows a link the learner activated; nothing else ever opens one. */
    onLink: (handler) => {
      onLink = handler;
    },
  });
})();
