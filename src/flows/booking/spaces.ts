/**
 * The centre's bookable spaces, from `content/spaces.yaml`, validated with zod. A broken file
 * stops start-up with a message naming the field, never a founder's chat. `toSyncPayload` turns
 * the content into what `booking_spaces_sync` stores: the database enforces the rules (opening
 * hours, closed dates, lengths, horizon, per-founder limit) so every caller obeys them.
 *
 * @example
 * const spaces = loadSpaces('content');
 * await store.call('booking_spaces_sync', { spaces: toSyncPayload(spaces) });
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ContentError, type Locale } from '../../content/messages.js';

const text = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();
export type LocalText = z.infer<typeof text>;

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
const dayHours = z.union([
  z.literal('closed'),
  z
    .string()
    .regex(/^\d\d:\d\d-\d\d:\d\d$/, 'expected "HH:MM-HH:MM" or "closed"')
    .refine((v) => {
      const [open, close] = v.split('-') as [string, string];
      return hhmm.test(open) && hhmm.test(close) && open < close;
    }, 'expected opening before closing, e.g. "07:30-17:00"'),
]);

const rulesSchema = z
  .object({
    slot_minutes: z.number().int().min(5).max(240),
    min_minutes: z.number().int().positive(),
    max_minutes: z.number().int().positive(),
    horizon_days: z.number().int().min(0).max(366),
    max_upcoming: z.number().int().min(1).max(50),
    hours: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, dayHours.default('closed')])) as Record<
      (typeof WEEKDAYS)[number],
      z.ZodDefault<typeof dayHours>
    >),
  })
  .strict();
export type SpaceRules = z.infer<typeof rulesSchema>;

const kindSchema = z.enum(['hot_desk', 'meeting_room', 'hall', 'quiet_room']);
export type SpaceKind = z.infer<typeof kindSchema>;
export const SPACE_KINDS: readonly SpaceKind[] = kindSchema.options;

const spaceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'expected a short id of a-z, 0-9, - and _'),
    kind: kindSchema,
    capacity: z.number().int().min(1).max(1000),
    people: z.number().int().positive().optional(),
    name: text,
    description: text.optional(),
    amenities: z.array(text).default([]),
    photo: z.url().optional(),
    rules: rulesSchema.partial().default({}),
  })
  .strict()
  .refine((s) => s.kind === 'hot_desk' || s.capacity === 1, {
    message: 'only hot desks have several seats; rooms, halls and quiet rooms are booked whole (capacity 1)',
    path: ['capacity'],
  });

const fileSchema = z
  .object({
    centre: z
      .object({ name: text, address: text, map_url: z.url().optional(), phone: z.string().optional() })
      .strict(),
    rules: rulesSchema,
    closed_dates: z
      .array(z.object({ date: z.union([z.iso.date(), z.date().transform((d) => d.toISOString().slice(0, 10))]), name: z.string().optional() }).strict())
      .nullish()
      .transform((v) => v ?? []),
    spaces: z.array(spaceSchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    file.spaces.forEach((space, i) => {
      if (ids.has(space.id)) ctx.addIssue({ code: 'custom', path: ['spaces', i, 'id'], message: `duplicate id ${space.id}` });
      ids.add(space.id);
      const rules = { ...file.rules, ...space.rules };
      if (rules.min_minutes > rules.max_minutes || rules.min_minutes % rules.slot_minutes || rules.max_minutes % rules.slot_minutes) {
        ctx.addIssue({
          code: 'custom',
          path: ['spaces', i, 'rules'],
          message: 'min_minutes and max_minutes must be multiples of slot_minutes, min ≤ max',
        });
      }
    });
  });

export interface Space {
  id: string;
  kind: SpaceKind;
  capacity: number;
  people?: number;
  name: LocalText;
  description?: LocalText;
  amenities: LocalText[];
  photo?: string;
  /** The centre's rules with this space's own on top. */
  rules: SpaceRules;
}

export interface SpacesContent {
  centre: { name: LocalText; address: LocalText; mapUrl?: string; phone?: string };
  closedDates: { date: string; name?: string }[];
  spaces: Space[];
}

/** Parses and validates the text of a spaces file; `source` names it in errors. @example parseSpaces(readFileSync('content/spaces.yaml', 'utf8')) */
export function parseSpaces(yamlText: string, source = 'content/spaces.yaml'): SpacesContent {
  let raw: unknown;
  try {
    raw = parse(yamlText);
  } catch (error) {
    throw new ContentError(`${source}: not valid YAML: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ContentError(`${source}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const file = parsed.data;
  return {
    centre: { name: file.centre.name, address: file.centre.address, mapUrl: file.centre.map_url, phone: file.centre.phone },
    closedDates: file.closed_dates,
    spaces: file.spaces.map((s) => ({
      id: s.id,
      kind: s.kind,
      capacity: s.capacity,
      people: s.people,
      name: s.name,
      description: s.description,
      amenities: s.amenities,
      photo: s.photo,
      rules: { ...file.rules, ...s.rules, hours: { ...file.rules.hours, ...(s.rules.hours ?? {}) } },
    })),
  };
}

/** Reads `<contentDir>/spaces.yaml`. @example loadSpaces('content').spaces.length // 4 */
export function loadSpaces(contentDir: string): SpacesContent {
  const path = join(contentDir, 'spaces.yaml');
  let yamlText: string;
  try {
    yamlText = readFileSync(path, 'utf8');
  } catch {
    throw new ContentError(`${path}: cannot read the spaces file`);
  }
  return parseSpaces(yamlText, path);
}

/**
 * The rows `booking_spaces_sync` stores: hours keyed by ISO weekday ("1" = Monday), closed days
 * as ISO dates.
 *
 * @example
 * toSyncPayload(loadSpaces('content'))[0].rules.hours['1'] // ['07:30', '17:00']
 */
export function toSyncPayload(content: SpacesContent): Record<string, unknown>[] {
  return content.spaces.map((s) => ({
    id: s.id,
    kind: s.kind,
    capacity: s.capacity,
    name: s.name,
    info: { people: s.people ?? null, photo: s.photo ?? null },
    rules: {
      slot_minutes: s.rules.slot_minutes,
      min_minutes: s.rules.min_minutes,
      max_minutes: s.rules.max_minutes,
      horizon_days: s.rules.horizon_days,
      max_upcoming: s.rules.max_upcoming,
      hours: Object.fromEntries(
        WEEKDAYS.flatMap((day, i) => {
          const h = s.rules.hours[day];
          return h === 'closed' ? [] : [[String(i + 1), h.split('-')]];
        }),
      ),
      closed_dates: content.closedDates.map((d) => d.date),
    },
  }));
}

/** A space's name in a language. @example spaceName(space, 'en') // 'Hot desk' */
export function spaceName(space: Pick<Space, 'name'>, locale: Locale): string {
  return space.name[locale];
}
