/**
 * Whether a message speaks of time or people in general ("on Sundays", "at weekends", "ngày lễ",
 * "mỗi lần", "hằng tuần", "each round") rather than of one day. A booking names one day ("this
 * Sunday", "chủ nhật này"); a question about the rules names a kind of day or every one of them
 * ("can I book the hall on Sundays?", "ngày lễ có đặt phòng được không"). The classifier sees it
 * `understand` uses it so that "can I book the hall" (a booking, by its words) asked of a kind of
 * day with no date named is read as a question about the rules.
 *
 * @example
 * isHabitual('can i book the hall on sundays?') // true
 * isHabitual('can i book the hall this sunday')  // false
 */

// English plurals of the weekdays and of kinds of days; "every/each <unit>".
const ENGLISH = /\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun|week)days|weekends|(?:public\s+)?holidays|every\s+(?:day|week|month|time)|each\s+(?:day|week|month|time|round|person|intake)|usually|normally|in\s+general)\b/;
// Folded Vietnamese: "ngày lễ", "ngày nghỉ", "các ngày/buổi/thứ", "mỗi + unit", "hằng/hàng + unit"
// ("moi nguoi" is also "mọi người", everyone: harmless, since only booking messages are checked).
// "cuối tuần" is left out: "đặt phòng cuối tuần" is this weekend.
const VIETNAMESE = /\b(?:ngay (?:le|nghi)|cac (?:ngay|buoi|thu)|moi (?:lan|nguoi|ngay|tuan|thang|buoi|khoa|dot|nhom)|hang (?:ngay|tuan|thang)|thuong thi|binh thuong)\b/;

/** True when the folded, casual-expanded text speaks of days, times or people in general. */
export function isHabitual(normalized: string): boolean {
  return ENGLISH.test(normalized) || VIETNAMESE.test(normalized);
}
