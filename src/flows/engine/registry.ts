/**
 * Flow ids → definitions. Each area registers its flows when its module loads, so any feature
 * can start any flow by id (`startFlow(turn, 'profile')`).
 *
 * @example
 * registerFlow(profileFlow);
 * getFlow('profile')?.steps.length;
 */
import type { FlowDefinition } from './types.js';

const flows = new Map<string, FlowDefinition>();

/**
 * Adds (or replaces, for tests) a flow definition. Step ids must be unique and free of ':'.
 *
 * @example
 * export const profileFlow = registerFlow({ id: 'profile', steps: [...] });
 */
export function registerFlow(definition: FlowDefinition): FlowDefinition {
  const ids = new Set<string>();
  for (const step of definition.steps) {
    if (ids.has(step.id) || step.id.includes(':') || step.id.startsWith('_')) {
      throw new Error(`flow ${definition.id}: step id ${step.id} is duplicated or invalid`);
    }
    ids.add(step.id);
  }
  flows.set(definition.id, definition);
  return definition;
}

/**
 * The definition of a flow, if registered.
 *
 * @example
 * getFlow('profile')?.steps[0]?.id // 'name'
 */
export function getFlow(id: string): FlowDefinition | undefined {
  return flows.get(id);
}

/** Ids of every registered flow. @example registeredFlowIds() // ['profile', 'survey', …] */
export function registeredFlowIds(): string[] {
  return [...flows.keys()];
}
