/**
 * Knowledge: the documents the bot answers from; upload (Markdown, text, HTML, PDF, DOCX; a
 * multipart form without JavaScript, or one raw body per file with a progress bar) and removal,
 * both for admins; a test box that runs the bot's own answering code on a question and shows the
 * answer the founder would get, its passages and its confidence; and the content gaps (questions
 * the bot could not answer), for staff.
 *
 * Uploads go through `ingestDocument` (src/knowledge/ingest.ts), the code `uom kb ingest` and
 * the staff group use, with its one database write routed to `console_kb_document_put`, which
 * checks the admin session and writes the audit entry.
 *
 * @example
 * // GET /staff/knowledge?q=giờ mở cửa, POST /staff/knowledge/upload (x-file-name: quy-che.pdf)
 */
import { translator } from '../../../content/messages.js';
import type { HttpReply } from '../../../http/router.js';
import { answerQuestion, type Answer } from '../../../knowledge/answer.js';
import { ExtractError, documentKind } from '../../../knowledge/extract.js';
import { answerMessage } from '../../../knowledge/feature.js';
import { groupGaps, type GapGroup, type GapRow } from '../../../knowledge/gaps.js';
import { ingestDocument } from '../../../knowledge/ingest.js';
import { llmFromConfig, type Llm } from '../../../knowledge/llm.js';
import { botSearcher } from '../../../knowledge/search-thread-client.js';
import { KnowledgeSearchError } from '../../../knowledge/searcher.js';
import type { Store } from '../../../store/store.js';
import { htmlReply, redirect, type ConsoleRoute } from '../console.js';
import { field, type ConsoleContext } from '../context.js';
import { html, type Html } from '../html.js';
import { page } from '../layout.js';

interface DocumentRow { doc: string; title: string; kind: string; chunks: number; source_path: string | null; updated_at: string }

const SINCE = [7, 30, 90] as const;
const ACCEPT = '.md,.markdown,.txt,.html,.htm,.pdf,.docx';

const llms = new WeakMap<object, Llm | null>();

/** The LLM the bot answers with (none without OPENAI_* settings), built once per server. */
function llmOf(ctx: ConsoleContext): Llm | undefined {
  const services = ctx.deps.services;
  if (!llms.has(services)) llms.set(services, llmFromConfig(services.config) ?? null);
  return llms.get(services) ?? undefined;
}

/**
 * The store as `ingestDocument` sees it, except that its one write (`kb_document_put`) goes to
 * `console_kb_document_put` with this session: the database checks the admin role and audits.
 */
function sessionStore(ctx: ConsoleContext): Store {
  const store = ctx.deps.services.store;
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'call') {
        return (fn: string, args: Record<string, unknown> = {}) =>
          fn === 'kb_document_put' ? ctx.call('console_kb_document_put', args) : target.call(fn as never, args as never);
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function sinceOf(ctx: ConsoleContext): number {
  const since = Number(ctx.req.url.searchParams.get('since'));
  return SINCE.find((s) => s === since) ?? 30;
}

function testResult(ctx: ConsoleContext, question: string, answer: Answer): Html {
  const { t } = ctx;
  const inLanguage = translator(ctx.deps.services.messages, answer.language);
  const message = answerMessage(inLanguage, answer);
  const cited = new Set(answer.citations.map((c) => c.doc));
  const passages = answer.passages.map((p) => html`<li class="passage ${cited.has(p.doc) ? 'cited' : ''}" data-doc="${p.doc}">
<p><b>${p.title}</b>${p.heading ? html` › ${p.heading}` : ''} <span class="meta">${p.doc} · ${t('console.knowledge.passage_confidence', { value: Math.round(p.confidence * 100) })}</span></p>
<p class="text">${p.text.length > 600 ? `${p.text.slice(0, 600)}…` : p.text}</p></li>`);
  return html`<section class="card" id="kb-answer" data-outcome="${answer.outcome}" data-confidence="${answer.confidence.toFixed(3)}">
<h3>${t('console.knowledge.would_answer')}</h3>
<p class="meta">“${question}” · <span class="badge ${answer.abstained ? 'overdue' : 'ok'}">${t(`console.knowledge.outcome.${answer.outcome}`)}</span>
${t('console.knowledge.confidence', { value: Math.round(answer.confidence * 100) })} · ${t(`console.knowledge.mode.${answer.mode}`)}</p>
<div class="msg bot"><div class="text" id="kb-answer-text">${message.text}</div></div>
<h3>${t('console.knowledge.passages')} (${answer.passages.length})</h3>
${passages.length ? html`<ol class="passages">${passages}</ol>` : html`<p class="meta">${t('console.knowledge.no_passages')}</p>`}</section>`;
}

function gapsBlock(ctx: ConsoleContext, groups: readonly GapGroup[], since: number): Html {
  const { t } = ctx;
  const tabs = SINCE.map((s) => html`<a class="tab ${s === since ? 'active' : ''}" href="/staff/knowledge?since=${s}#gaps">${t('console.knowledge.since', { days: s })}</a>`);
  const rows = groups.slice(0, 100).map((g) => html`<tr data-count="${g.count}"><td><b>${g.count}</b></td><td><ul class="plain">${g.examples.map((e) => html`<li>${e}</li>`)}</ul></td>
<td>${g.closestDoc ?? '—'}</td><td>${g.outcomes.abstained} / ${g.outcomes.missing_kind} / ${g.outcomes.escalated}</td></tr>`);
  return html`<section id="gaps"><h2>${t('console.knowledge.gaps')}</h2><p class="meta">${t('console.knowledge.gaps_help')}</p><nav class="tabs">${tabs}</nav>
${rows.length ? html`<div class="scroll"><table class="data" id="gaps-table"><thead><tr><th>${t('console.knowledge.gap_count')}</th><th>${t('console.knowledge.gap_questions')}</th>
<th>${t('console.knowledge.gap_closest')}</th><th>${t('console.knowledge.gap_outcomes')}</th></tr></thead><tbody>${rows}</tbody></table></div>` : html`<p class="meta" id="gaps-empty">${t('console.knowledge.gaps_empty')}</p>`}</section>`;
}

function knowledgePage(ctx: ConsoleContext, docs: readonly DocumentRow[], gaps: readonly GapGroup[], test: Html | undefined, notice?: Html): string {
  const { t } = ctx;
  const admin = ctx.staff.role === 'admin';
  const question = ctx.req.url.searchParams.get('q') ?? '';
  const maxMb = Math.round(ctx.deps.options.maxUploadBytes / (1024 * 1024));
  const rows = docs.map((d) => html`<tr data-doc="${d.doc}"><td><b>${d.title}</b>
<span class="meta">${d.doc} · ${d.kind} · ${t('console.knowledge.passage_count', { count: d.chunks })} · ${d.source_path ? t('console.knowledge.from_folder') : t('console.knowledge.uploaded')} · ${ctx.fmt.dateTime(d.updated_at)}</span></td>
${admin ? html`<td class="action"><details><summary>${t('console.knowledge.remove')}</summary><form method="post" action="/staff/knowledge/remove"><input type="hidden" name="csrf" value="${ctx.csrf}">
<input type="hidden" name="doc" value="${d.doc}"><button type="submit" class="danger" data-remove="${d.doc}">${t('console.knowledge.remove_confirm')}</button></form></details></td>` : ''}</tr>`);
  const upload = admin
    ? html`<form method="post" action="/staff/knowledge/upload" enctype="multipart/form-data" class="card" id="kb-upload" data-max="${ctx.deps.options.maxUploadBytes}"
data-too-big="${t('console.knowledge.too_big', { mb: maxMb })}"><h2>${t('console.knowledge.upload_heading')}</h2><input type="hidden" name="csrf" value="${ctx.csrf}">
<label>${t('console.knowledge.upload_label', { mb: maxMb })} <input type="file" name="file" id="kb-file" accept="${ACCEPT}" multiple required data-max="${ctx.deps.options.maxUploadBytes}" data-too-big="${t('console.knowledge.too_big', { mb: maxMb })}"></label>
<button type="submit" id="kb-send">${t('console.knowledge.upload')}</button>
<progress id="kb-progress" max="100" value="0" hidden></progress><p id="kb-status" class="meta" aria-live="polite"></p></form>`
    : html`<p class="meta">${t('console.knowledge.admin_only')}</p>`;
  const body = html`<h1>${t('console.knowledge.heading')}</h1>${notice ?? ''}
<div class="grid"><form method="get" action="/staff/knowledge" class="card" id="kb-test"><h2>${t('console.knowledge.test')}</h2>
<label>${t('console.knowledge.question')} <input type="search" name="q" id="kb-question" value="${question}" maxlength="500" required></label>
<button type="submit">${t('console.knowledge.ask')}</button></form>${upload}</div>
${test ?? ''}
<h2>${t('console.knowledge.documents')} (${docs.length})</h2>
<div class="scroll"><table class="data" id="kb-docs"><tbody>${rows.length ? rows : html`<tr><td class="meta">${t('console.knowledge.empty')}</td></tr>`}</tbody></table></div>
${gapsBlock(ctx, gaps, sinceOf(ctx))}`;
  return page(ctx, t('console.knowledge.heading'), 'knowledge', body);
}

async function render(ctx: ConsoleContext, notice?: Html, status = 200): Promise<HttpReply> {
  const question = (ctx.req.url.searchParams.get('q') ?? '').trim().slice(0, 500);
  const [docs, gapRows] = await Promise.all([
    ctx.call<DocumentRow[]>('console_kb_documents'),
    ctx.call<GapRow[]>('console_kb_gaps', { since_days: sinceOf(ctx) }),
  ]);
  // The bot's own path: the same search (in the bot's search thread), gate and wording as a
  // founder's question (nothing is logged).
  let test: Html | undefined;
  try {
    test = question ? testResult(ctx, question, await answerQuestion(ctx.deps.services.store, question, { llm: llmOf(ctx), searcher: botSearcher(ctx.deps.services) })) : undefined;
  } catch (error) {
    if (!(error instanceof KnowledgeSearchError)) throw error;
    notice = html`<p class="notice" data-code="${error.code}">${ctx.t('console.knowledge.search_failed')}</p>`;
  }
  return htmlReply(knowledgePage(ctx, docs, groupGaps(gapRows), test, notice), status);
}

interface Upload { name: string; data: Buffer }

/** The files of the request: a multipart form (one or more `file`), or a raw body named by `x-file-name`. */
async function uploadsOf(ctx: ConsoleContext): Promise<Upload[]> {
  if (ctx.form instanceof FormData) {
    const files = ctx.form.getAll('file').filter((f): f is File => typeof f !== 'string' && f.size > 0);
    return Promise.all(files.map(async (f) => ({ name: f.name, data: Buffer.from(await f.arrayBuffer()) })));
  }
  const name = ctx.req.header('x-file-name');
  if (!name || ctx.req.body.length === 0) return [];
  let decoded: string;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    decoded = name;
  }
  return [{ name: decoded, data: ctx.req.body }];
}

function wantsJson(ctx: ConsoleContext): boolean {
  return (ctx.req.header('accept') ?? '').includes('application/json');
}

async function upload(ctx: ConsoleContext): Promise<HttpReply> {
  const { t } = ctx;
  const json = wantsJson(ctx);
  const fail = async (status: number, code: string, message: string) =>
    json ? { status, json: { error: code, message } } : render(ctx, html`<p class="error" data-code="${code}">${message}</p>`, status);
  const files = await uploadsOf(ctx);
  if (files.length === 0) return fail(400, 'no_file', t('console.knowledge.no_file'));
  const limit = ctx.deps.options.maxUploadBytes;
  const big = files.find((f) => f.data.length > limit);
  if (big) return fail(413, 'too_big', t('console.knowledge.too_big', { mb: Math.round(limit / (1024 * 1024)) }));
  const odd = files.find((f) => !documentKind(f.name));
  if (odd) return fail(415, 'unsupported', t('console.knowledge.unsupported', { name: odd.name }));
  const done: { doc: string; title: string; status: string; chunks: number }[] = [];
  for (const file of files) {
    try {
      done.push(await ingestDocument(sessionStore(ctx), file.name, file.data, { llm: llmOf(ctx) }));
    } catch (error) {
      if (error instanceof ExtractError) {
        return fail(error.code === 'KB_UNSUPPORTED' ? 415 : 422, error.code === 'KB_UNSUPPORTED' ? 'unsupported' : 'unreadable',
          t(error.code === 'KB_UNSUPPORTED' ? 'console.knowledge.unsupported' : 'console.knowledge.unreadable', { name: file.name }));
      }
      throw error;
    }
  }
  if (json) return { status: 200, json: { ok: true, documents: done } };
  return redirect(`/staff/knowledge?uploaded=${encodeURIComponent(done.map((d) => d.doc).join(','))}`);
}

/** Knowledge routes. */
export function knowledgeRoutes(): ConsoleRoute[] {
  return [
    {
      method: 'GET', path: /^\/staff\/knowledge$/, role: 'staff',
      handler: async (ctx) => {
        const q = ctx.req.url.searchParams;
        const uploaded = q.get('uploaded');
        const removed = q.get('removed');
        const notice = uploaded
          ? html`<p class="notice" data-code="uploaded">${ctx.t('console.knowledge.uploaded_notice', { docs: uploaded.slice(0, 300) })}</p>`
          : removed ? html`<p class="notice" data-code="removed">${ctx.t('console.knowledge.removed_notice', { doc: removed.slice(0, 200) })}</p>` : undefined;
        return render(ctx, notice);
      },
    },
    { method: 'POST', path: /^\/staff\/knowledge\/upload$/, role: 'admin', handler: upload },
    {
      method: 'POST', path: /^\/staff\/knowledge\/remove$/, role: 'admin',
      handler: async (ctx) => {
        const doc = field(ctx, 'doc').slice(0, 300);
        const result = await ctx.call<{ removed: number }>('console_kb_document_remove', { doc });
        if (result.removed === 0) return render(ctx, html`<p class="error" data-code="not_found">${ctx.t('console.error.not_found')}</p>`, 404);
        return redirect(`/staff/knowledge?removed=${encodeURIComponent(doc)}`);
      },
    },
  ];
}
