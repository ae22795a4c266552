/**
 * Staff workspace settings from `content/staff.yaml`: business hours and holidays for SLA due
 * times, first-response targets by priority, the reopen window. Validated with zod at start-up.
 *
 * @example
 * const settings = loadStaffSettings('content');
 * settings.reopen_days; // 7
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { botSlot, type Services } from '../../bot/services.js';
import { ContentError } from '../../content/messages.js';
import { centreTimeZone, isTimeZone } from '../../clock/time-zone.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

export const staffSettingsSchema = z
  .object({
    // The centre's TIME_ZONE setting unless staff.yaml overrides it (the one setting is TIME_ZONE).
    timezone: z.string().refine(isTimeZone, 'expected an IANA time zone such as Asia/Ho_Chi_Minh').default(() => centreTimeZone()),
    business_hours: z.object({ start: clock, end: clock }).refine((h) => h.start < h.end, 'start must be before end')
      .default({ start: '08:00', end: '17:30' }),
    workdays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')).default([]),
    first_response_minutes: z
      .object({ 1: z.number().positive(), 2: z.number().positive(), 3: z.number().positive() })
      .default({ 1: 60, 2: 240, 3: 480 }),
    /** A founder's reply (reply-to) to a staff message within this many days reopens a resolved ticket. */
    reopen_days: z.number().min(0).default(7),
    /** Any message (not a bot command, a flow answer or another request) within this many minutes after resolve reopens it. */
    reopen_minutes: z.number().min(0).max(1440).default(10),
    check_interval_seconds: z.number().positive().default(30),
    staff_locale: z.enum(['vi', 'en']).default('vi'),
    /** Typed phrases (matched folded, as whole words in a short message) that ask for a person. */
    request_phrases: z.array(z.string().min(2)).min(1).default(['gặp cán bộ', 'nhân viên', 'talk to a human', 'talk to staff']),
  })
  .strict();

export type StaffSettings = z.infer<typeof staffSettingsSchema>;

/**
 * Reads and validates `<contentDir>/staff.yaml` (defaults when the file is absent), afresh on
 * each call: a bot keeps its own copy (`staffSettings(services)`), tools read it when they need it.
 *
 * @example
 * loadStaffSettings('content').reopen_days; // 7
 */
export function loadStaffSettings(contentDir: string): StaffSettings {
  const path = join(contentDir, 'staff.yaml');
  const raw: unknown = existsSync(path) ? (parse(readFileSync(path, 'utf8')) ?? {}) : {};
  const parsed = staffSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ContentError(`content/staff.yaml: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  return parsed.data;
}

const STAFF_SETTINGS = botSlot<{ settings?: StaffSettings }>('staff.settings', () => ({}));

/**
 * This bot's staff settings: read from its content folder once (the handoff feature's `init`
 * reads them at start-up, so a bad file stops start-up) and kept per bot, never shared with
 * another bot in the process.
 *
 * @example
 * staffSettings(turn.services).staff_locale; // 'vi'
 */
export function staffSettings(services: Pick<Services, 'slots' | 'config'>): StaffSettings {
  const slot = services.slots.get(STAFF_SETTINGS);
  slot.settings ??= loadStaffSettings(services.config.CONTENT_DIR);
  return slot.settings;
}
