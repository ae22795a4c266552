/**
 * The broadcasts feature, founder side: the unsubscribe button, `/stop` or "hủy đăng ký" (with
 * or without diacritics) to opt out, `/subscribe` to opt back in, and the RSVP button
 * ("Đăng ký tham dự"), which records attendance and schedules a reminder before the event.
 * Its background work is the broadcast runner (delivery rows, staff progress message).
 *
 * @example
 * const features = [broadcastFeature(), ...];
 */
import { foldWords } from '../../nlu/fold.js';
import { normalizeForMatching } from '../../nlu/index.js';
import type { Feature } from '../../bot/router.js';
import type { Services } from '../../bot/services.js';
import type { Turn } from '../../bot/turn.js';
import { broadcastPayloads, readableTitle } from './compose.js';
import { BroadcastRunner, type BroadcastRunnerOptions } from './runner.js';
import { composeHandler, composeStateSchema, COMPOSE_STATE_KEY } from './staff-compose.js';
import { centreTimeZone } from '../../clock/time-zone.js';

const STOP_WORDS = new Set(['/stop', '/unsubscribe', 'unsubscribe', 'huy dang ky', 'huy dang ky nhan tin', 'huy nhan tin', 'dung nhan tin']);
const SUBSCRIBE_WORDS = new Set(['/subscribe', 'subscribe', 'dang ky nhan tin', 'dang ky lai', 'nhan lai thong bao']);

/** "/stop", "Hủy đăng ký!", "huy dang ky" → 'stop'; "/subscribe" → 'subscribe'. */
export function subscriptionCommand(text: string): 'stop' | 'subscribe' | undefined {
  const folded = foldWords(text).replace(/@\S+$/, ''); // "/stop@uom_bot" in groups
  if (STOP_WORDS.has(folded)) return 'stop';
  if (SUBSCRIBE_WORDS.has(folded)) return 'subscribe';
  return undefined;
}

/**
 * Saying one will attend, folded with casual spellings expanded: "tui đăng ký tham dự nha",
 * "mình sẽ đến", "em sẽ tham gia ạ", "cho mình 1 suất", "count me in", "I'll be there",
 * "register me", "I'd like to attend". Checked against the announcements the founder got: with
 * none open, the words go on to the other features ("đăng ký" a programme, a question).
 */
const ATTENDING = new RegExp(
  String.raw`(?:^| )(?:dang ky|dang ki|dk|xin) (?:tham du|tham gia su kien|du|di du)(?: |$)`
  + String.raw`|(?:^| )(?:tham du|di du)(?: (?:nha|nhe|a|voi|luon|di|duoc khong|nhe ad))*$`
  + String.raw`|(?:^| )(?:minh|em|toi|tui|tao|anh|chi|bon (?:em|minh)|ben (?:em|minh)) (?:se|chac chan se|cung se|muon) (?:den|toi|tham du|tham gia|di)(?: (?:nha|nhe|a|day|luon|duoc|voi|do|ne|ad|admin))*$`
  + String.raw`|(?:^| )cho (?:minh|em|toi|tui) (?:1|mot|2|hai) (?:suat|cho|ve)(?: |$)`
  + String.raw`|(?:^| )(?:count (?:me|us) in|i ll be there|i will be there|we ll be there|i ll come|i will come|i ll attend|i will attend|register me|sign me up|rsvp|i d like to (?:attend|come|join)|i want to (?:attend|come|join the event)|i m (?:coming|in|going))(?: |$)`,
);

/** Whether a text says the founder will attend. @example typedRsvp('count me in!') // true */
export function typedRsvp(text: string): boolean {
  return ATTENDING.test(foldWords(normalizeForMatching(text))) || ATTENDING.test(foldWords(text));
}

interface BroadcastInfo {
  id: number;
  title: string;
  rsvp: boolean;
  status: string;
  event_at: string | null;
}

/** When to remind an attendee: a day before, or an hour before when the event is sooner. */
export function reminderTime(eventAt: Date, now: Date): Date | undefined {
  const dayBefore = new Date(eventAt.getTime() - 24 * 3600_000);
  if (dayBefore > now) return dayBefore;
  const hourBefore = new Date(eventAt.getTime() - 3600_000);
  return hourBefore > now ? hourBefore : undefined;
}

/** A time as founders read it: Vietnam time, day/month/year hour:minute. */
export function vietnamTime(date: Date, locale: 'vi' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: centreTimeZone(), hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric',
  }).format(date);
}

/** Turns announcements on or off for the founder, with the reply. @example setSubscribed(turn, false) */
export function setSubscribed(turn: Turn, subscribed: boolean): void {
  turn.effect('fx_broadcast_subscribe', { subscribed });
  if (subscribed) turn.reply({ text: turn.t('broadcast.subscribed') });
  else {
    turn.reply({
      text: turn.t('broadcast.unsubscribed'),
      buttons: [{ label: turn.t('broadcast.resubscribe_button'), payload: broadcastPayloads.encode('subscribe') }],
    });
  }
}

async function rsvp(turn: Turn, id: number): Promise<void> {
  const info = await turn.services.store.call<BroadcastInfo | null>('broadcast_get', { id });
  const eventAt = info?.event_at ? new Date(info.event_at) : undefined;
  const now = turn.services.clock();
  if (!info || !info.rsvp || info.status === 'cancelled' || (eventAt && eventAt <= now)) {
    turn.reply({ text: turn.t('broadcast.rsvp_closed') });
    return;
  }
  turn.effect('fx_broadcast_rsvp', { broadcast_id: id });
  const remindAt = eventAt ? reminderTime(eventAt, now) : undefined;
  const title = readableTitle(info.title); // a title stored before titles were made readable
  const lines = [turn.t('broadcast.rsvp_recorded', { title })];
  if (eventAt && remindAt) {
    lines.push(turn.t('broadcast.rsvp_reminder_note', { time: vietnamTime(remindAt, turn.locale) }));
    turn.enqueue({
      payload: { text: turn.t('broadcast.reminder', { title, time: vietnamTime(eventAt, turn.locale) }) },
      kind: 'reminder',
      priority: 10,
      not_before: remindAt.toISOString(),
      dedupe_key: `broadcast-reminder:${id}:${turn.contact!.id}`,
    });
  }
  turn.reply({ text: lines.join(' ') });
}

/**
 * The feature (order 25: after the consent gate, before an active flow, so "/stop" works in the
 * middle of a form).
 *
 * @example
 * createBot(config, { store, features: [broadcastFeature(), menuFeature] });
 */
export function broadcastFeature(options: BroadcastRunnerOptions & { runner?: boolean } = {}): Feature {
  let runner: BroadcastRunner | undefined;
  return {
    name: 'broadcast',
    order: 25,
    stateSlices: { [COMPOSE_STATE_KEY]: composeStateSchema },
    async handle(turn, next) {
      const { event } = turn;
      if (event.chatType === 'group') return composeHandler(turn, next);
      if (!turn.contact?.consentedAt) return next();
      if (event.kind === 'button') {
        const pressed = broadcastPayloads.decode(event.payload);
        if (pressed?.action === 'stop') return setSubscribed(turn, false);
        if (pressed?.action === 'subscribe') return setSubscribed(turn, true);
        if (pressed?.action === 'rsvp') {
          const id = Number(pressed.args[0]);
          if (Number.isSafeInteger(id) && id > 0) return rsvp(turn, id);
        }
        return next();
      }
      if (event.kind === 'text') {
        const command = subscriptionCommand(event.text);
        if (command) return setSubscribed(turn, command === 'subscribe');
        // "tui đăng ký tham dự", "count me in": the RSVP button of the latest open announcement,
        // typed (not inside a form, whose question it may answer).
        if (!turn.state.flow && typedRsvp(event.text)) {
          const open = await turn.services.store.call<{ id: number } | null>('broadcast_open_rsvp', { contact_id: turn.contact.id });
          if (open) return rsvp(turn, open.id);
        }
      }
      return next();
    },
    async start(services: Services) {
      if (options.runner === false) return;
      runner = new BroadcastRunner(services, options);
      runner.start();
    },
    async stop() {
      await runner?.stop();
    },
  };
}
