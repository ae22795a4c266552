/**
 * "This programme" in a question, read as the programme whose card the bot just showed: under
 * the craft-village card, "chương trình này hỗ trợ những gì" was searched as typed and answered
 * with the centre's general description. The card's one Apply button names the programme; the
 * words "chương trình này" / "ct này" / "this programme" are replaced by its name (Vietnamese
 * or English, as the question is written), so the documents' search finds its source.
 *
 * @example
 * withProgrammeInContext(turn, 'chương trình này hỗ trợ những gì') // 'Ươm tạo khởi nghiệp … làng nghề hỗ trợ những gì'
 */
import { lastButtons } from '../../bot/router.js';
import type { Turn } from '../../bot/turn.js';
import { programme } from './catalogue.js';
import { programmePayloads } from './payloads.js';

const VI_THIS = /(?<!\p{L})(?:chương trình|chuong trinh|ct|cái|cai)\s+(?:này|nay|đó|do|ấy|ay)(?!\p{L})/iu;
const EN_THIS = /(?<!\p{L})(?:this|that)\s+(?:programme|program|network|initiative)(?!\p{L})/iu;

/** The programme whose card the bot's last message showed (its one Apply button), or undefined. */
function programmeOnScreen(turn: Turn): string | undefined {
  const ids = lastButtons(turn)
    .map((b) => programmePayloads.decode(b.payload))
    .flatMap((p) => (p?.action === 'apply' && p.args[0] ? [p.args[0]] : []));
  return ids.length === 1 ? ids[0] : undefined;
}

/** The question with "this programme" named, or unchanged (no such words, or no card on screen). */
export function withProgrammeInContext(turn: Turn, question: string): string {
  const vi = VI_THIS.test(question);
  const en = !vi && EN_THIS.test(question);
  if (!vi && !en) return question;
  const id = programmeOnScreen(turn);
  const shown = id ? programme(turn.services, id) : undefined;
  if (!shown) return question;
  return vi ? question.replace(VI_THIS, shown.name.vi) : question.replace(EN_THIS, shown.name.en);
}
