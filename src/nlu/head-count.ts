/**
 * A head count ("2 người", "mấy người hả, 5 người", "team 3 ng", "for 4 people") says how many
 * come, not that the founder wants to talk to a person: the classifier learnt "người" from "gặp
 * người", "người thật", "cho mình gặp người" and read a bare "2 người" as `handoff_request`
 * (a staff ticket opened for a group size). A request for a person names meeting, talking to or
 * being passed to one ("gặp người", "nói chuyện với nhân viên", "người thật", "talk to a human");
 * a head count without such words gives its score to `booking_new` (the one place a number of
 * people matters), and a message that is only a head count says nothing of what it is for
 * (`onlyHeadCount`: the bot asks rather than guess).
 *
 * @example
 * headCountIsNoPerson([{ intent: 'handoff_request', score: 0.65 }, { intent: 'booking_new', score: 0.1 }], '2 nguoi')[0].intent // 'booking_new'
 * onlyHeadCount('may nguoi ha , 5 nguoi') // true
 */
import { swapScores, type Ranked } from './swap-scores.js';

/** A number of people, folded and casual spellings expanded ("3 ng" is "3 nguoi"). */
const HEAD_COUNT = /(?:^|[^a-z0-9])(?:\d{1,3}|may|bao nhieu|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|one|two|three|four|five|six|seven|eight|nine|ten|how many) (?:nguoi|people|persons|person|pax|ban|thanh vien|members)(?![a-z0-9])/g;

/** Words that ask for a person to talk to, folded: then "người" is the person asked for. */
const PERSON_ASKED = /(?:^|[^a-z0-9])(?:gap|noi chuyen|chat|chuyen|ket noi|lien he|goi|tu van|that|nhan vien|can bo|admin|ad|staff|human|agent|someone|talk|speak|connect|real|phu trach|truc)(?![a-z0-9])/;

/** What may stand around a head count without saying what it is for ("khoảng", "nhóm", "hả", "thôi"). */
const FILLER = /(?:^| )(?:ha|a|ah|nhe|nha|thoi|khoang|tam|chung|cho|nhom|team|la|co|gom|di|vay|the|roi|ok|oke|us|we|are|for|about|around|of|just|only|da|vang|u|thi|minh|em|tui|toi)(?= |$)/g;

/**
 * Whether the message holds a head count and no words asking for a person.
 *
 * @example
 * countsHeads('phong hop cho 5 nguoi') // true
 * countsHeads('cho minh gap 1 nguoi tu van') // false
 */
export function countsHeads(normalized: string): boolean {
  return new RegExp(HEAD_COUNT.source).test(normalized) && !PERSON_ASKED.test(normalized);
}

/**
 * Whether the message is a head count and nothing else ("2 người", "mấy người hả, 5 người",
 * "khoảng 4 người thôi"): booking data inside a booking, elsewhere a reply that needs asking what
 * it is for.
 *
 * @example
 * onlyHeadCount('2 nguoi')              // true
 * onlyHeadCount('dat phong cho 2 nguoi') // false
 */
export function onlyHeadCount(normalized: string): boolean {
  if (!countsHeads(normalized)) return false;
  const rest = normalized.replace(/[^a-z0-9 ]/g, ' ').replace(HEAD_COUNT, ' ').replace(FILLER, ' ').replace(FILLER, ' ');
  return rest.trim() === '';
}

/**
 * The ranking with `booking_new` in `handoff_request`'s place when the classifier read a head
 * count as a request for a person.
 *
 * @example
 * headCountIsNoPerson(ranked, 'cho minh gap nguoi') // unchanged: a person asked for
 */
export function headCountIsNoPerson(ranked: Ranked, normalized: string): Ranked {
  if (ranked[0]?.intent !== 'handoff_request' || !countsHeads(normalized)) return ranked;
  return swapScores(ranked, 'handoff_request', 'booking_new');
}
