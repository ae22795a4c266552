/**
 * A price asked of one part of a place that a document says is free as a whole: "phí thuê phòng
 * họp bao nhiêu" when the meeting room's own passage (in "Không gian làm việc chung và đặt chỗ")
 * states no price, and the questions-and-answers say "Khu làm việc chung của trung tâm miễn phí
 * cho mọi nhóm khởi nghiệp" (tester 31, F41). The part belongs to the whole its passage's title
 * or heading names, so the free statement about that whole answers. Only when the best passage
 * names the thing asked in its heading or title, and the free sentence's subject (the words
 * before "miễn phí") shares a phrase of three words with that title or heading: "Nước uống miễn
 * phí" is free water, not a free desk.
 *
 * @example
 * freeOfSetting(query, passages) // { sentence: 'Khu làm việc chung … miễn phí …', passage: faq }
 */
import { fold } from '../nlu/fold.js';
import { splitSentences } from './chunk.js';
import { statesFree, withoutFree } from './free-of-charge.js';
import type { SearchQuery } from './query.js';
import { isPriceConcept } from './subject.js';

interface SettingPassage {
  doc: string;
  title: string;
  heading: string | null;
  text: string;
}

/** Verbs of what one does with a place ("thuê", "đặt"): they name no part of it. */
const ACTS = new Set(['thue', 'dat', 'muon', 'dung', 'su dung', 'rent', 'book', 'use', 'hire']);

const words = (text: string) => fold(text).replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
const trigrams = (ws: readonly string[]) => ws.slice(2).map((_w, i) => ws.slice(i, i + 3).join(' '));

/**
 * The free statement of another passage about the whole the best passage's subject belongs to,
 * for a price question (not one about money received) its own quotes do not answer; null otherwise.
 */
export function freeOfSetting<P extends SettingPassage>(query: SearchQuery, passages: readonly P[]): { sentence: string; passage: P } | null {
  if (query.answer.kind !== 'money' || query.answer.funding) return null;
  const top = passages[0];
  if (!top) return null;
  const setting = ` ${words([top.title, top.heading ?? ''].join(' ')).join(' ')} `;
  const subject = query.concepts.filter((c) => c.anchor === null && !isPriceConcept(c) && !ACTS.has(c.alternatives[0]!.join(' ')));
  // The best passage must be about the thing asked: its heading or title names it.
  if (subject.length === 0 || !subject.every((c) => c.alternatives.some((a) => setting.includes(` ${a.join(' ')} `)))) return null;
  const settingTrigrams = new Set(trigrams(setting.trim().split(' ')));
  for (const passage of passages.slice(1)) {
    if (passage.doc === top.doc && passage.heading === top.heading) continue;
    for (const sentence of splitSentences(passage.text)) {
      if (!statesFree(sentence)) continue;
      // What is free: the words before the free statement ("Khu làm việc chung của trung tâm").
      // Only its own clause: in a list ("Tiện ích …: Wi-Fi; Nước uống miễn phí") the thing is "Nước uống".
      const cut = withoutFree(sentence).search(/\s{2,}|^\s/u);
      const clause = (cut > 0 ? withoutFree(sentence).slice(0, cut) : '').split(/[;:,(—–]/u).pop() ?? '';
      const thing = words(clause);
      if (trigrams(thing).some((t) => settingTrigrams.has(t))) return { sentence, passage };
    }
  }
  return null;
}
