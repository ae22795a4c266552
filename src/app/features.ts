/**
 * The features of the bot, in the order the router tries them (see `Feature.order`).
 * A new feature is one import and one entry here.
 */
import { bookingFeature } from '../flows/booking/feature.js';
import { spacesDocument } from '../flows/booking/spaces-document.js';
import { withTopicInContext } from '../flows/intents/topic.js';
import { loadSpaces } from '../flows/booking/spaces.js';
import { flowFeature, typedButtonsFeature } from '../flows/engine/index.js';
import { intentsFeature } from '../flows/intents/feature.js';
import { consentFeature } from '../flows/onboarding/index.js';
import { programmesFeature } from '../flows/programmes/index.js';
import { surveysFeature } from '../flows/surveys/index.js';
import { knowledgeFeatures } from '../knowledge/feature.js';
import { broadcastFeature } from '../staff/broadcast/feature.js';
import { handoffFeature } from '../staff/handoff/feature.js';
import { housekeepingFeature } from '../bot/housekeeping.js';
import { linkingFeature } from '../flows/linking/feature.js';
import { fallbackFeature, menuFeature } from '../flows/menu.js';
import type { Feature } from '../bot/router.js';

export function defaultFeatures(): Feature[] {
  // Listed roughly in order; the router sorts by `Feature.order` anyway.
  return [
    linkingFeature, // 5: /link codes are never relayed or gated
    handoffFeature(), // 10: an open ticket takes every founder message
    consentFeature, // 20: nothing personal before consent
    broadcastFeature(), // 25: /stop, /subscribe, RSVP, staff /broadcast
    typedButtonsFeature, // 28: a typed label or number of the last message's buttons is a press
    flowFeature, // 30: the active flow step
    programmesFeature, // 40
    surveysFeature, // 42
    bookingFeature, // 40
    menuFeature, // 50
    intentsFeature, // 85: typed requests (NLU) no feature recognised; questions go on to the knowledge base
    // 5 feedback, 45 menu:ask, 90 any other text; the spaces are a document too (capacity, amenities, hours)
    ...knowledgeFeatures({
      generated: (services) => [spacesDocument(loadSpaces(services.config.CONTENT_DIR))],
      // "phòng có máy chiếu ko" after booking the meeting room: that room; "chương trình này": the card shown;
      // "giá bao nhiêu" while booking or after another question: that topic (flows/intents/topic.ts)
      inContext: withTopicInContext,
    }),
    fallbackFeature, // 1000
    housekeepingFeature(), // background retention job
  ];
}
