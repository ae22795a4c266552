/**
 * Survey results: per question a chart (bars for choices, a histogram for ratings and numbers)
 * with its table, the free-text answers, filters (completed only, channel, dates in the centre's
 * zone), and exports to CSV (UTF-8 with BOM) and XLSX with the labels founders saw.
 *
 * @example
 * // GET /staff/surveys?survey=support-needs&completed=1, GET /staff/surveys/support-needs.xlsx
 */
import { CHANNEL_IDS } from '../../../bot/channels/index.js';
import { pick } from '../../../flows/programmes/schema.js';
import type { Question, Survey } from '../../../flows/surveys/schema.js';
import type { HttpReply } from '../../../http/router.js';
import { barChart, columnChart, histogram, type Bar } from '../charts.js';
import { htmlReply, type ConsoleRoute } from '../console.js';
import type { ConsoleContext } from '../context.js';
import { sendXlsx } from '../xlsx-reply.js';
import { html, type Html } from '../html.js';
import { page } from '../layout.js';
import { labelledSurveyTable, surveyCsv, surveyXlsx, type LabelledSurveyRow } from '../survey-table.js';
import { zonedInstant } from '../time.js';

function surveysOf(ctx: ConsoleContext): ReadonlyMap<string, Survey> {
  return ctx.deps.surveys();
}

function filterOf(ctx: ConsoleContext): Record<string, unknown> {
  const q = ctx.req.url.searchParams;
  const channel = CHANNEL_IDS.find((c) => c === q.get('channel'));
  const day = (name: string, plus = 0) => {
    const v = q.get(name);
    if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
    const at = zonedInstant(`${v}T00:00`, ctx.deps.zone);
    return at ? new Date(at.getTime() + plus).toISOString() : undefined;
  };
  const from = day('from');
  const to = day('to', 86_400_000);
  return { completed_only: q.get('completed') === '1', ...(channel ? { channel } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

function questionBlock(ctx: ConsoleContext, q: Question, rows: LabelledSurveyRow[]): Html {
  const { t, locale } = ctx;
  const given = rows.map((r) => r.answers[q.id]).filter((v) => v !== null && v !== undefined && v !== '');
  const title = pick(q.prompt, locale);
  let chart: Html = html``;
  let bars: Bar[] = [];
  if (q.type === 'single' || q.type === 'multiple') {
    bars = (q.choices ?? []).map((c) => ({ label: pick(c.label, locale), value: given.filter((g) => (Array.isArray(g) ? g.map(String) : [String(g)]).includes(c.value)).length }));
    chart = barChart(bars, { title, id: `chart-${q.id}` });
  } else if (q.type === 'rating') {
    const lo = q.min ?? 1;
    const hi = q.max ?? 5;
    bars = Array.from({ length: hi - lo + 1 }, (_, i) => ({ label: String(lo + i), value: given.filter((g) => Number(g) === lo + i).length }));
    chart = columnChart(bars, { title, id: `chart-${q.id}` });
  } else if (q.type === 'number') {
    bars = histogram(given.map(Number).filter(Number.isFinite));
    chart = columnChart(bars, { title, id: `chart-${q.id}` });
  }
  const table = bars.length
    ? html`<details><summary>${t('console.dashboard.csv')} / table</summary><table class="data"><thead><tr><th>${t('console.surveys.answer')}</th><th>${t('console.surveys.count')}</th></tr></thead>
<tbody>${bars.map((b) => html`<tr><td>${b.label}</td><td>${b.value}</td></tr>`)}</tbody></table></details>` : html``;
  const texts = q.type === 'text' || q.type === 'date'
    ? html`<ul class="answers">${given.length ? given.slice(-200).map((g) => html`<li>${String(g)}</li>`) : html`<li class="empty">${t('console.surveys.no_text')}</li>`}</ul>` : html``;
  return html`<section class="card question" data-question="${q.id}" data-type="${q.type}"><h2>${title}</h2>
<p class="meta">${t('console.surveys.answered', { count: given.length })}</p>${chart}${table}${texts}</section>`;
}

function surveyPage(ctx: ConsoleContext, surveys: ReadonlyMap<string, Survey>, selected: Survey | undefined, rows: LabelledSurveyRow[]): string {
  const { t, locale } = ctx;
  const q = ctx.req.url.searchParams;
  const options = [...surveys.values()].map((s) => html`<option value="${s.id}" ${s.id === selected?.id ? 'selected' : ''}>${pick(s.title, locale)}</option>`);
  const exportQuery = new URLSearchParams([...q.entries()].filter(([k]) => k !== "survey" && k !== "lang")).toString();
  const body = html`<h1>${t('console.surveys.heading')}</h1>
<form method="get" action="/staff/surveys" class="filters"><select name="survey">${options}</select>
<select name="channel"><option value="">${t('console.inbox.any_channel')}</option>${CHANNEL_IDS.map((c) => html`<option value="${c}" ${q.get('channel') === c ? 'selected' : ''}>${t(`console.channel.${c}`)}</option>`)}</select>
<label>${t('console.surveys.from')} <input type="date" name="from" value="${q.get('from') ?? ''}"></label>
<label>${t('console.surveys.to')} <input type="date" name="to" value="${q.get('to') ?? ''}"></label>
<label class="check"><input type="checkbox" name="completed" value="1" ${q.get('completed') === '1' ? 'checked' : ''}> ${t('console.surveys.completed_only')}</label>
<button type="submit">${t('console.inbox.filter')}</button></form>
${selected ? html`<p><b id="response-count" data-count="${rows.length}">${t('console.surveys.responses', { count: rows.length })}</b> ·
<a class="button" id="export-csv" href="/staff/surveys/${selected.id}.csv?${exportQuery}">${t('console.surveys.export_csv')}</a>
<a class="button" id="export-xlsx" href="/staff/surveys/${selected.id}.xlsx?${exportQuery}">${t('console.surveys.export_xlsx')}</a></p>
${selected.questions.map((question) => questionBlock(ctx, question, rows))}` : ''}`;
  return page(ctx, t('console.surveys.heading'), 'surveys', body);
}

async function exportSurvey(ctx: ConsoleContext, match: RegExpExecArray): Promise<HttpReply | undefined> {
  const survey = surveysOf(ctx).get(match[1]!);
  if (!survey) return htmlReply(page(ctx, '404', 'surveys', html`<p class="error" data-code="404">${ctx.t('console.error.not_found')}</p>`), 404);
  const rows = await ctx.call<LabelledSurveyRow[]>('console_survey_responses', { survey_id: survey.id, filter: filterOf(ctx) });
  const table = labelledSurveyTable(survey, rows, { locale: ctx.locale, fmt: ctx.fmt });
  const name = `uom-${survey.id}`;
  if (match[2] === 'csv') {
    return { status: 200, text: surveyCsv(table), headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"`, 'cache-control': 'no-store' } };
  }
  const buffer = await surveyXlsx(survey, table, ctx.locale);
  return sendXlsx(ctx, name, buffer);
}

/** Survey routes. */
export function surveyRoutes(): ConsoleRoute[] {
  return [
    {
      method: 'GET', path: /^\/staff\/surveys$/, role: 'staff',
      handler: async (ctx) => {
        const surveys = surveysOf(ctx);
        const selected = surveys.get(ctx.req.url.searchParams.get('survey') ?? '') ?? [...surveys.values()][0];
        const rows = selected ? await ctx.call<LabelledSurveyRow[]>('console_survey_responses', { survey_id: selected.id, filter: filterOf(ctx) }) : [];
        return htmlReply(surveyPage(ctx, surveys, selected, rows));
      },
    },
    { method: 'GET', path: /^\/staff\/surveys\/([a-z0-9-]{1,41})\.(csv|xlsx)$/, role: 'staff', handler: exportSurvey },
  ];
}
