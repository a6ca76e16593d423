/**
 * The progress picture as a standalone SVG file: every band, box and edge of the layout, each
 * topic with its status as a symbol AND a word (never colour alone), titles escaped. It is opened
 * outside VS Code, so it carries its own light palette and no fonts but the system's. Pure.
 */
import { escapeHtml } from '../webview/html';
import { DUE_LOOK, NODE_HEIGHT, NODE_WIDTH, STATUS_LOOK, STATUS_ORDER, hoursText, type GraphLayout } from './model';
import type { GraphView } from './view';

/** The characters of a title that fit in a box, with an ellipsis when cut. */
export function fitTitle(title: string, max = 26): string {
  const chars = [...title];
  return chars.length <= max ? title : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

export function progressSvg(view: GraphView, layout: GraphLayout, today: Date): string {
  const legendHeight = 56;
  const width = Math.max(layout.width, 640);
  const height = layout.height + legendHeight;
  const counts = new Map<string, number>();
  for (const id of Object.keys(view.topics)) {
    const s = view.marks[id]?.status ?? 'todo';
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" role="img" aria-label="${escapeHtml(`${view.roadmapTitle}: progress on ${today.toISOString().slice(0, 10)}`)}">`);
  out.push(`<title>${escapeHtml(`${view.roadmapTitle}: progress on ${today.toISOString().slice(0, 10)}`)}</title>`);
  out.push('<rect width="100%" height="100%" fill="#ffffff"/>');
  // Legend: every status as symbol, word and count.
  out.push(`<g class="legend" font-size="13" fill="#1f2328"><text x="24" y="22" font-size="15" font-weight="600">${escapeHtml(view.roadmapTitle)} · ${today.toISOString().slice(0, 10)}</text>`);
  let x = 24;
  for (const s of STATUS_ORDER) {
    const look = STATUS_LOOK[s];
    const label = `${look.symbol} ${look.word}: ${counts.get(s) ?? 0}`;
    out.push(`<text x="${x}" y="44"><tspan fill="${look.color}" font-weight="700">${look.symbol}</tspan> ${escapeHtml(`${look.word}: ${counts.get(s) ?? 0}`)}</text>`);
    x += label.length * 7.4 + 18;
  }
  out.push('</g>');
  out.push(`<g transform="translate(0 ${legendHeight})">`);
  for (const b of layout.bands) {
    out.push(`<g class="band"><rect x="12" y="${b.y}" width="${width - 24}" height="${b.height}" rx="6" fill="#f6f8fa" stroke="#d0d7de"/><text x="28" y="${b.y + 22}" font-size="14" font-weight="600" fill="#1f2328">${escapeHtml(b.title)}</text></g>`);
  }
  out.push('<g class="edges" fill="none" stroke-width="1.4">');
  for (const e of layout.edges) out.push(`<path d="${pathOf(e.points)}" stroke="${e.cross ? '#afb8c1' : '#6e7781'}"${e.cross ? ' stroke-dasharray="4 3"' : ''}/>`);
  out.push('</g>');
  const plan = new Set(view.plan?.nodes ?? []);
  for (const n of layout.nodes) {
    const topic = view.topics[n.id];
    if (!topic) continue;
    const mark = view.marks[n.id];
    const status = mark?.status ?? 'todo';
    const look = STATUS_LOOK[status];
    const words = [look.word + (mark?.peeked ? ' (after a peek)' : ''), mark?.due ? `${DUE_LOOK.word} (${mark.due})` : undefined, hoursText(topic.hours)].filter(Boolean).join(' · ');
    out.push(`<g class="node" data-id="${escapeHtml(n.id)}" data-status="${status}"><title>${escapeHtml(`${topic.title}: ${words}`)}</title>`);
    out.push(`<rect x="${n.x}" y="${n.y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="5" fill="#ffffff" stroke="${look.color}" stroke-width="${plan.has(n.id) ? 3 : 1.5}"/>`);
    out.push(`<rect x="${n.x}" y="${n.y}" width="6" height="${NODE_HEIGHT}" rx="2" fill="${look.color}"/>`);
    out.push(`<text x="${n.x + 14}" y="${n.y + 21}" font-size="13" fill="#1f2328"><tspan fill="${look.color}" font-weight="700">${look.symbol}</tspan> ${escapeHtml(fitTitle(topic.title, 24))}</text>`);
    out.push(`<text x="${n.x + 14}" y="${n.y + 41}" font-size="11" fill="#57606a">${escapeHtml(status === 'todo' && !mark?.due ? hoursText(topic.hours) : words)}</text>`);
    if (mark?.due) out.push(`<text x="${n.x + NODE_WIDTH - 18}" y="${n.y + 21}" font-size="13" fill="${DUE_LOOK.color}">${DUE_LOOK.symbol}</text>`);
    out.push('</g>');
  }
  out.push('</g></svg>');
  return out.join('\n') + '\n';
}

function pathOf(points: number[]): string {
  if (points.length < 4) return '';
  if (points.length === 4) {
    // Between bands: a vertical S-curve.
    const [x0, y0, x1, y1] = points;
    const my = (y0 + y1) / 2;
    return `M${x0},${y0} C${x0},${my} ${x1},${my} ${x1},${y1}`;
  }
  let d = `M${points[0]},${points[1]}`;
  for (let i = 2; i < points.length; i += 2) d += ` L${points[i]},${points[i + 1]}`;
  return d;
}
