/**
 * A thanks said before the next question ("cảm ơn, còn hạn nộp là khi nào", "ok thanks. and the
 * deadline?") is no part of the question: searched, "cảm ơn" became one of its concepts, one no
 * document has, and a question the documents answer was refused. Only a thanks closed by
 * punctuation and followed by more words is taken off; "cảm ơn" inside a question stays.
 *
 * @example
 * withoutLeadingThanks('cảm ơn, còn hạn nộp là khi nào') // 'còn hạn nộp là khi nào'
 * withoutLeadingThanks('cảm ơn bạn')                     // 'cảm ơn bạn'
 */
const LEADING_THANKS = new RegExp(
  String.raw`^\s*(?:(?:ok|oke|okay|dạ|da|vâng|vang|à|a)\s*[,.!]?\s+)?`
  + String.raw`(?:cảm ơn|cám ơn|cam on|thanks|thank you|thank u|tks|thks|thx)`
  + String.raw`(?:\s+(?:bạn|ban|ad|admin|em|anh|chị|chi|mn|mọi người|nhiều|nhieu|lắm|lam|so much|a lot|nhé|nhe|nha|ạ|a))*`
  + String.raw`\s*[,.!;:…–-]+\s*`,
  'iu',
);

export function withoutLeadingThanks(question: string): string {
  const normalized = question.normalize('NFC');
  const match = LEADING_THANKS.exec(normalized);
  if (!match) return question;
  const rest = normalized.slice(match[0].length);
  return /\p{L}/u.test(rest) ? rest : question;
}

/**
 * An asking opener ("cho em hỏi", "cho mik hoi", "xin hỏi", "ad ơi cho hỏi") says only that a
 * question follows. Kept, "hỏi" folds to "hoi", the first syllable of "hội trường", "hội chợ",
 * "hội thảo": "cho e hoi phong hop co may chieu ko" then leaned to the hall's passage, whose
 * heading has "hội", over the meeting room's. The opener is taken off at the start of a question
 * followed by more words. Unaccented and without an address word, "cho hoi truong …" may be
 * "cho hội trường …" (lend the hall), so then it stays when the next syllable makes a "hội" noun.
 *
 * @example
 * withoutAskingOpener('cho e hoi phong hop co may chieu ko') // 'phong hop co may chieu ko'
 * withoutAskingOpener('Cho em hỏi hạn nộp là khi nào ạ')     // 'hạn nộp là khi nào ạ'
 * withoutAskingOpener('cho hoi truong thue duoc ko')         // unchanged
 */
const ADDRESS = String.raw`(?:em|e|mình|minh|mik|mk|mị|tôi|toi|t|tớ|to|anh|a|chị|chi|c|cháu|chau|con|bọn em|bon em|tụi em|tui em|tụi mình|tui minh|tui|chúng tôi|chung toi)`;
const CALL = String.raw`(?:ad|admin|ban|bạn|shop|anh|chị|chi|em|mn|mọi người|moi nguoi)\s+(?:ơi|oi)\s*[,.!]?\s*`;
const ASKING_OPENER = new RegExp(
  String.raw`^\s*(?:(?:dạ|da|vâng|vang|à|ạ|hi|hello|chào|chao)(?:\s+(?:ad|admin|bạn|ban|anh|chị|chi|em))?\s*[,.!]?\s+)?(?:${CALL})?`
  + String.raw`(?:cho\s+(?<address>${ADDRESS}\s+)?|xin\s+)(?<ask>hỏi|hoi)(?:\s+(?:chút|chut|xíu|xiu|tí|ti|với|voi|ạ|a|nhé|nhe|nha))*\s*[,.:!?…–-]*\s+`,
  'iu',
);
/** Second syllables that make a noun of an unaccented "hoi" (hội trường, hội chợ, …). */
const HOI_NOUNS = new Set(['truong', 'cho', 'thao', 'nghi', 'dong', 'vien', 'phi', 'thi', 'nhap', 'tu', 'doan', 'quan']);

export function withoutAskingOpener(question: string): string {
  const normalized = question.normalize('NFC');
  const match = ASKING_OPENER.exec(normalized);
  if (!match) return question;
  const rest = normalized.slice(match[0].length);
  if (!/\p{L}/u.test(rest)) return question;
  const next = (/^\p{L}+/u.exec(rest)?.[0] ?? '').toLowerCase();
  if (match.groups?.ask === 'hoi' && !match.groups.address && HOI_NOUNS.has(next)) return question;
  return rest;
}
