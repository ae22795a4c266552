/**
 * Charts rendered on the server as inline SVG (no script, no library, works offline and in any
 * export): horizontal bars for choices and counts, columns for histograms and per-day series.
 * Every chart is paired with a table by its caller, for screen readers and copying.
 *
 * @example
 * barChart([{ label: 'Vốn', value: 3 }], { title: 'Nhu cầu' });
 */
import { html, type Html } from './html.js';

export interface Bar {
  label: string;
  value: number;
}

/**
 * Horizontal bars with the label on the left and the count on the right.
 *
 * @example
 * barChart([{ label: 'A', value: 2 }, { label: 'B', value: 1 }], { title: 'x' });
 */
export function barChart(bars: readonly Bar[], options: { title: string; id?: string }): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 26;
  const labelWidth = 230;
  const barWidth = 330;
  const height = bars.length * row + 8;
  if (bars.length === 0) return html`<figure class="chart empty"${options.id ? html` id="${options.id}"` : ''}>—</figure>`;
  return html`<figure class="chart"${options.id ? html` id="${options.id}"` : ''}><svg viewBox="0 0 ${labelWidth + barWidth + 50} ${height}" width="${labelWidth + barWidth + 50}" height="${height}" role="img" aria-label="${options.title}">
${bars.map((b, i) => {
    const y = 4 + i * row;
    const w = Math.round((b.value / max) * barWidth);
    const label = b.label.length > 38 ? `${b.label.slice(0, 36)}…` : b.label;
    return html`<g class="row" data-label="${b.label}" data-value="${b.value}"><text x="${labelWidth - 6}" y="${y + 16}" text-anchor="end">${label}</text>
<rect class="bar" x="${labelWidth}" y="${y + 3}" width="${w}" height="${row - 8}" rx="3"></rect><text x="${labelWidth + w + 6}" y="${y + 16}">${b.value}</text></g>`;
  })}</svg></figure>`;
}

/**
 * Vertical columns (histograms, per-day counts), label under each column.
 *
 * @example
 * columnChart([{ label: '1', value: 0 }, { label: '5', value: 4 }], { title: 'Điểm' });
 */
export function columnChart(bars: readonly Bar[], options: { title: string; id?: string }): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const col = Math.max(14, Math.min(60, Math.floor(560 / Math.max(1, bars.length))));
  const chartHeight = 150;
  const width = bars.length * col + 20;
  if (bars.length === 0) return html`<figure class="chart empty"${options.id ? html` id="${options.id}"` : ''}>—</figure>`;
  // Drawn at its own size (width/height) and only scaled down on narrow screens: a chart of five
  // columns stays small instead of filling the page.
  return html`<figure class="chart"${options.id ? html` id="${options.id}"` : ''}><svg viewBox="0 0 ${width} ${chartHeight + 44}" width="${width}" height="${chartHeight + 44}" role="img" aria-label="${options.title}">
${bars.map((b, i) => {
    const h = Math.round((b.value / max) * chartHeight);
    const x = 10 + i * col;
    return html`<g class="col" data-label="${b.label}" data-value="${b.value}"><rect class="bar" x="${x + 2}" y="${chartHeight - h + 16}" width="${col - 4}" height="${h}" rx="2"></rect>
<text x="${x + col / 2}" y="${chartHeight - h + 12}" text-anchor="middle">${b.value}</text>
<text x="${x + col / 2}" y="${chartHeight + 32}" text-anchor="middle">${b.label}</text></g>`;
  })}</svg></figure>`;
}

/**
 * Histogram bins for numbers: `bins` equal-width bins over [min, max] (integers when the data are).
 *
 * @example
 * histogram([1, 2, 2, 9], 3); // [{ label: '1–3', value: 3 }, …]
 */
export function histogram(values: readonly number[], bins = 6): Bar[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min === max) return [{ label: String(min), value: values.length }];
  const integer = values.every(Number.isInteger);
  const width = integer ? Math.max(1, Math.ceil((max - min + 1) / bins)) : (max - min) / bins;
  const count = integer ? Math.ceil((max - min + 1) / width) : bins;
  const out: Bar[] = Array.from({ length: count }, (_, i) => {
    const lo = min + i * width;
    const hi = integer ? lo + width - 1 : lo + width;
    const label = integer ? (lo === hi ? String(lo) : `${lo}–${hi}`) : `${lo.toFixed(1)}–${hi.toFixed(1)}`;
    return { label, value: 0 };
  });
  for (const v of values) out[Math.min(count - 1, Math.floor((v - min) / width))]!.value++;
  return out;
}
