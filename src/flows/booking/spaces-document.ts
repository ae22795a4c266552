/**
 * The spaces of `content/spaces.yaml` as a knowledge document, so a founder who asks instead of
 * booking is answered from the same facts the booking flow uses: "hội trường chứa được bao nhiêu
 * người", "phòng họp có máy chiếu không", "mấy giờ mở cửa thứ 7", "đặt trước được mấy ngày".
 * Written in Vietnamese (the knowledge base's language; English questions reach it through the
 * glossary), with each space's English name beside its Vietnamese one. Staff edit the YAML only:
 * the document is rewritten from it at every start and re-indexed when it changed.
 *
 * @example
 * const { name, text } = spacesDocument(loadSpaces('content'));
 * await ingestDocument(store, name, Buffer.from(text));
 */
import { formatPhone } from '../parse/index.js';
import type { Space, SpaceRules, SpacesContent } from './spaces.js';

/** The document's file name (its id in the knowledge base). */
export const SPACES_DOCUMENT = 'khong-gian-lam-viec.md';

const DAY_NAMES = { mon: 'thứ Hai', tue: 'thứ Ba', wed: 'thứ Tư', thu: 'thứ Năm', fri: 'thứ Sáu', sat: 'thứ Bảy', sun: 'Chủ nhật' } as const;
type Day = keyof typeof DAY_NAMES;
const DAYS = Object.keys(DAY_NAMES) as Day[];

/** "07:30" → "7 giờ 30", "17:00" → "17 giờ" (as the centre's own documents write times). */
function clock(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return m ? `${h} giờ ${m}` : `${h} giờ`;
}

/**
 * Opening hours, consecutive days with the same hours together, one sentence per run ("Thứ Bảy
 * khu làm việc chung mở cửa 8 giờ đến 11 giờ 30."): "thứ 7 có mở ko" is then answered by the
 * Saturday sentence alone, not by the whole week.
 */
function openingHours(hours: SpaceRules['hours']): string {
  const runs: { from: Day; to: Day; value: string }[] = [];
  for (const day of DAYS) {
    const last = runs.at(-1);
    if (last && last.value === hours[day]) last.to = day;
    else runs.push({ from: day, to: day, value: hours[day] });
  }
  return runs
    .map(({ from, to, value }) => {
      const days = from === to ? DAY_NAMES[from] : `từ ${DAY_NAMES[from]} đến ${DAY_NAMES[to]}`;
      const lead = days.charAt(0).toUpperCase() + days.slice(1);
      if (value === 'closed') return `${lead} khu làm việc chung nghỉ.`;
      const [open, close] = value.split('-') as [string, string];
      return `${lead} khu làm việc chung mở cửa ${clock(open)} đến ${clock(close)}.`;
    })
    .join(' ');
}

function lengthRule(rules: SpaceRules): string {
  return `Mỗi lần đặt dài từ ${rules.min_minutes} phút đến ${rules.max_minutes} phút (${rules.max_minutes / 60} giờ), đặt trước tối đa ${rules.horizon_days} ngày.`;
}

/** A name without its trailing note: "Phòng họp nhỏ (8 người)" → "Phòng họp nhỏ" (the facts say it in words). */
function plain(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*$/u, '').trim() || name;
}

/** "Phòng họp nhỏ" → "phòng họp nhỏ" inside a sentence. */
function inSentence(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function spaceSection(space: Space, centre: SpaceRules): string {
  const name = plain(space.name.vi);
  const lines = [`## ${name} (${plain(space.name.en)})`, ''];
  const facts: string[] = [];
  if (space.description) facts.push(space.description.vi);
  if (space.kind === 'hot_desk') facts.push(`${name} có ${space.capacity} chỗ ngồi.`);
  else if (space.people) facts.push(`${name} có sức chứa ${space.people} người.`);
  if (space.amenities.length) facts.push(`Tiện ích của ${inSentence(name)}: ${space.amenities.map((a) => a.vi).join('; ')}.`);
  const own = space.rules;
  if (own.min_minutes !== centre.min_minutes || own.max_minutes !== centre.max_minutes || own.horizon_days !== centre.horizon_days) {
    facts.push(`Đặt ${inSentence(name)}: ${inSentence(lengthRule(own))}`);
  }
  lines.push(facts.join(' '));
  return lines.join('\n');
}

/**
 * The Markdown document of the centre's spaces.
 *
 * @example
 * spacesDocument(loadSpaces('content')).text.startsWith('# ') // true
 */
export function spacesDocument(content: SpacesContent): { name: string; text: string } {
  const { centre } = content;
  // The centre's own rules are those most spaces share (a space's rules are the centre's with its own on top).
  const rules = mostCommonRules(content.spaces);
  // The map link goes with the address in one sentence: alone, its URL-encoded address was the
  // sentence picked for "what's the address?", and the founder got only the link.
  const contact = [centre.mapUrl ? `Địa chỉ: ${centre.address.vi} (bản đồ: ${centre.mapUrl} ).` : `Địa chỉ: ${centre.address.vi}.`];
  if (centre.phone) contact.push(`Số điện thoại của khu làm việc chung: ${formatPhone(centre.phone)}.`);
  const text = [
    `# Không gian làm việc chung và đặt chỗ`,
    '',
    `${centre.name.vi} (${centre.name.en}) có ${content.spaces.length} loại chỗ để đặt: ${content.spaces.map((s) => inSentence(plain(s.name.vi))).join(', ')}. ${contact.join(' ')}`,
    '',
    `## Giờ mở cửa`,
    '',
    `${openingHours(rules.hours)}${content.closedDates.length ? ' Ngày lễ, Tết khu làm việc chung nghỉ.' : ''}`,
    '',
    `## Cách đặt chỗ`,
    '',
    `Đặt chỗ qua trợ lý Ươm (mục Đặt chỗ làm việc), theo từng khung ${rules.slot_minutes} phút. ${lengthRule(rules)} Mỗi người có tối đa ${rules.max_upcoming} lượt đặt chưa diễn ra. Hủy hoặc đổi lịch bằng mã đặt chỗ trong trợ lý.`,
    '',
    ...content.spaces.flatMap((space) => [spaceSection(space, rules), '']),
  ].join('\n');
  return { name: SPACES_DOCUMENT, text };
}

function mostCommonRules(spaces: readonly Space[]): SpaceRules {
  const counts = new Map<string, { rules: SpaceRules; n: number }>();
  for (const space of spaces) {
    const key = JSON.stringify(space.rules);
    const entry = counts.get(key) ?? { rules: space.rules, n: 0 };
    entry.n++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]!.rules;
}
