/**
 * The knowledge base in chat. Four small features:
 * - `knowledgeFeedbackObserver` (order 5): notes "talk to staff" pressed under an answer as
 *   unhelpful feedback, then passes the button on to the handoff feature;
 * - `knowledgeButtonsFeature` (order 45): `menu:ask` (prompts for a question) and "this helped";
 * - `knowledgeFollowUpFeature` (order 84): a short follow-up ("bao nhiêu", "how much", "còn hạn
 *   ko") within minutes of an answer is answered about the same topic (feature-context.ts);
 * - `knowledgeFeature` (order 90): any text no other feature took is answered from the
 *   documents, with sources and the buttons "this helped" / "talk to staff"; below the
 *   calibrated confidence it says it does not know and offers a person. Never in group chats.
 * A greeting before a question is dropped, and "phòng" / "room" is read as the room in context
 * or "chương trình này" as the programme on screen (`inContext`). `knowledgeFeatures()` returns all four; the default knowledge (`KB_DIR`) is ingested at
 * start-up when its files changed. Questions are searched in the bot's search thread
 * (search-thread-client.ts).
 *
 * @example
 * createBot(config, { store, features: [...knowledgeFeatures(), fallbackFeature] });
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { join, sep } from 'node:path';
import { translator, type Translator } from '../content/messages.js';
import type { Button, Outbound } from '../bot/outbound.js';
import type { Feature } from '../bot/router.js';
import type { Services } from '../bot/services.js';
import type { Turn } from '../bot/turn.js';
import { activeFlow } from '../flows/engine/index.js';
import { MENU_PAYLOADS } from '../flows/menu.js';
import { answerQuestion, type Answer } from './answer.js';
import { kindLabelKey } from './answer-type.js';
import { embedMissing, ingestDocument, ingestPath } from './ingest.js';
import { llmFromConfig, type Llm } from './llm.js';
import { loadConfidenceModel, type ConfidenceModel } from './model.js';
import { FOLLOW_UP_MS, followUpQuestions, isFollowUp, withoutGreeting, withoutRepeats } from './feature-context.js';
import { queryTerms, questionLanguage } from './query.js';
import { botSearcher } from './search-thread-client.js';
import { KnowledgeSearchError } from './searcher.js';

export const KB_HELPFUL_PAYLOAD = 'kb:helpful';
/** The handoff feature's payload (issue 7); the reason tells staff the bot could not help. */
export const KB_HANDOFF_PAYLOAD = 'handoff:request:other:kb_unanswered';

/** The feature's slice of the conversation state: the last answer, for the feedback buttons. */
export const kbStateSchema = z.object({
  last: z.object({ question: z.string(), docs: z.array(z.string()), at: z.string() }).optional(),
});

const STATE_KEY = 'kb';

/** Kinds a short follow-up alone reads loosely ("dc bao nhieu" is a count, "còn hạn ko" yes/no): the topic decides. */
const LOOSE_KINDS: ReadonlySet<string> = new Set(['other', 'yesno', 'count']);

function lastAnswer(state: Record<string, unknown>): z.infer<typeof kbStateSchema>['last'] {
  const parsed = kbStateSchema.safeParse(state[STATE_KEY]);
  return parsed.success ? parsed.data.last : undefined;
}

function buttons(t: Translator, withHelpful: boolean): Button[] {
  const staff = { label: t('kb.staff_button'), payload: KB_HANDOFF_PAYLOAD };
  return withHelpful ? [{ label: t('kb.helpful_button'), payload: KB_HELPFUL_PAYLOAD }, staff] : [staff];
}

/**
 * The chat message for an answer: the text with [n] markers and the numbered sources, or the
 * "don't know" message with a button to reach staff, all in the question's language (`inLanguage`,
 * its translator): an English question gets English words around the quoted passage, and
 * English buttons, whatever language the founder chose before.
 *
 * @example
 * turn.reply(answerMessage(translator(messages, answer.language), answer));
 */
export function answerMessage(inLanguage: Translator, answer: Answer): Outbound {
  if (answer.outcome === 'missing_kind' && answer.citations[0]) {
    // The documents hold the topic but not this kind of fact: say so plainly and offer a person.
    const kind = inLanguage(kindLabelKey(answer.kind));
    return { text: inLanguage('kb.missing_kind', { title: answer.citations[0].title, kind }), buttons: buttons(inLanguage, false) };
  }
  if (answer.topicless) return { text: inLanguage('kb.no_topic'), buttons: buttons(inLanguage, false) };
  if (answer.abstained) return { text: inLanguage('kb.no_answer'), buttons: buttons(inLanguage, false) };
  const sources = answer.citations.map((c) => inLanguage('kb.source_line', { n: c.n, title: c.title })).join('\n');
  // An English question answered by quoting Vietnamese documents gets an English lead-in.
  const body = answer.language === 'en' && answer.mode === 'extractive' && answer.citations[0]
    ? inLanguage('kb.according_to', { title: answer.citations[0].title, answer: answer.text })
    : answer.text;
  return { text: inLanguage('kb.answer', { answer: body, sources }), buttons: buttons(inLanguage, true) };
}

export interface KnowledgeOptions {
  /** The LLM to use; by default built from `OPENAI_*` settings (none without a key). */
  llm?: Llm | null;
  /** Ingest `KB_DIR` at start (default true). */
  ingestOnStart?: boolean;
  /**
   * Documents other features write from their own content (the spaces of `spaces.yaml`),
   * ingested at start with `KB_DIR` and re-indexed when their text changed.
   */
  generated?: (services: Services) => GeneratedDocument[];
  /** The confidence models (default: the shipped `confidence-model.json`, loaded for this bot). */
  model?: ConfidenceModel;
  /**
   * The question with what the conversation is about named in it: "phòng" / "room" as the room
   * just booked (the booking feature's `withRoomInContext`), "chương trình này" as the programme
   * on screen; `previous` is the founder's previous question.
   */
  inContext?: (turn: Turn, question: string, previous: string | undefined) => Promise<string>;
}

/** A Markdown document written by the bot from its content: its file name (the document id) and text. */
export interface GeneratedDocument {
  name: string;
  text: string;
}

/** The four knowledge features (see the module comment). */
export function knowledgeFeatures(options: KnowledgeOptions = {}): Feature[] {
  let llm: Llm | undefined = options.llm ?? undefined;
  // This bot's own copy of the confidence models (no cache shared by bots in one process).
  const model = options.model ?? loadConfidenceModel();

  const observer: Feature = {
    name: 'knowledge-feedback',
    order: 5,
    async handle(turn, next) {
      const last = lastAnswer(turn.state);
      if (turn.event.kind === 'button' && turn.event.payload === KB_HANDOFF_PAYLOAD && last) {
        turn.effect('fx_kb_feedback', { helpful: false, question: last.question, docs: last.docs });
        delete turn.state[STATE_KEY];
      }
      return next();
    },
  };

  const buttonsFeature: Feature = {
    name: 'knowledge-buttons',
    order: 45,
    async handle(turn, next) {
      const { event, t } = turn;
      if (event.kind !== 'button' || event.chatType === 'group') return next();
      if (event.payload === MENU_PAYLOADS.ask) {
        turn.reply({ text: t('kb.ask_prompt') });
        return;
      }
      if (event.payload === KB_HELPFUL_PAYLOAD) {
        const last = lastAnswer(turn.state);
        if (!last) {
          turn.reply({ text: t('kb.feedback_expired') });
          return;
        }
        turn.effect('fx_kb_feedback', { helpful: true, question: last.question, docs: last.docs });
        delete turn.state[STATE_KEY];
        turn.reply({ text: t('kb.thanks') });
        return;
      }
      return next();
    },
  };

  /** The answer to one question, or undefined when the search thread failed (the founder was told). */
  async function ask(turn: Turn, question: string): Promise<Answer | undefined> {
    try {
      // In the bot's search thread: a burst of questions does not hold up other founders' turns.
      return await answerQuestion(turn.services.store, question.slice(0, 500), { llm, model, searcher: botSearcher(turn.services) });
    } catch (error) {
      if (!(error instanceof KnowledgeSearchError)) throw error;
      // The search thread failed (the next question starts a new one): as for a question the
      // documents do not answer, the founder is offered a person, not an error.
      turn.services.log.warn({ conversation: turn.conversation.id, code: error.code, err: error.message }, 'knowledge search failed');
      delete turn.state[STATE_KEY];
      turn.reply({ text: turn.t('kb.no_answer'), buttons: buttons(turn.t, false) });
      return undefined;
    }
  }

  /** The question without a greeting before it, with "phòng" / "room" named as the room in context. */
  async function prepared(turn: Turn, typed: string, previous: string | undefined): Promise<string> {
    const plain = withoutGreeting(typed);
    return options.inContext ? options.inContext(turn, plain, previous) : plain;
  }

  /** The founder's previous question while it is still the topic (answered within `FOLLOW_UP_MS`). */
  function recentQuestion(turn: Turn): string | undefined {
    const last = lastAnswer(turn.state);
    if (!last) return undefined;
    return turn.services.clock().getTime() - Date.parse(last.at) <= FOLLOW_UP_MS ? last.question : undefined;
  }

  /**
   * A short follow-up ("được bao nhiêu tiền", "how much", "còn hạn ko") searched with the previous
   * question beside it; the first reading the documents answer, or undefined.
   */
  async function askFollowUp(turn: Turn, question: string, previous: string): Promise<{ answer: Answer } | undefined> {
    // "when is the deadline?" beside "how much funding…?" was read as a money question and
    // quoted a fee: a follow-up that asks a kind of fact of its own keeps it, or is not answered.
    const own = queryTerms(question).answer.kind;
    for (const asked of followUpQuestions(question, previous)) {
      const answer = await ask(turn, asked);
      if (!answer) return undefined;
      if (!answer.abstained && (LOOSE_KINDS.has(own) || answer.kind === own)) return { answer };
    }
    return undefined;
  }

  /**
   * Replies with an answer, and keeps `topic` as the question a follow-up is about. A follow-up
   * searched beside a question in another language is answered in the language it was typed in.
   */
  function reply(turn: Turn, typed: string, topic: string, found: Answer, inTypedLanguage: boolean): void {
    const answer = withoutRepeats(inTypedLanguage ? { ...found, language: questionLanguage(typed) } : found);
    turn.services.log.info(
      { conversation: turn.conversation.id, abstained: answer.abstained, mode: answer.mode, confidence: answer.confidence, docs: answer.citations.map((c) => c.doc) },
      'knowledge answer',
    );
    // Logged for `uom kb gaps` (the SQL keeps only founders who consented).
    turn.effect('fx_kb_question', {
      question: typed.slice(0, 500),
      outcome: answer.outcome,
      confidence: answer.confidence,
      closest_doc: answer.passages[0]?.doc ?? null,
    });
    if (!answer.abstained) {
      turn.state[STATE_KEY] = { last: { question: topic.slice(0, 500), docs: answer.citations.map((c) => c.doc), at: turn.services.clock().toISOString() } };
    } else {
      delete turn.state[STATE_KEY];
    }
    turn.reply(answerMessage(translator(turn.services.messages, answer.language), answer));
  }

  const followUpFeature: Feature = {
    name: 'knowledge-follow-up',
    // Before the typed requests (85): "dc bao nhieu" alone reads as nothing the bot can do, and
    // the founder got the main menu although the topic was named one message before.
    order: 84,
    async handle(turn, next) {
      const { event } = turn;
      if (event.kind !== 'text' || event.chatType === 'group' || turn.conversation.chatType === 'group' || activeFlow(turn)) return next();
      const previous = recentQuestion(turn);
      const typed = event.text.trim();
      if (!previous || typed.startsWith('/') || !isFollowUp(typed)) return next();
      const question = await prepared(turn, typed, previous);
      // A short question naming its own topic ("trung tâm ở đâu") is answered as asked.
      const own = await ask(turn, question);
      if (!own) return;
      if (!own.abstained) return reply(turn, question, question, own, false);
      const found = await askFollowUp(turn, question, previous);
      if (!found) return next(); // not answered beside the topic either: read as typed, by the features after
      reply(turn, question, previous, found.answer, true);
    },
  };

  const answerFeature: Feature = {
    name: 'knowledge',
    order: 90,
    stateSlices: { [STATE_KEY]: kbStateSchema },
    async init(services: Services) {
      if (options.llm === undefined) llm = llmFromConfig(services.config);
    },
    async start(services: Services) {
      if (options.ingestOnStart === false) return;
      await ingestDefaultKnowledge(services, llm, options.generated?.(services) ?? []);
    },
    async handle(turn, next) {
      const { event } = turn;
      if (event.kind !== 'text' || event.chatType === 'group' || turn.conversation.chatType === 'group') return next();
      const typed = event.text.trim();
      // Commands, emoji and "ok" have nothing to look up: the menu answers them better.
      if (typed.length < 2 || typed.startsWith('/') || queryTerms(typed).words.length === 0) return next();
      const previous = recentQuestion(turn);
      const question = await prepared(turn, typed, previous);
      const answer = await ask(turn, question);
      // A question with the room or programme named in it is answered in the language typed.
      const rewritten = withoutGreeting(typed) !== question;
      if (!answer) return;
      if (answer.passages.length === 0) return next(); // an empty knowledge base: the menu helps more
      if (answer.abstained && previous && isFollowUp(question)) {
        const found = await askFollowUp(turn, question, previous);
        // The topic stays the question that named it, not "how much (…)" nested in it.
        if (found) return reply(turn, question, previous, found.answer, true);
      }
      reply(turn, question, question, answer, rewritten);
    },
  };

  return [observer, buttonsFeature, followUpFeature, answerFeature];
}

/**
 * Ingests `KB_DIR` when its files changed (a hash check per file; unchanged files cost one
 * query in total), removes documents whose file was deleted from it, then computes missing
 * embeddings in the background.
 *
 * @example
 * await ingestDefaultKnowledge(services, llm);
 */
export async function ingestDefaultKnowledge(services: Services, llm?: Llm, generated: readonly GeneratedDocument[] = []): Promise<void> {
  const dir = services.config.KB_DIR;
  let written = 0;
  for (const doc of generated) {
    const { status } = await ingestDocument(services.store, doc.name, Buffer.from(doc.text, 'utf8'));
    if (status !== 'unchanged') written++;
  }
  if (written) services.log.info({ documents: written }, 'generated knowledge documents indexed');
  if (!existsSync(dir)) {
    services.log.warn({ dir }, 'knowledge folder not found; the knowledge base starts with the generated documents only');
    return;
  }
  const report = await ingestPath(services.store, dir);
  // Documents ingested from this folder whose file is gone are removed too.
  const stored = await services.store.call<{ doc: string; source_path: string | null }[]>('kb_documents_list');
  const prefix = `${join(dir)}${sep}`;
  const gone = stored.filter((d) => d.source_path && join(d.source_path).startsWith(prefix) && !existsSync(d.source_path));
  for (const d of gone) await services.store.call('kb_document_remove', { doc: d.doc });
  if (report.added || report.replaced || report.failed.length || gone.length) {
    services.log.info(
      { added: report.added, replaced: report.replaced, removed: gone.length, failed: report.failed.map((f) => f.doc) },
      'knowledge ingested',
    );
  }
  if (llm) {
    embedMissing(services.store, llm).catch((error: unknown) =>
      services.log.warn({ err: (error as Error).message }, 'embeddings not computed; search works without them'),
    );
  }
}
