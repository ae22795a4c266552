/**
 * Reads the NLU's data from a content folder: the example utterances of each intent
 * (`nlu/intents/*.yaml`), the button labels that count as examples (`nlu/buttons.yaml` →
 * `messages/*.yaml`), the names of spaces, programmes and languages (`nlu/entities.yaml` plus
 * `spaces.yaml` and `programmes/`), the domain word lists and the thresholds. Validated with zod;
 * a bad edit stops start-up with the file name.
 *
 * @example
 * const data = loadNluContent('content');
 * data.examples.length // ~2000
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { INTENT_NAMES, type IntentName } from './types.js';
import type { NamedThing } from './entities/phrases.js';
import type { DomainLists } from './domain.js';

const intentName = z.enum(INTENT_NAMES);
const IntentFile = z.object({ intent: intentName, examples: z.array(z.string().min(1)).min(1) });
const ButtonsFile = z.record(z.string(), intentName);
const EntitiesFile = z.object({
  spaces: z.record(z.string(), z.array(z.string())).default({}),
  programmes: z.record(z.string(), z.array(z.string())).default({}),
  languages: z.object({ vi: z.array(z.string()).default([]), en: z.array(z.string()).default([]) }).default({ vi: [], en: [] }),
});
const DomainFile = z.object({
  knowledge: z.array(z.string()).default([]),
  out_of_scope: z.array(z.string()).default([]),
  not_ours: z.array(z.string()).default([]),
});
const SettingsFile = z.object({
  threshold: z.number().min(0).max(1).default(0.45),
  margin: z.number().min(0).max(1).default(0.12),
  temperature: z.number().positive().default(1),
  epochs: z.number().int().positive().max(100).default(12),
  // Models trained on differently shuffled examples whose probabilities are averaged (1: one model).
  ensemble: z.number().int().min(1).max(9).default(1),
});
const Localized = z.object({ vi: z.string().optional(), en: z.string().optional() }).passthrough();
const NamedYaml = z.object({ id: z.string(), name: Localized }).passthrough();

/** One example utterance and where it came from (a file, or a button's message key). */
export interface Example {
  text: string;
  intent: IntentName;
  source: string;
}

/** Thresholds and training settings. */
export type NluSettings = z.infer<typeof SettingsFile>;

/** Everything the NLU reads from content. */
export interface NluContent {
  examples: Example[];
  spaces: NamedThing[];
  programmes: NamedThing[];
  languages: NamedThing[];
  domain: DomainLists;
  settings: NluSettings;
}

function readYaml<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(parseYaml(readFileSync(file, 'utf8')) ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Removes emoji, placeholders and decoration from a button label. @example cleanLabel('✖️ Hủy {code}') // 'Hủy' */
export function cleanLabel(label: string): string {
  return label
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\([^)]*\/[^)]*\)/g, ' ') // "(/lang vi hoặc /lang en)"
    .replace(/[^\p{L}\p{N}\s'?,.-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function buttonExamples(contentDir: string): Example[] {
  const mapFile = path.join(contentDir, 'nlu', 'buttons.yaml');
  if (!existsSync(mapFile)) return [];
  const mapping = readYaml(mapFile, ButtonsFile);
  const messagesDir = path.join(contentDir, 'messages');
  const messages = new Map<string, z.infer<typeof Localized>>();
  if (existsSync(messagesDir)) {
    for (const name of readdirSync(messagesDir).filter((f) => f.endsWith('.yaml')).sort()) {
      const data = z.record(z.string(), z.unknown()).parse(parseYaml(readFileSync(path.join(messagesDir, name), 'utf8')) ?? {});
      for (const [key, value] of Object.entries(data)) {
        const text = Localized.safeParse(value);
        if (text.success) messages.set(key, text.data);
      }
    }
  }
  const examples: Example[] = [];
  for (const [key, intent] of Object.entries(mapping)) {
    const text = messages.get(key);
    // A label that is missing is skipped rather than fatal: messages are edited by another team.
    if (!text) continue;
    for (const label of [text.vi, text.en]) {
      const cleaned = label ? cleanLabel(label) : '';
      if (cleaned) examples.push({ text: cleaned, intent, source: `button:${key}` });
    }
  }
  return examples;
}

function localizedNames(file: string): NamedThing | undefined {
  const data = NamedYaml.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!data.success) return undefined;
  const phrases: string[] = [];
  for (const name of [data.data.name.vi, data.data.name.en]) {
    if (!name) continue;
    phrases.push(name.replace(/\([^)]*\)/g, ' ').trim());
    for (const inner of name.matchAll(/\(([^)]*)\)/g)) if (!/\d+\s*(người|chỗ|people|seats)/i.test(inner[1]!)) phrases.push(inner[1]!);
  }
  return { id: data.data.id, phrases };
}

function spacesOf(contentDir: string): NamedThing[] {
  const file = path.join(contentDir, 'spaces.yaml');
  if (!existsSync(file)) return [];
  const data = z.object({ spaces: z.array(NamedYaml).default([]) }).passthrough().safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!data.success) return [];
  return data.data.spaces.map((s) => ({
    id: s.id,
    phrases: [s.name.vi, s.name.en].filter((n): n is string => !!n).map((n) => n.replace(/\([^)]*\)/g, ' ').trim()),
  }));
}

function programmesOf(contentDir: string): NamedThing[] {
  const dir = path.join(contentDir, 'programmes');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => localizedNames(path.join(dir, f)))
    .filter((p): p is NamedThing => !!p);
}

function merge(base: readonly NamedThing[], extra: Record<string, string[]>, known?: ReadonlySet<string>): NamedThing[] {
  const byId = new Map<string, string[]>();
  for (const thing of base) byId.set(thing.id, [...thing.phrases]);
  for (const [id, phrases] of Object.entries(extra)) {
    // Names for a space or programme the centre does not have are ignored, never invented.
    if (known && !known.has(id)) continue;
    byId.set(id, [...(byId.get(id) ?? []), ...phrases]);
  }
  return [...byId].map(([id, phrases]) => ({ id, phrases }));
}

/**
 * Loads and validates the NLU content of a folder.
 *
 * @example
 * loadNluContent('content').settings.threshold // 0.45
 */
export function loadNluContent(
  contentDir: string,
  given: { spaces?: readonly NamedThing[]; programmes?: readonly NamedThing[]; examples?: boolean } = {},
): NluContent {
  const nluDir = path.join(contentDir, 'nlu');
  const intentsDir = path.join(nluDir, 'intents');
  const examples: Example[] = [];
  // `examples: false` when the caller brings its own (cross-validation, benchmarks).
  if (given.examples !== false) {
    for (const name of readdirSync(intentsDir).filter((f) => f.endsWith('.yaml')).sort()) {
      const file = readYaml(path.join(intentsDir, name), IntentFile);
      for (const text of file.examples) examples.push({ text, intent: file.intent, source: `intents/${name}` });
    }
    examples.push(...buttonExamples(contentDir));
  }
  const entitiesFile = path.join(nluDir, 'entities.yaml');
  const entities = existsSync(entitiesFile) ? readYaml(entitiesFile, EntitiesFile) : EntitiesFile.parse({});
  const spacesBase = given.spaces ?? spacesOf(contentDir);
  const programmesBase = given.programmes ?? programmesOf(contentDir);
  const domainFile = path.join(nluDir, 'domain.yaml');
  const settingsFile = path.join(nluDir, 'settings.yaml');
  return {
    examples,
    spaces: merge(spacesBase, entities.spaces, new Set(spacesBase.map((s) => s.id))),
    programmes: merge(programmesBase, entities.programmes, new Set(programmesBase.map((p) => p.id))),
    languages: [
      { id: 'vi', phrases: entities.languages.vi },
      { id: 'en', phrases: entities.languages.en },
    ],
    domain: existsSync(domainFile) ? readYaml(domainFile, DomainFile) : { knowledge: [], out_of_scope: [], not_ours: [] },
    settings: existsSync(settingsFile) ? readYaml(settingsFile, SettingsFile) : SettingsFile.parse({}),
  };
}
