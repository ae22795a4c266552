/**
 * Times and days spelled in English words, as voice typing writes them: "ten thirty" → "10:30",
 * "two pm" → "2 pm", "at nine" → "at 9", "ten o'clock" → "10h", "december twenty fifth" →
 * "december 25", "the fifteenth of december" → "the 15th of december".
 *
 * @example
 * withEnglishNumbers('book it at ten thirty') // 'book it at 10:30'
 */

const ONES: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50 };

const HOUR = String.raw`(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`;
// Minutes after an hour word: "ten thirty", "nine fifteen", "two forty five", "eleven oh five".
const MINUTE = String.raw`((?:twenty|thirty|forty|fifty)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[\s-](?:one|two|three|four|five|six|seven|eight|nine))`;
const HOUR_MINUTE = new RegExp(String.raw`\b${HOUR}[\s-]${MINUTE}\b`, 'g');
const HOUR_PART = new RegExp(String.raw`\b${HOUR}(?=\s*(?:am|pm|a\.m|p\.m|o'?clock)\b)`, 'g');
const AT_HOUR = new RegExp(String.raw`\b(at|from|until|till|by)\s+${HOUR}\b(?!\s+(?:hours?|hrs?|minutes?|mins?|days?|people|persons?|weeks?))`, 'g');
const OCLOCK = /\b(\d{1,2})\s*o'?clock\b/g;
const MONTH = '(?:jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)';
const DAY_WORDS = String.raw`((?:twenty|thirty)[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|one|two|three|four|five|six|seven|eight|nine)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|twenty|thirty)`;
const MONTH_THEN_DAY = new RegExp(String.raw`\b(${MONTH})\s+(?:the\s+)?${DAY_WORDS}\b`, 'g');
const DAY_THEN_MONTH = new RegExp(String.raw`\b(?:the\s+)?${DAY_WORDS}\s+(?=(?:of\s+)?${MONTH}\b)`, 'g');

const ANY_NUMBER_WORD = /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|o'?clock|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|teenth|twentieth|thirtieth|twenty|thirty|[a-z]+teenth)\b/;

/** The value of a spelled number of minutes or of a day ("forty five", "twenty-fifth"). */
function spelled(words: string): number | undefined {
  const [first, second] = words.split(/[\s-]+/);
  if (first === 'oh') return second !== undefined ? ONES[second] : undefined;
  const tens = TENS[first!];
  if (tens !== undefined) {
    if (second === undefined) return tens;
    const unit = ONES[second] ?? ORDINALS[second];
    return unit !== undefined && unit < 10 ? tens + unit : undefined;
  }
  return ONES[first!] ?? ORDINALS[first!];
}

/**
 * Folded text with English spelled hours, minutes and days of the month written in digits.
 *
 * @example
 * withEnglishNumbers('meet at two pm on december twenty fifth') // 'meet at 2 pm on december 25'
 */
export function withEnglishNumbers(folded: string): string {
  // Most messages have no English number word: one test instead of six replacements.
  if (!ANY_NUMBER_WORD.test(folded)) return folded;
  return folded
    .replace(HOUR_MINUTE, (whole, hour: string, minute: string) => {
      const m = spelled(minute);
      return m !== undefined && m < 60 ? `${ONES[hour]}:${String(m).padStart(2, '0')}` : whole;
    })
    .replace(HOUR_PART, (hour: string) => String(ONES[hour]))
    .replace(AT_HOUR, (_, cue: string, hour: string) => `${cue} ${ONES[hour]}`)
    .replace(OCLOCK, (_, hour: string) => `${hour}h`)
    .replace(MONTH_THEN_DAY, (whole, month: string, day: string) => {
      const d = spelled(day);
      return d !== undefined && d <= 31 ? `${month} ${d}` : whole;
    })
    .replace(DAY_THEN_MONTH, (whole, day: string) => {
      const d = spelled(day);
      return d !== undefined && d <= 31 ? `${d}th ` : whole;
    });
}
