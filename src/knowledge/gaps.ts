/**
 * Content gaps for staff: the questions the bot could not answer (abstained, or the documents
 * hold the topic but not the fact asked) and the answers followed by "talk to staff", grouped
 * by similarity (shared distinctive words of the questions) with counts and the closest
 * document, biggest group first, so staff know what to write next. Only questions of founders
 * who consented are logged (`fx_kb_question`), and only within the retention period.
 *
 * @example
 * const groups = await contentGaps(store, { sinceDays: 30 });
 * groups[0] // { count: 4, examples: ['…'], closestDoc: 'faq.md', outcomes: { abstained: 3, escalated: 1 } }
 */
import type { Store } from '../store/store.js';
import { queryTerms } from './query.js';

export interface GapRow {
  question: string;
  outcome: 'answered' | 'abstained' | 'missing_kind';
  confidence: number;
  closest_doc: string | null;
  escalated: boolean;
  at: string;
}

export interface GapGroup {
  count: number;
  /** Up to three questions of the group, newest first. */
  examples: string[];
  /** The document most often closest to the group's questions (null when none was). */
  closestDoc: string | null;
  outcomes: { abstained: number; missing_kind: number; escalated: number };
}

export interface GapOptions {
  /** How many days back (default 30). */
  sinceDays?: number;
  /** Retention period of logged questions in days (default 90). */
  retentionDays?: number;
  /** Two questions are grouped when this share of their words is shared (Jaccard, default 0.5). */
  similarity?: number;
}

/** The words that make a question distinctive (question words, particles and casual forms removed). */
function wordsOf(question: string): Set<string> {
  return new Set(queryTerms(question).words);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Groups gap rows by similarity (greedy: each question joins the first group whose first
 * question it resembles enough).
 *
 * @example
 * groupGaps(rows, 0.5).length
 */
export function groupGaps(rows: readonly GapRow[], similarity = 0.5): GapGroup[] {
  const groups: { words: Set<string>; rows: GapRow[] }[] = [];
  for (const row of rows) {
    const words = wordsOf(row.question);
    const home = groups.find((g) => jaccard(g.words, words) >= similarity);
    if (home) home.rows.push(row);
    else groups.push({ words, rows: [row] });
  }
  return groups
    .map(({ rows: members }) => {
      const docs = new Map<string, number>();
      for (const r of members) if (r.closest_doc) docs.set(r.closest_doc, (docs.get(r.closest_doc) ?? 0) + 1);
      const closestDoc = [...docs].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
      return {
        count: members.length,
        examples: [...new Set(members.map((r) => r.question))].slice(0, 3),
        closestDoc,
        outcomes: {
          abstained: members.filter((r) => r.outcome === 'abstained').length,
          missing_kind: members.filter((r) => r.outcome === 'missing_kind').length,
          escalated: members.filter((r) => r.escalated).length,
        },
      };
    })
    .sort((a, b) => b.count - a.count || a.examples[0]!.localeCompare(b.examples[0]!));
}

/** The content gaps of the last days (see the module comment). */
export async function contentGaps(store: Store, options: GapOptions = {}): Promise<GapGroup[]> {
  const rows = await store.call<GapRow[]>('kb_gaps', { since_days: options.sinceDays ?? 30, retention_days: options.retentionDays ?? 90 });
  return groupGaps(rows, options.similarity);
}

/**
 * Parses "30d", "2w", "12h" (hours round up to a day) into days.
 *
 * @example
 * parseSince('2w') // 14
 */
export function parseSince(text: string): number | null {
  const match = /^\s*(\d{1,4})\s*([dwh]?)\s*$/i.exec(text);
  if (!match) return null;
  const n = Number(match[1]);
  const unit = (match[2] || 'd').toLowerCase();
  return unit === 'w' ? n * 7 : unit === 'h' ? Math.max(1, Math.ceil(n / 24)) : n;
}
