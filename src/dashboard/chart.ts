/** The per-section progress chart as SVG. Pure; every text is escaped. */
import { escapeHtml as esc } from '../webview/html';
import type { SectionRow } from './model';

const ROW = 22;
const LABEL = 230;
const BAR = 300;
const NUMBERS = 90;

/** Horizontal bars: done, then in progress, over each section's topic count. Colours come from the theme via CSS classes. */
export function sectionChartSvg(rows: SectionRow[]): string {
  const width = LABEL + BAR + NUMBERS;
  const height = rows.length * ROW + 4;
  const parts = rows.map((r, i) => {
    const y = i * ROW + 2;
    const done = r.total ? (BAR * r.done) / r.total : 0;
    const progress = r.total ? (BAR * r.inProgress) / r.total : 0;
    const label = `${r.title}: ${r.done} of ${r.total} done, ${r.inProgress} in progress, ${r.hoursLeft} hours left`;
    return `<g role="listitem" aria-label="${esc(label)}"><title>${esc(label)}</title>` +
      `<text class="label" x="${LABEL - 8}" y="${y + 15}" text-anchor="end">${esc(r.title)}</text>` +
      `<rect class="track" x="${LABEL}" y="${y + 4}" width="${BAR}" height="12" rx="2"/>` +
      (done > 0 ? `<rect class="done" x="${LABEL}" y="${y + 4}" width="${done.toFixed(1)}" height="12" rx="2"/>` : '') +
      (progress > 0 ? `<rect class="in-progress" x="${(LABEL + done).toFixed(1)}" y="${y + 4}" width="${progress.toFixed(1)}" height="12"/>` : '') +
      `<text class="count" x="${LABEL + BAR + 8}" y="${y + 15}">${r.done}/${r.total}</text></g>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="list" aria-label="Progress by section" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg>`;
}
