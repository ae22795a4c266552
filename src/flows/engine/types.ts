/**
 * A flow is data: an id and a list of steps. Steps run in order unless a step says where to go.
 * - `ask`: a question with choices (buttons) or a free answer of an `input` kind, parsed and
 *   validated; the answer is stored under the step id.
 * - `branch`: picks the next step from earlier answers.
 * - `confirm`: a summary with yes / edit / cancel.
 * - `act`: does something (queues an effect, replies); may jump elsewhere or end the flow.
 *
 * @example
 * const feedback: FlowDefinition = {
 *   id: 'feedback',
 *   steps: [
 *     { kind: 'ask', id: 'score', prompt: 'feedback.score', input: { type: 'number', min: 1, max: 5 } },
 *     { kind: 'act', id: 'save', run: (ctx) => { ctx.turn.effect('fx_feedback', { score: ctx.answers.score }); } },
 *   ],
 * };
 */
import type { z } from 'zod';
import type { Outbound } from '../../bot/outbound.js';
import type { Turn } from '../../bot/turn.js';

/** Answers so far, by step id (JSON values only: they live in the conversation row). */
export type Answers = Record<string, unknown>;

/** What the engine keeps in `turn.state.flow`. */
export interface FlowState {
  id: string;
  step: string;
  answers: Answers;
  /**
   * Started by the bot on its own, not asked for (the profile questions after consent): a
   * request the founder types in it is carried out at once, without "leave or carry on?", and
   * "skip" at a question that needs an answer ends it. The founder came to do something; our
   * questions wait.
   */
  offered?: boolean;
  /** "Leave or stay?" was asked again with its hint once: the next unclear reply means stay. */
  switchHinted?: boolean;
  /** Wrong answers to the current step in a row. */
  misses: number;
  /** Step ids answered, newest last, for "back". */
  history: string[];
  startedAt: string;
  updatedAt: string;
  /** The answers the flow was started with (kept for "start over"). */
  initial?: Answers;
  /** Set while asking "continue or start over?" after a long pause. */
  stale?: boolean;
  /** Set while the founder picks which answer to edit from a confirm step. */
  editing?: boolean;
  /** Where to return after re-answering a step picked from a confirm step. */
  returnTo?: string;
  /** Free room for a flow's own bookkeeping (JSON). */
  data?: Record<string, unknown>;
  /** The buttons of the last message sent in this flow: typing one's label presses it. */
  shown?: { label: string; payload: string }[];
  /**
   * The last message that asked the current step's question (its text and buttons; not "leave or
   * stay?", a staff offer or an answer from the documents), for an `act` step whose question the
   * engine cannot rebuild: it is sent again after a question typed in the middle was answered.
   */
  prompt?: { text: string; buttons: { label: string; payload: string }[]; locale?: 'vi' | 'en' };
  /** What the founder typed that asks for something else, while "leave this flow?" is asked. */
  pendingSwitch?: string;
}

export interface FlowContext {
  turn: Turn;
  flow: FlowState;
  answers: Answers;
  definition: FlowDefinition;
}

/** A message key (filled with the answers as variables) or a function building the text. */
export type TextRef = string | ((ctx: FlowContext) => string);

export interface Choice {
  value: string;
  /** Message key of the label, or `text` for a label that is data (a programme name). */
  label?: string;
  text?: string;
  /** Other words that pick this choice (folded when compared). */
  aliases?: readonly string[];
}

export type InputSpec =
  /** `name`: the answer is a name; a self-introduction around it is dropped ("mình tên là Lan ạ" → "Lan"). */
  | { type: 'text'; min?: number; max?: number; name?: boolean }
  | { type: 'number'; min?: number; max?: number; integer?: boolean }
  | { type: 'phone' }
  | { type: 'email' }
  | { type: 'date'; notPast?: boolean }
  | { type: 'yesno' }
  | { type: 'province' }
  /** Several of `choices`, typed as "1, 3" or pressed one by one and finished with "xong"/"done". */
  | { type: 'multi' };

export interface AskStep {
  kind: 'ask';
  id: string;
  prompt: TextRef;
  /** Buttons; typed answers may be the number of a choice or its label. */
  choices?: readonly Choice[] | ((ctx: FlowContext) => readonly Choice[]);
  /** A free answer; ignored when `choices` are given, except `multi`. */
  input?: InputSpec;
  /** Extra validation of the parsed value. */
  schema?: z.ZodType;
  /** Message key of the hint shown after a wrong answer (defaults to the input's hint). */
  hint?: string;
  /** May be skipped ("bỏ qua" / "skip"); the answer is then null. */
  optional?: boolean;
  /** Why this question is asked, said for "tại sao phải …" / "why do you need this?" (defaults to the general reason). */
  why?: TextRef;
  /** A short label (message key or function) for the confirm step's "edit which?" list. */
  label?: TextRef;
  /** Asked only when this holds; otherwise passed over. */
  when?: (answers: Answers, ctx: FlowContext) => boolean;
  next?: string | ((answers: Answers, ctx: FlowContext) => string | undefined);
  /**
   * Called with each accepted answer (e.g. to save it at once as an effect). May return notes of
   * other answers it kept from the same text ("Lĩnh vực: Giáo dục"): the engine says them back in
   * one message with its own, after the answer is taken.
   */
  onAnswer?: (value: unknown, ctx: FlowContext) => void | string[] | Promise<void | string[]>;
}

export interface BranchStep {
  kind: 'branch';
  id: string;
  to: (answers: Answers, ctx: FlowContext) => string;
}

export interface ConfirmStep {
  kind: 'confirm';
  id: string;
  summary: TextRef;
  when?: (answers: Answers, ctx: FlowContext) => boolean;
  next?: string;
}

/** What an act step asks the engine to do next. */
export type ActOutcome = void | { goto: string } | { end: true } | { wait: true };

export interface ActStep {
  kind: 'act';
  id: string;
  /** `{wait: true}` leaves the flow on this step (the act replied and waits for a button). */
  run: (ctx: FlowContext) => ActOutcome | Promise<ActOutcome>;
  /** For `wait`: handles the founder's next input on this step. */
  input?: (ctx: FlowContext, text: string, payload: string | undefined) => ActOutcome | Promise<ActOutcome>;
  /**
   * For `wait`: the step's question built again, in the turn's language, from what the step keeps
   * (no effect, no answer changed); undefined when it cannot be (the engine then sends the kept
   * `flow.prompt`). Used when the language changed since the question was sent ("switch to
   * English please" typed at the booking's times): the kept message is in the old language.
   */
  ask?: (ctx: FlowContext) => Outbound | undefined;
  when?: (answers: Answers, ctx: FlowContext) => boolean;
}

export type Step = AskStep | BranchStep | ConfirmStep | ActStep;

export interface FlowDefinition {
  id: string;
  steps: readonly Step[];
  /** Replies when the founder cancels (default: "cancelled" and the main menu). */
  onCancel?: (ctx: FlowContext) => void | Promise<void>;
  /** Message key of the flow's help text, shown with the universal words on "help". */
  help?: string;
  /**
   * Intents (NLU.md names) that mean this flow itself: typed in the middle of it they are not an
   * interruption ("đặt phòng" while booking is a wrong answer, re-asked with a hint).
   */
  intents?: readonly string[];
  /** Message key naming the flow in "leave <flow> for something else?" (default `flows.this_flow`). */
  name?: string;
  /** Message key said when the flow, started as `offered`, gives way to a typed request. */
  leftForRequest?: string;
  /**
   * Called when the flow, started as `offered`, gives way to a typed request: keeps what the
   * founder already answered (the name typed before "how do I apply?" is not asked again).
   */
  onLeave?: (ctx: FlowContext) => void;
  /**
   * A typed text that is no answer to the current `ask` step but changes something the flow
   * already holds ("à thôi đổi sang 3h chiều" while a booking asks the kind of space): the flow
   * applies it and returns a short note ("Noted: 15:00"), and the step is asked again after the
   * note, not counted as a miss. Undefined when the text changes nothing (then it is a miss).
   */
  amend?: (ctx: FlowContext, text: string) => string | undefined;
}

/** Re-exported so flows can type their replies. */
export type { Outbound };
