/**
 * Founders correct themselves inside a message: "không phải thứ 5 mà thứ 6", "thứ 6 chứ không
 * phải thứ 5", "not Thursday but Friday", "thay vì 2h thì 3h", and a move names the old day
 * before the new one ("dời từ thứ 5 sang thứ 6", "from Thursday to Friday"). The slot readers
 * take the first day or time they meet, so the retracted or old one is taken out first.
 * Only for reading slots: the words stay for the intent classifier.
 *
 * @example
 * withoutRetracted('khong phai thu 5 ma thu 6 nhe') // ' thu 6 nhe'
 */

const NEG = String.raw`(?:khong|ko|k|kh|kg|hong|hok|hem|chang)`;
// A few words of one clause (punctuation ends what a correction can reach back over).
const WORDS = (max: number) => String.raw`(?:[^\s,.;!?]+\s+){1,${max}}?`;
const TAIL = (max: number) => String.raw`(?:[^\s,.;!?]+\s*){1,${max}}?(?=[,.;!?]|$|\bthi\b)`;

// "không phải (là) X mà (là) Y", "not X but Y": X is retracted, Y stays.
const NOT_X_BUT = new RegExp(String.raw`\b${NEG}\s+phai\s+(?:la\s+)?${WORDS(6)}ma\b(?:\s+la\b)?|\bnot\s+${WORDS(4)}but\b`, 'g');
// "Y chứ không phải X", "thay vì X (thì) …", "instead of X", "rather than X": X, up to the end of
// its clause, is retracted.
const INSTEAD_OF_X = new RegExp(String.raw`\bchu\s+${NEG}\s+phai\s+(?:la\s+)?${TAIL(4)}|\b(?:thay vi|instead of|rather than)\s+${TAIL(4)}`, 'g');
// The old day of a move: "từ thứ 5 sang thứ 6", "từ 15/12 qua 17/12", "from Thursday to Friday".
// Clock times are left alone: folded "từ 8h sáng" reads like "từ 8h sang".
const DAY = String.raw`(?:(?:ngay\s+)?\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{2,4})?|thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|t[2-7]|th[2-7]|chu nhat|cn|hom nay|ngay mai|mai|ngay kia|today|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day)`;
// The new day must follow: "từ thứ 2 sáng 8h" folds to "tu thu 2 sang 8h" and is one day.
const OLD_DAY = new RegExp(String.raw`\btu\s+${DAY}\s+(?=(?:sang|qua)\s+(?:${DAY}|tuan)\b)|\bfrom\s+${DAY}\s+(?=to\s+${DAY}\b)`, 'g');
// What is left: a day or time right after "không phải" / "not" ("thứ 6, không phải thứ 5",
// "Friday, not Thursday", "không phải 2h đâu").
const CLOCK = String.raw`\d{1,2}\s*(?:h|g|gio|am|pm)(?:\s*\d{2})?(?:\s+(?:sang|trua|chieu|toi))?`;
const NOT_DAY = new RegExp(String.raw`\b(?:${NEG}\s+phai(?:\s+la)?|not(?:\s+on|\s+at)?)\s+(?:${DAY}|${CLOCK})\b`, 'g');

const ANY_CUE = /\b(?:phai|not|thay vi|instead|rather|tu|from)\b/;

/**
 * Folded text without the days, times and names the founder took back or moves away from.
 *
 * @example
 * withoutRetracted('doi lich tu thu 5 sang thu 6') // 'doi lich sang thu 6'
 * withoutRetracted('dat phong thu 6 chu khong phai thu 5') // 'dat phong thu 6 '
 */
export function withoutRetracted(folded: string): string {
  // Most messages correct nothing: one test before the four patterns.
  if (!ANY_CUE.test(folded)) return folded;
  return folded.replace(NOT_X_BUT, ' ').replace(INSTEAD_OF_X, ' ').replace(NOT_DAY, ' ').replace(OLD_DAY, '');
}

// A verb of moving, then (in the same clause) the word that brings the new day or time. "dời"
// is typed "rời" in the south; "rồi" folds the same but rarely has "sang/qua" after it in one
// clause. Not "vào": "đổi lịch đã đặt vào thứ 5 sang thứ 6" names the old day after it.
const MOVE_TO = /\b(?:doi|roi|chuyen|lui|move|reschedule|change|push|postpone|shift)\b[^,.;!?]{0,40}?\b(?:sang|qua|thanh|to)\s+/;

/**
 * The part of a message after "dời … sang / đổi … qua / move … to", where a move names its new
 * day and time ("em đặt mai 9h rồi mà giờ muốn đổi qua 2h chiều" moves to 14:00), or undefined
 * when the message moves nothing.
 *
 * @example
 * moveTarget('em dat 9h roi, gio muon doi qua 2h chieu') // '2h chieu'
 */
export function moveTarget(folded: string): string | undefined {
  const m = MOVE_TO.exec(folded);
  return m ? folded.slice(m.index + m[0].length) : undefined;
}

/**
 * The part of a message before the word that brings a move's new day or time ("sang / qua /
 * to"): where a move names the booking it moves ("em đặt mai 9h rồi mà giờ muốn đổi qua 2h
 * chiều", "can I move my 9am booking tomorrow to 2pm", "dời lịch từ thứ 5 sang thứ 6"), or
 * undefined when the message moves nothing.
 *
 * @example
 * moveSource('can i move my 9am booking tomorrow to 2pm') // 'can i move my 9am booking tomorrow'
 */
export function moveSource(folded: string): string | undefined {
  const m = MOVE_TO.exec(folded);
  if (!m) return undefined;
  const marker = /\b(?:sang|qua|thanh|to)\s+$/.exec(m[0])!;
  return folded.slice(0, m.index + marker.index).trim();
}

const DAY_OR_TIME = /^(?:(?:ngay|hom|buoi|luc|vao|khoang|tam)\s+)*(?:\d|thu\s|t[2-7]\b|chu nhat|cn\b|mai\b|mot\b|sang\b|trua\b|chieu\b|toi\b|tuan\b|thang\b|hom\b|today|tomorrow|next|monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+gio)/;

/**
 * Whether a message moves something to a day or time ("dời sang thứ 6", "đổi qua 2h chiều",
 * "move it to 3pm"): a cue for the classifier, which otherwise sees only that a day and a time
 * were named, as in any booking.
 *
 * @example
 * movesToTime('gio muon doi qua 2h chieu') // true
 * movesToTime('doi sang tieng anh')        // false
 */
export function movesToTime(folded: string): boolean {
  const target = moveTarget(folded);
  return target !== undefined && DAY_OR_TIME.test(target);
}
