/**
 * Team traits the programme criteria use (women-led, social impact, students, craft village) and
 * the team size, as founders type them anywhere ("team e 3 người, founder nữ", "our CEO is a
 * woman", "sinh viên năm 3"). Shared by the profile, which keeps them on the contact, and the
 * programme finder, which reads them from there so it does not ask again. Here, beside the
 * profile's other vocabularies, so that neither imports the other's flow.
 *
 * @example
 * traitsSaid(turn, 'our CEO is a woman') // ['women_led']
 * teamFactsSaid(turn, 'team e 3 người, founder nữ') // { traits: ['women_led'], team_size: 3 }
 */
import type { Turn } from '../../bot/turn.js';
import { labelKey, mentionedChoice } from '../engine/index.js';
import { peopleCount } from '../parse/people.js';
import { normalizeForMatching } from '../../nlu/index.js';

/** Team traits a programme may require or prefer (the finder's question, the profile's field `traits`). */
export const TRAITS = ['women_led', 'social_impact', 'students', 'craft_village'] as const;
export type Trait = (typeof TRAITS)[number];

// Words founders type for the team traits, folded, Vietnamese and English ("e là nữ", "our CEO is
// a woman", "environmental impact", "sinh viên năm 3"): the buttons' labels alone were not read.
const traitAliases: Record<Trait, string[]> = {
  women_led: ['nu', 'la nu', 'phu nu', 'nu lam chu', 'nu gioi', 'chi em', 'woman', 'women', 'female', 'woman led', 'women led', 'female founder', 'she'],
  social_impact: ['tac dong xa hoi', 'tac dong moi truong', 'xa hoi', 'moi truong', 'cong dong', 'social', 'social impact', 'environmental', 'environmental impact', 'impact', 'green', 'sustainability', 'sustainable'],
  students: ['sinh vien', 'hoc sinh', 'nguoi tre', 'ban tre', 'thanh nien', 'student', 'students', 'young', 'youth', 'university'],
  craft_village: ['lang nghe', 'nghe truyen thong', 'craft village', 'craft villages', 'handicraft village'],
};
/** Choices of the finder's team-traits question. */
export const traitChoices = TRAITS.map((t) => ({ value: t, label: `programmes.trait.${t}`, aliases: traitAliases[t] }));

/**
 * The team traits a text names ("e là nữ", "our CEO is a woman, environmental impact",
 * "chương trình cho sinh viên"), none when it says "not" ("không phải sinh viên").
 *
 * @example
 * traitsSaid(turn, 'our CEO is a woman') // ['women_led']
 */
export function traitsSaid(turn: Turn, text: string): string[] {
  if (/(?:^| )(?:khong phai|not|no|isn t|aren t|chua phai)(?: |$)/.test(labelKey(normalizeForMatching(text)))) return [];
  return traitChoices.filter((c) => mentionedChoice([c], text, { turn }, { labels: false, maxWords: 40 })).map((c) => c.value);
}

/** The team traits and size a text names, only those it names. */
export interface TeamFacts {
  traits?: string[];
  team_size?: number;
}

/**
 * The traits and team size a typed text names, for keeping on the profile.
 *
 * @example
 * teamFactsSaid(turn, 'team e 3 người, founder nữ, đang có doanh thu') // { traits: ['women_led'], team_size: 3 }
 */
export function teamFactsSaid(turn: Turn, text: string): TeamFacts {
  const traits = traitsSaid(turn, text);
  const team = peopleCount(text);
  return { ...(traits.length > 0 ? { traits } : {}), ...(team ? { team_size: team } : {}) };
}
