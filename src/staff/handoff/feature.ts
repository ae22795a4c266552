/**
 * The handoff feature (order 10, before the consent gate and flows): founders with an open
 * ticket talk to staff instead of the bot, requests for a person open tickets, and events from
 * the staff group are the staff workspace. Its background worker creates ticket topics and
 * announces overdue first responses.
 *
 * @example
 * // features.ts
 * return [handoffFeature(), consentFeature, ...];
 */
import { ContentError } from '../../content/messages.js';
import type { Feature } from '../../bot/router.js';
import type { Services } from '../../bot/services.js';
import { loadCannedReplies } from '../workspace/canned.js';
import { StaffWorker, type CreateTopic } from '../workspace/topics.js';
import { handleStaffTurn, isStaffChat } from '../workspace/workspace.js';
import { handleFounderTurn, handoffStateSchema } from './founder.js';
import { staffSettings } from './settings.js';

export interface HandoffFeatureOptions {
  /** Replaces Telegram's createForumTopic (tests). */
  createTopic?: CreateTopic;
}

/**
 * A handoff feature instance (each holds its own background worker).
 *
 * @example
 * const handoff = handoffFeature();
 */
export function handoffFeature(options: HandoffFeatureOptions = {}): Feature & { worker(): StaffWorker | undefined } {
  let worker: StaffWorker | undefined;
  return {
    name: 'handoff',
    order: 10,
    stateSlices: { handoff: handoffStateSchema },
    async init(services: Services) {
      staffSettings(services);
      loadCannedReplies(services.config.CONTENT_DIR);
      for (const key of ['handoff.opened', 'handoff.staff.card']) {
        if (!services.messages.has(key)) throw new ContentError(`content/messages/handoff.yaml: missing ${key}`);
      }
      const { STAFF_CHAT_ID, TELEGRAM_BOT_TOKEN } = services.config;
      if (STAFF_CHAT_ID && !TELEGRAM_BOT_TOKEN && !options.createTopic) {
        services.log.warn('STAFF_CHAT_ID is set but TELEGRAM_BOT_TOKEN is not: tickets are handled with `uom tickets` only');
      }
      worker = new StaffWorker(services, options.createTopic);
    },
    async handle(turn, next) {
      if (isStaffChat(turn)) return handleStaffTurn(turn, next);
      if (turn.event.chatType === 'group') return next();
      if (await handleFounderTurn(turn)) return;
      return next();
    },
    async start() {
      worker?.start();
    },
    async stop() {
      await worker?.stop();
    },
    worker: () => worker,
  };
}
