/**
 * Matches a founder's facts (stage, sector, province, team traits) against programme criteria:
 * for each programme, which criteria match and which do not, and a rank (best first: fewest
 * mismatches, then most matches, then preferred traits). Closed programmes (every deadline
 * passed) are left out.
 *
 * @example
 * rankProgrammes([...programmes.values()], { stage: 'idea', province: 'lang-son' }, '2026-11-23')[0]?.programme.id
 */
import { provinceById } from '../parse/province.js';
import type { Programme, Trait } from './schema.js';

export interface FounderFacts {
  stage?: string;
  sector?: string;
  province?: string;
  traits?: readonly string[];
  /** The team size the founder said in the search (not a criterion: it pre-fills applications). */
  team_size?: number;
}

export type Criterion = 'stage' | 'sector' | 'place' | 'traits' | 'preferred';

export interface CriterionResult {
  criterion: Criterion;
  ok: boolean;
  /** What the programme asks (ids: stages, sectors, province ids or regions, traits). */
  wanted: readonly string[];
}

export interface ProgrammeMatch {
  programme: Programme;
  results: CriterionResult[];
  mismatches: number;
  /** Weighted matches: a place match counts double (a local offer is the most specific). */
  matches: number;
  /** The next deadline from today on, if any. */
  nextDeadline?: string;
}

/**
 * Whether any programme cares about team traits (the finder asks only then).
 *
 * @example
 * traitsMatter(allProgrammes()) // true when a programme prefers e.g. women-led teams
 */
export function traitsMatter(programmes: readonly Programme[]): boolean {
  return programmes.some((p) => (p.eligibility.required_traits?.length ?? 0) + (p.eligibility.preferred_traits?.length ?? 0) > 0);
}

/**
 * Checks one programme against the facts; criteria the programme does not set are not listed.
 *
 * @example
 * matchProgramme(p, { province: 'can-tho' }, '2026-11-23')?.mismatches // 0
 */
export function matchProgramme(programme: Programme, facts: FounderFacts, today: string): ProgrammeMatch | undefined {
  const upcoming = (programme.deadlines ?? []).map((d) => d.date).filter((d) => d >= today).sort();
  if (!programme.rolling && (programme.deadlines?.length ?? 0) > 0 && upcoming.length === 0) return undefined;
  const e = programme.eligibility;
  const results: CriterionResult[] = [];
  if (e.stages?.length) results.push({ criterion: 'stage', ok: Boolean(facts.stage && e.stages.includes(facts.stage as never)), wanted: e.stages });
  if (e.sectors?.length) results.push({ criterion: 'sector', ok: Boolean(facts.sector && e.sectors.includes(facts.sector as never)), wanted: e.sectors });
  if (e.provinces?.length || e.regions?.length) {
    const region = facts.province ? provinceById(facts.province)?.region : undefined;
    const ok = Boolean(
      (facts.province && e.provinces?.includes(facts.province)) || (region && e.regions?.includes(region)),
    );
    results.push({ criterion: 'place', ok, wanted: [...(e.provinces ?? []), ...(e.regions ?? [])] });
  }
  const traits = new Set(facts.traits ?? []);
  if (e.required_traits?.length) {
    results.push({ criterion: 'traits', ok: e.required_traits.every((t) => traits.has(t)), wanted: e.required_traits });
  }
  const preferred = (e.preferred_traits ?? []).filter((t: Trait) => traits.has(t));
  if (preferred.length > 0) results.push({ criterion: 'preferred', ok: true, wanted: preferred });
  const mismatches = results.filter((r) => !r.ok).length;
  const weight: Record<Criterion, number> = { place: 2, stage: 1, sector: 1, traits: 1, preferred: 0.5 };
  const matches = results.filter((r) => r.ok).reduce((sum, r) => sum + weight[r.criterion], 0);
  return { programme, results, mismatches, matches, nextDeadline: upcoming[0] };
}

/**
 * All open programmes, best match first.
 *
 * @example
 * rankProgrammes(allProgrammes(), { stage: 'idea' }, '2026-11-23')[0]?.programme.id
 */
export function rankProgrammes(programmes: readonly Programme[], facts: FounderFacts, today: string): ProgrammeMatch[] {
  return programmes
    .map((p) => matchProgramme(p, facts, today))
    .filter((m): m is ProgrammeMatch => m !== undefined)
    .sort((a, b) => a.mismatches - b.mismatches || b.matches - a.matches || a.programme.id.localeCompare(b.programme.id));
}
