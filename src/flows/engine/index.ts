/**
 * The flow engine's public face: declare flows (types), register them, start them from any
 * feature, and install `flowFeature` (order 30).
 *
 * @example
 * import { registerFlow, startFlow, type FlowDefinition } from './index.js';
 */
export * from './types.js';
export { defineFlow, registerFlow, getFlow, registeredFlowIds, type FlowServices } from './registry.js';
export { activeFlow, askAgain, endFlow, flowFeature, resolveText, startFlow, HANDOFF_PAYLOAD, MISSES_BEFORE_OFFER, STALE_AFTER_MS } from './engine.js';
export { choiceLabel, matchChoice, matchChoices, mentionedChoice, readAnswer, type MentionOptions } from './answers.js';
export { universalWord, type UniversalWord } from './universal.js';
export { typedButtonsFeature } from './typed-feature.js';
export { affirmation, labelKey, leadingYesNo, matchShownButton, type ShownButton } from './typed.js';
