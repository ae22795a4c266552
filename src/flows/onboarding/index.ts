/**
 * Onboarding: the consent gate (order 20) with the account commands and deep links, and the
 * profile flow.
 *
 * @example
 * import { consentFeature } from '../flows/onboarding/index.js';
 */
export { consentFeature, CONSENT_VERSION, CONSENT_AGREE, CONSENT_DECLINE, CONSENT_MORE } from './consent.js';
export { registerDeepLink, deepLinkOf, type DeepLinkHandler } from './deep-links.js';
export { PROFILE_FLOW_ID, STAGES, SECTORS, stageChoices, sectorChoices, profileValue, type Stage, type Sector } from './profile.js';
export { languageRequest } from './account.js';
