/**
 * Saying something costs nothing ("miễn phí", "không mất phí", "free of charge") answers what a
 * founder pays, and says nothing of money a founder receives: "chương trình hỗ trợ bao nhiêu
 * tiền" (how much funding) is not answered by "Chương trình không thu phí" (tester 31, F9), but
 * "phí thuê phòng họp bao nhiêu" is by "Khu làm việc chung … miễn phí" (F41). answer-type.ts
 * reads a question's money as paid or received (`asksFunding`) and a sentence's free statements
 * (`statesFree`, `withoutFree`).
 *
 * @example
 * asksFunding(' chuong trinh do ho tro bao nhieu tien ') // true
 * asksFunding(' phi thue phong hop bao nhieu ') // false
 * statesFree('The coworking space is free of charge.') // true
 */

/** Money one receives (folded, padded): support, a grant, a prize, an investment. */
const RECEIVED = / (ho tro|tai tro|cap von|cap kinh phi|duoc cap|von|dau tu|rot von|giai thuong|tien thuong|hoc bong|funding|funded|funds?|grants?|awards?|prizes?|sponsor(?:ship)?|subsid(?:y|ies)|support|invest(?:ment)?|scholarships?) /;
/** Money one pays (folded, padded): a price, a fee, a cost, paying. */
const PAID = / (phi|gia|mat|ton|tra|dong|thue|chi phi|hoc phi|cost|costs|fees?|price|prices|charged?|charges|pay|paid|tuition|rent) /;

/**
 * Whether a money question asks for money received, not paid: it names support, a grant or an
 * investment and no price, fee or payment ("hỗ trợ bao nhiêu tiền", "được tài trợ tối đa bao
 * nhiêu", "how much funding"; not "phí hỗ trợ pháp lý bao nhiêu").
 */
export function asksFunding(foldedQuestion: string): boolean {
  return RECEIVED.test(foldedQuestion) && !PAID.test(foldedQuestion);
}

/** A statement that something costs nothing, as written (with diacritics) or in English. */
const FREE = /(?<![\p{L}])(?:miễn phí|không (?:phải )?(?:thu|mất|tính|trả|đóng|bị trừ|bị tính|tốn) (?:bất kỳ khoản )?(?:lệ |học |chi |mức )?(?:phí|tiền|gì)|khỏi (?:trả|đóng|mất) (?:phí|tiền)|free of charge|for free|at no (?:cost|charge)|no (?:fee|charge|cost)s?|without (?:charge|a fee|fees)|(?:is|are|it's|remains?) free|free (?:entry|admission|to use|to join|to attend|for (?:all|every|members|startups|teams)))(?![\p{L}])/giu;

/**
 * Whether a sentence says something costs nothing.
 *
 * @example
 * statesFree('Chương trình không thu phí.') // true
 */
export function statesFree(sentence: string): boolean {
  FREE.lastIndex = 0;
  return FREE.test(sentence.normalize('NFC'));
}

/**
 * The sentence without its statements that something costs nothing: what is left must state an
 * amount for a question about money received.
 *
 * @example
 * withoutFree('Chương trình không thu phí.') // 'Chương trình  .'
 */
export function withoutFree(sentence: string): string {
  return sentence.normalize('NFC').replace(FREE, ' ');
}
