/**
 * The features of the bot, in the order the router tries them (see `Feature.order`).
 * A new feature is one import and one entry here.
 */
import { bookingFeature } from '../flows/booking/feature.js';
import { flowFeature } from '../flows/engine/index.js';
import { consentFeature } from '../flows/onboarding/index.js';
import { programmesFeature } from '../flows/programmes/index.js';
import { surveysFeature } from '../flows/surveys/index.js';
import { knowledgeFeatures } from '../knowledge/feature.js';
import { broadcastFeature } from './broadcast/feature.js';
import { handoffFeature } from './handoff/feature.js';
import { housekeepingFeature } from './housekeeping.js';
import { linkingFeature } from './linking/feature.js';
import { fallbackFeature, menuFeature } from './menu.js';
import type { Feature } from './router.js';

export function defaultFeatures(): Feature[] {
  return [handoffFeature(), linkingFeature, broadcastFeature(), consentFeature, flowFeature, programmesFeature, surveysFeature, bookingFeature, menuFeature, fallbackFeature, housekeepingFeature(), ...knowledgeFeatures()];
}
