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
