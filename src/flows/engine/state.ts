/**
 * The flow engine's slice of the conversation state (`turn.state.flow`), as a zod schema the
 * runtime checks when a turn loads (`Feature.stateSlices`): a flow state written by an older
 * version that no longer fits is dropped (the founder gets the menu) instead of breaking a turn.
 *
 * @example
 * flowStateSchema.safeParse(turn.state.flow).success
 */
import { z } from 'zod';
import type { FlowState } from './types.js';

const answers = z.record(z.string(), z.unknown());

export const flowStateSchema = z.object({
  id: z.string().min(1),
  step: z.string(),
  answers,
  misses: z.number().int().min(0),
  history: z.array(z.string()),
  startedAt: z.string(),
  updatedAt: z.string(),
  initial: answers.optional(),
  stale: z.boolean().optional(),
  editing: z.boolean().optional(),
  returnTo: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  shown: z.array(z.object({ label: z.string(), payload: z.string() })).optional(),
  pendingSwitch: z.string().optional(),
  offered: z.boolean().optional(),
  switchHinted: z.boolean().optional(),
  prompt: z.object({ text: z.string(), buttons: z.array(z.object({ label: z.string(), payload: z.string() })), locale: z.enum(['vi', 'en']).optional() }).optional(),
}) satisfies z.ZodType<FlowState>;
