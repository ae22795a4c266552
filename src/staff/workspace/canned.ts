/**
 * Canned replies staff send with `/t <name>`, from `content/canned/*.yaml` (`name: {vi, en}`).
 *
 * @example
 * const canned = loadCannedReplies('content');
 * canned.get('chao')?.vi; // "Chào bạn, ..."
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ContentError, type Locale } from '../../content/messages.js';

const fileSchema = z.record(
  z.string().regex(/^[a-z0-9_-]{1,40}$/, 'names are lower-case letters, digits, - and _'),
  z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict(),
);

export type CannedReplies = ReadonlyMap<string, Readonly<Record<Locale, string>>>;

/**
 * Loads and validates every canned reply; a broken file stops start-up with its name.
 *
 * @example
 * loadCannedReplies('content').size; // 5
 */
export function loadCannedReplies(contentDir: string): CannedReplies {
  const dir = join(contentDir, 'canned');
  const replies = new Map<string, Record<Locale, string>>();
  if (!existsSync(dir)) return replies;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const parsed = fileSchema.safeParse(parse(readFileSync(join(dir, file), 'utf8')) ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ContentError(`content/canned/${file}: ${issue.path.join('.')}: ${issue.message}`);
    }
    for (const [name, entry] of Object.entries(parsed.data)) {
      if (replies.has(name)) throw new ContentError(`content/canned/${file}: canned reply ${name} is defined twice`);
      replies.set(name, { vi: entry.vi.trimEnd(), en: entry.en.trimEnd() });
    }
  }
  return replies;
}
