/**
 * The message catalogue: every text the bot says, in Vietnamese and English, from
 * `content/messages/*.yaml` (one file per area, so teams edit their own). Each key holds both
 * languages side by side; a key missing a language fails start-up, never a founder's chat.
 *
 * @example
 * const catalog = loadMessages('content');
 * const t = translator(catalog, 'vi');
 * t('menu.prompt', { name: 'Lan' }); // "Chào Lan! ..."
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

export type Locale = 'vi' | 'en';
export const LOCALES: readonly Locale[] = ['vi', 'en'];

const entrySchema = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();
const fileSchema = z.record(z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, 'keys look like area.name'), entrySchema);

export type MessageCatalog = ReadonlyMap<string, Readonly<Record<Locale, string>>>;
export type TranslateVars = Record<string, string | number>;
/** Looks up a text in one language and fills `{name}` placeholders. */
export type Translator = (key: string, vars?: TranslateVars) => string;

/** Raised for a broken content file; the message names the file and the problem. */
export class ContentError extends Error {
  readonly code = 'CONTENT_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ContentError';
  }
}

/** Loads and validates every `*.yaml` in `<contentDir>/messages`. */
export function loadMessages(contentDir: string): MessageCatalog {
  const dir = join(contentDir, 'messages');
  const catalog = new Map<string, Record<Locale, string>>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const parsed = fileSchema.safeParse(parse(readFileSync(join(dir, file), 'utf8')) ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ContentError(`content/messages/${file}: ${issue.path.join('.')}: ${issue.message}`);
    }
    for (const [key, entry] of Object.entries(parsed.data)) {
      if (catalog.has(key)) throw new ContentError(`content/messages/${file}: key ${key} is defined twice`);
      catalog.set(key, { vi: entry.vi.trimEnd(), en: entry.en.trimEnd() });
    }
  }
  return catalog;
}

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function interpolate(text: string, vars: TranslateVars = {}): string {
  return text.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

/** A translator for one language. An unknown key is a programming error and throws. */
export function translator(catalog: MessageCatalog, locale: Locale): Translator {
  return (key, vars) => {
    const entry = catalog.get(key);
    if (!entry) throw new ContentError(`no message with key ${key}`);
    return interpolate(entry[locale], vars);
  };
}

/** Picks a supported language from a platform tag such as `en-US`, or undefined. */
export function localeFromTag(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const base = tag.toLowerCase().slice(0, 2);
  return base === 'vi' || base === 'en' ? base : undefined;
}
