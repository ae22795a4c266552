/**
 * `/broadcast` in the staff group (General topic; admins on the roster only): compose an
 * announcement step by step — text (optionally a photo with caption), an optional link, an
 * optional RSVP button with the event time, the audience (filter language, size shown), now or
 * at a time — then a preview of exactly what founders will get and a Send / Cancel choice.
 * Each admin's draft is kept apart in the group conversation's state; `/cancel` discards it.
 * Progress then appears in the group as one message, edited as it goes (broadcast runner).
 *
 * @example
 * if (turn.event.chatType === 'group') return composeHandler(turn, next);
 */
import { z } from 'zod';
import { translator } from '../../content/messages.js';
import { foldWords } from '../../nlu/fold.js';
import { staffRole } from '../workspace/roster.js';
import type { Turn } from '../../bot/turn.js';
import { AudienceError, audienceErrorText, parseAudience } from './audience.js';
import { announcement, broadcastPayloads, broadcastRecord, countAudience } from './compose.js';
import { isPastSendTime, parseVietnamTime } from './when.js';
import { centreTimeZone, formatInstant } from '../../clock/time-zone.js';

type Step = 'text' | 'link' | 'rsvp' | 'audience' | 'when' | 'confirm';

interface Draft {
  step: Step;
  text?: string;
  imageUrl?: string;
  link?: { label: string; url: string };
  rsvp?: boolean;
  eventAt?: string;
  audience?: string;
  count?: number;
  sendAt?: string;
}

/** State key of the drafts, one per staff member composing (by user id). */
export const COMPOSE_STATE_KEY = 'broadcastCompose';
const STATE_KEY = COMPOSE_STATE_KEY;

/** The composer's slice of the staff group's conversation state. */
export const composeStateSchema = z.record(z.string(), z.object({
  step: z.enum(['text', 'link', 'rsvp', 'audience', 'when', 'confirm']),
  text: z.string().optional(),
  imageUrl: z.string().optional(),
  link: z.object({ label: z.string(), url: z.string() }).optional(),
  rsvp: z.boolean().optional(),
  eventAt: z.string().optional(),
  audience: z.string().optional(),
  count: z.number().optional(),
  sendAt: z.string().optional(),
})) satisfies z.ZodType<Record<string, Draft>>;
const CONFIRM = broadcastPayloads.encode('compose', 'send');
const CANCEL = broadcastPayloads.encode('compose', 'cancel');
const NO_WORDS = new Set(['khong', 'ko', 'k', 'no', 'none', 'bo qua', 'skip']);
const NOW_WORDS = new Set(['ngay', 'now', 'ngay bay gio', 'gui ngay', 'bay gio']);

function drafts(turn: Turn): Record<string, Draft> {
  const current = turn.state[STATE_KEY];
  if (current && typeof current === 'object') return current as Record<string, Draft>;
  const fresh: Record<string, Draft> = {};
  turn.state[STATE_KEY] = fresh;
  return fresh;
}

function isStaffGroup(turn: Turn): boolean {
  const staffChat = turn.services.config.STAFF_CHAT_ID;
  return Boolean(staffChat) && turn.event.channel === 'telegram' && turn.event.chatId === staffChat;
}

function commandOf(text: string): string | undefined {
  return /^\/([a-z_]+)(?:@\S+)?(?:\s|$)/i.exec(text.trim())?.[1]?.toLowerCase();
}

/** Handles staff-group turns that belong to the composer; passes the rest on. */
export async function composeHandler(turn: Turn, next: () => Promise<void>): Promise<void> {
  const { event, services } = turn;
  if (!isStaffGroup(turn)) return next();
  const all = drafts(turn);
  const draft = all[event.userId];
  const text = event.kind === 'text' ? event.text : event.kind === 'image' ? (event.caption ?? '') : '';
  const command = commandOf(text);
  const button = event.kind === 'button' && (event.payload === CONFIRM || event.payload === CANCEL) ? event.payload : undefined;
  if (command !== 'broadcast' && !draft) return next();
  if (!draft && button) return next();

  const t = translator(services.messages, services.config.DEFAULT_LOCALE);
  turn.logInbound = false;
  const say = (key: string, vars?: Record<string, string | number>) => turn.reply({ text: t(key, vars) });

  if (command === 'broadcast') {
    if ((await staffRole(services.store, event.userId)) !== 'admin') return say('broadcast.compose_not_admin');
    all[event.userId] = { step: 'text' };
    return say('broadcast.compose_start');
  }
  if (!draft) return next();
  if (command === 'cancel' || button === CANCEL) {
    delete all[event.userId];
    return say('broadcast.compose_cancelled');
  }
  const answer = foldWords(text);

  switch (draft.step) {
    case 'text': {
      if (text.trim() === '' || command) return say('broadcast.compose_start');
      draft.text = text.trim();
      if (event.kind === 'image') draft.imageUrl = event.file.url ?? event.file.fileId;
      draft.step = 'link';
      return say('broadcast.compose_link');
    }
    case 'link': {
      if (!NO_WORDS.has(answer)) {
        const [label, url] = text.split('|').map((s) => s.trim());
        if (!label || !url || !/^https?:\/\//.test(url) || !URL.canParse(url)) return say('broadcast.compose_link_invalid');
        draft.link = { label, url };
      }
      draft.step = 'rsvp';
      return say('broadcast.compose_rsvp');
    }
    case 'rsvp': {
      if (NO_WORDS.has(answer)) draft.rsvp = false;
      else {
        const eventAt = parseVietnamTime(text);
        if (!eventAt || eventAt <= services.clock()) return say('broadcast.compose_time_invalid');
        draft.rsvp = true;
        draft.eventAt = eventAt.toISOString();
      }
      draft.step = 'audience';
      return say('broadcast.compose_audience');
    }
    case 'audience': {
      try {
        const spec = parseAudience(text);
        draft.count = (await countAudience(services.store, spec)).total;
        draft.audience = text.trim() || 'all';
      } catch (error) {
        if (error instanceof AudienceError) return say('broadcast.compose_audience_invalid', { error: audienceErrorText(t, error) });
        throw error;
      }
      draft.step = 'when';
      return say('broadcast.compose_when');
    }
    case 'when': {
      if (!NOW_WORDS.has(answer)) {
        const sendAt = parseVietnamTime(text);
        if (!sendAt) return say('broadcast.compose_time_invalid');
        if (isPastSendTime(sendAt, services.clock())) return say('broadcast.time_past', { time: formatInstant(sendAt), zone: centreTimeZone() });
        draft.sendAt = sendAt.toISOString();
      }
      draft.step = 'confirm';
      // The preview is exactly what a founder gets (their name filled in as the admin's).
      const preview = announcement(services.messages, services.config.DEFAULT_LOCALE, {
        text: draft.text!.replaceAll('{name}', event.userName || t('broadcast.name_fallback')),
        ...(draft.imageUrl ? { imageUrl: draft.imageUrl } : {}),
        ...(draft.link ? { link: draft.link } : {}),
      }, draft.rsvp);
      turn.reply({ ...preview, buttons: [] });
      const when = draft.sendAt ? new Date(draft.sendAt).toLocaleString('vi-VN', { timeZone: centreTimeZone() }) : t('broadcast.compose_now');
      turn.reply({
        text: t('broadcast.compose_preview', { count: draft.count ?? 0, when }),
        buttons: [
          { label: t('broadcast.compose_confirm_button'), payload: CONFIRM },
          { label: t('broadcast.compose_cancel_button'), payload: CANCEL },
        ],
      });
      return;
    }
    case 'confirm': {
      if (button !== CONFIRM) return say('broadcast.compose_preview', { count: draft.count ?? 0, when: draft.sendAt ?? t('broadcast.compose_now') });
      // Created by an effect, in the same transaction as the turn: a retried turn cannot
      // create it twice.
      turn.effect('fx_broadcast_create', {
        broadcast: broadcastRecord(services.messages, {
          createdBy: `telegram:${event.userId}`,
          text: draft.text!,
          audience: draft.audience ?? 'all',
          rsvp: Boolean(draft.rsvp),
          ...(draft.imageUrl ? { imageUrl: draft.imageUrl } : {}),
          ...(draft.link ? { link: draft.link } : {}),
          ...(draft.eventAt ? { eventAt: new Date(draft.eventAt) } : {}),
          ...(draft.sendAt ? { sendAt: new Date(draft.sendAt) } : {}),
          progressChatId: event.chatId,
        }),
      });
      const count = draft.count ?? 0;
      delete all[event.userId];
      return say('broadcast.compose_created', { count });
    }
  }
}
