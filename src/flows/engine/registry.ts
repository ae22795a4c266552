/**
 * Flow ids → definitions, one registry per bot (`services.slots`): each feature registers its
 * flows in its `init`, so any feature of that bot can start any of them by id
 * (`startFlow(turn, 'profile')`), and two bots in one process never see each other's flows
 * (a survey or a programme's application flow comes from that bot's content folder).
 *
 * @example
 * export const profileFlow = defineFlow({ id: 'profile', steps: [...] });
 * // the feature's init:
 * registerFlow(services, profileFlow);
 * getFlow(turn.services, 'profile')?.steps.length;
 */
import { botSlot, type Services } from '../../bot/services.js';
import type { FlowDefinition } from './types.js';

/** What the registry needs of the bot: its per-bot slots. */
export type FlowServices = Pick<Services, 'slots'>;

const FLOWS = botSlot('flows', () => new Map<string, FlowDefinition>());

/**
 * Checks a flow definition (step ids unique and free of ':' and a leading '_') and returns it;
 * declaring a flow does not register it with any bot.
 *
 * @example
 * export const bookingFlow = defineFlow({ id: 'booking', steps: [...] });
 */
export function defineFlow(definition: FlowDefinition): FlowDefinition {
  const ids = new Set<string>();
  for (const step of definition.steps) {
    if (ids.has(step.id) || step.id.includes(':') || step.id.startsWith('_')) {
      throw new Error(`flow ${definition.id}: step id ${step.id} is duplicated or invalid`);
    }
    ids.add(step.id);
  }
  return definition;
}

/**
 * Adds (or replaces) a flow definition in this bot's registry (a feature's `init`).
 *
 * @example
 * registerFlow(services, bookingFlow);
 */
export function registerFlow(services: FlowServices, definition: FlowDefinition): FlowDefinition {
  services.slots.get(FLOWS).set(definition.id, defineFlow(definition));
  return definition;
}

/**
 * The definition of a flow, if this bot registered it.
 *
 * @example
 * getFlow(turn.services, 'profile')?.steps[0]?.id // 'name'
 */
export function getFlow(services: FlowServices, id: string): FlowDefinition | undefined {
  return services.slots.get(FLOWS).get(id);
}

/** Ids of every flow this bot registered. @example registeredFlowIds(services) // ['profile', 'survey', …] */
export function registeredFlowIds(services: FlowServices): string[] {
  return [...services.slots.get(FLOWS).keys()];
}
