/**
 * The staff workspace's background work: creates a forum topic for each ticket that has none
 * (then the card and the founder messages that waited are queued, in order, in one database
 * call), fills in SLA due times for tickets opened without one, and announces overdue first
 * responses. A ticket is never lost when Telegram is down: it simply gets its topic on a later
 * round.
 *
 * @example
 * const worker = new StaffWorker(services);
 * await worker.runOnce(); // tests; `start()` repeats it every check_interval_seconds
 */
import { GrammyError } from 'grammy';
import { createTelegramApi } from '../../bot/channels/telegram/api-client.js';
import { translator } from '../../content/messages.js';
import { topicNotice } from '../handoff/notices.js';
import { priorityFor } from '../handoff/open-ticket.js';
import { staffSettings } from '../handoff/settings.js';
import { addBusinessMinutes, formatLocal } from '../handoff/sla.js';
import type { Ticket } from '../handoff/tickets.js';
import type { Services } from '../../bot/services.js';
import { ticketCard, topicName } from './card.js';

/** Creates a forum topic and returns its `message_thread_id`. */
export type CreateTopic = (chatId: string, name: string) => Promise<string>;

/**
 * The Bot API's createForumTopic through grammY (honours TELEGRAM_API_ROOT).
 *
 * @example
 * const create = telegramTopicCreator(config.TELEGRAM_BOT_TOKEN!, config.TELEGRAM_API_ROOT);
 */
export function telegramTopicCreator(token: string, apiRoot?: string): CreateTopic {
  const api = createTelegramApi({ token, ...(apiRoot ? { apiRoot } : {}) });
  return async (chatId, name) => {
    const topic = await api.createForumTopic(chatId, name);
    return String(topic.message_thread_id);
  };
}

/**
 * A loggable reason without secrets: network errors from the Bot API client may carry the request
 * URL, which contains the bot token, so only Telegram's own description or the error's name is kept.
 *
 * @example
 * log.warn({ reason: safeReason(error) }, 'failed');
 */
export function safeReason(error: unknown): string {
  if (error instanceof GrammyError) return `${error.error_code}: ${error.description}`;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return `${error.name} ${error.code}`;
  return error instanceof Error ? error.name : 'unknown error';
}

export class StaffWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private busy = false;
  private readonly createTopic: CreateTopic | undefined;

  constructor(private readonly services: Services, createTopic?: CreateTopic) {
    const { config } = services;
    this.createTopic = createTopic ??
      (config.STAFF_CHAT_ID && config.TELEGRAM_BOT_TOKEN
        ? telegramTopicCreator(config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_API_ROOT)
        : undefined);
  }

  /** One round: topics, SLA due times, overdue announcements. Never throws. */
  async runOnce(): Promise<{ topics: number; overdue: number }> {
    const result = { topics: 0, overdue: 0 };
    try {
      result.topics = await this.syncTickets();
      result.overdue = await this.announceOverdue();
    } catch (error) {
      this.services.log.warn({ reason: safeReason(error) }, 'staff workspace round failed; retrying next round');
    }
    return result;
  }

  start(): void {
    const seconds = staffSettings(this.services).check_interval_seconds;
    const tick = () => {
      if (this.busy) return; // a slow round (Telegram timing out) is not overlapped
      this.busy = true;
      this.running = this.runOnce().then(() => {
        this.busy = false;
      });
    };
    tick();
    this.timer = setInterval(tick, seconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async syncTickets(): Promise<number> {
    const { store, config, log, messages } = this.services;
    const settings = staffSettings(this.services);
    const staffChat = config.STAFF_CHAT_ID;
    const canPost = Boolean(staffChat && this.createTopic);
    const tickets = await store.call<Ticket[]>('ticket_sync_claim', { need_topic: canPost, limit: 10, lease_seconds: 60 });
    const t = translator(messages, settings.staff_locale);
    let created = 0;
    for (const ticket of tickets) {
      if (!ticket.sla_due_at) {
        const due = addBusinessMinutes(new Date(ticket.opened_at), settings.first_response_minutes[priorityFor(ticket.reason)], settings);
        await store.call('ticket_set_sla', { ticket_id: ticket.id, due: due.toISOString() });
        ticket.sla_due_at = due.toISOString();
      }
      if (!canPost || ticket.topic_id) continue;
      try {
        const topicId = await this.createTopic!(staffChat!, topicName(ticket, t));
        await store.call('ticket_topic_set', {
          ticket_id: ticket.id, staff_chat_id: staffChat, topic_id: topicId, card: ticketCard(ticket, t, settings),
        });
        created++;
        this.services.wakeSender();
      } catch (error) {
        // Telegram down or the group misconfigured: the ticket keeps waiting for its topic.
        log.warn({ ticket: ticket.number, reason: safeReason(error) }, 'could not create the ticket topic; will retry');
      }
    }
    return created;
  }

  private async announceOverdue(): Promise<number> {
    const { store, config, messages, clock } = this.services;
    const settings = staffSettings(this.services);
    const t = translator(messages, settings.staff_locale);
    const overdue = await store.call<Ticket[]>('ticket_overdue', { now: clock().toISOString() });
    let announced = 0;
    for (const ticket of overdue) {
      const text = t('handoff.staff.overdue', {
        number: ticket.number,
        name: ticket.founder_name ?? t('handoff.unknown_founder'),
        due: formatLocal(new Date(ticket.sla_due_at!), settings, settings.staff_locale),
      });
      // In the ticket's topic and in General, where everyone sees it.
      const outbox = [
        ...topicNotice(ticket, { text }, `handoff:overdue:${ticket.id}:${ticket.sla_due_at}`),
        { channel: 'telegram', recipient: ticket.staff_chat_id, payload: { text }, kind: 'staff', priority: 5,
          dedupe_key: `handoff:overdue-general:${ticket.id}:${ticket.sla_due_at}` },
      ];
      const result = await store.call<{ ok: boolean }>('ticket_overdue_announce', { ticket_id: ticket.id, outbox });
      if (result.ok) announced++;
    }
    if (announced > 0) this.services.wakeSender();
    return announced;
  }
}
