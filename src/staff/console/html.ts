/**
 * Safe HTML: a tagged template that escapes every interpolated value unless it is already `Html`
 * (the output of another `html` call). Pages are built from these, so a founder's message can
 * never become markup in a staff member's browser.
 *
 * @example
 * html`<p>${userText}</p>`.value; // '<p>&lt;script&gt;…</p>'
 */

/** A string that is already safe markup. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

/**
 * Escapes text for HTML content and attribute values.
 *
 * @example
 * escapeHtml('<a href="x">'); // '&lt;a href=&quot;x&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map((p: Part) => render(p)).join('');
  return escapeHtml(String(part));
}

/**
 * Builds markup; values are escaped, nested `html` and arrays of it are kept.
 *
 * @example
 * html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}
