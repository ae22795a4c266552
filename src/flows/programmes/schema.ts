/**
 * Programme files (`content/programmes/*.yaml`), validated with zod: names and texts in vi/en,
 * organiser, benefits, eligibility criteria as data, deadlines, application fields and the
 * knowledge document that is the programme's source. A broken file stops start-up with the file
 * name and the problem, never a founder's chat.
 *
 * @example
 * const programmes = loadProgrammes('content'); // Map id → Programme
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ContentError, type Locale } from '../../content/messages.js';
import { PROVINCES } from '../parse/provinces-data.js';
import { SECTORS, STAGES } from '../onboarding/profile.js';

export const localized = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();
export type Localized = z.infer<typeof localized>;

/** Team traits a programme may require or prefer (asked by the finder when they matter). */
import { TRAITS } from '../onboarding/team-traits.js';
export { TRAITS, type Trait } from '../onboarding/team-traits.js';

const provinceId = z.enum(PROVINCES.map((p) => p.id) as [string, ...string[]]);

const fieldSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/),
    type: z.enum(['text', 'number', 'phone', 'email', 'date', 'yesno', 'choice']),
    prompt: localized,
    /** A short name of the answer ("Điện thoại", "Team size"): the summary reads as a form. */
    label: localized.optional(),
    optional: z.boolean().default(false),
    max: z.number().int().positive().optional(),
    min: z.number().optional(),
    /** Pre-filled from the founder's profile when it holds this. */
    from_profile: z.enum(['name', 'phone', 'email', 'startup', 'province', 'stage', 'sector']).optional(),
    choices: z.array(z.object({ value: z.string().regex(/^[a-z0-9_-]{1,24}$/), label: localized }).strict()).optional(),
  })
  .strict()
  .refine((f) => f.type !== 'choice' || (f.choices?.length ?? 0) > 0, { message: 'a choice field needs choices' });

export const programmeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/),
    name: localized,
    organiser: localized,
    summary: localized,
    benefits: z.array(localized).min(1),
    eligibility: z
      .object({
        stages: z.array(z.enum(STAGES)).optional(),
        sectors: z.array(z.enum(SECTORS)).optional(),
        provinces: z.array(provinceId).optional(),
        regions: z.array(z.enum(['north', 'central', 'highlands', 'south', 'mekong'])).optional(),
        required_traits: z.array(z.enum(TRAITS)).optional(),
        preferred_traits: z.array(z.enum(TRAITS)).optional(),
        /** The smallest team the programme takes: an application with fewer is warned before it is sent. */
        min_team_size: z.number().int().min(1).optional(),
        /** Criteria shown to founders but not checked by the finder. */
        other: z.array(localized).optional(),
      })
      .strict(),
    deadlines: z.array(z.object({ date: z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)).pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)), label: localized }).strict()).optional(),
    /** Open all year (no deadline). */
    rolling: z.boolean().default(false),
    application: z.array(fieldSchema).min(1),
    /** The knowledge document (content/knowledge/<source>) the facts come from. */
    source: z.string().regex(/^[a-z0-9-]+\.md$/),
  })
  .strict();

export type Programme = z.infer<typeof programmeSchema> & {
  /** The source document's title (its first heading): what a founder sees cited, never a file name. */
  sourceTitle: string;
};

/** The first `# ` heading of a knowledge document, or undefined when the file or heading is missing. */
function documentTitle(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  return /^#\s+(.+?)\s*$/m.exec(readFileSync(path, 'utf8'))?.[1];
}
export type ApplicationField = Programme['application'][number];

/** Picks the founder's language from a vi/en pair. @example pick({ vi: 'Xin chào', en: 'Hello' }, 'en') // 'Hello' */
export function pick(text: Localized, locale: Locale): string {
  return text[locale];
}

/**
 * Loads and validates every programme file; the file name must be `<id>.yaml`.
 *
 * @example
 * loadProgrammes('content').get('mekong-innovation')?.rolling // true
 */
export function loadProgrammes(contentDir: string): Map<string, Programme> {
  const dir = join(contentDir, 'programmes');
  const programmes = new Map<string, Programme>();
  if (!existsSync(dir)) return programmes;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const parsed = programmeSchema.safeParse(parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ContentError(`content/programmes/${file}: ${issue.path.join('.')}: ${issue.message}`);
    }
    if (`${parsed.data.id}.yaml` !== file) throw new ContentError(`content/programmes/${file}: id ${parsed.data.id} does not match the file name`);
    const sourceTitle = documentTitle(join(contentDir, 'knowledge', parsed.data.source)) ?? parsed.data.name.vi;
    programmes.set(parsed.data.id, { ...parsed.data, sourceTitle });
  }
  return programmes;
}
