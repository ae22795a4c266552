/**
 * Whose role a person question asks: "ai là giám đốc trung tâm" asks the centre's director, and
 * "Ông Vũ Quốc Huy, Giám đốc NIC" names the director of another organisation (tester 31, F22),
 * who does not answer it. A sentence answers only where the role it writes is followed by the
 * owner asked ("Giám đốc Trung tâm …", "giám đốc trung tâm là …") or by no name at all; a role
 * followed only by another name ("Giám đốc NIC", "Trưởng phòng Sở Tài chính") is someone else's.
 *
 * @example
 * roleAsked(' ai la giam doc trung tam ') // { role: ['giam', 'doc'], owner: ['trung', 'tam'] }
 * roleOfOther('Ông Vũ Quốc Huy, Giám đốc NIC, giới thiệu sáng kiến.', roleAsked(' ai la giam doc trung tam ')!) // true
 */
import { fold } from '../nlu/fold.js';

export interface RoleAsked {
  /** The role's folded words ("giam doc", "director"). */
  role: string[];
  /** Its Vietnamese words, for an English question about Vietnamese documents ("director" → "giam doc"). */
  roleVi?: string[];
  /** The folded words of whose role it is ("trung tam", "centre"). */
  owner: string[];
}

/** Roles a founder asks the holder of (folded, longest first so "phó giám đốc" is not "giám đốc"). */
const ROLES = [
  'pho giam doc', 'giam doc', 'pho truong phong', 'truong phong', 'pho chu tich', 'chu tich', 'truong ban', 'pho truong ban',
  'dieu phoi vien', 'nguoi phu trach', 'quan ly', 'deputy director', 'director', 'manager', 'head', 'chairman', 'chair', 'ceo',
].sort((a, b) => b.length - a.length);
/** The Vietnamese of the English roles (the documents are Vietnamese). */
const ROLE_VI: Readonly<Record<string, string>> = {
  'deputy director': 'pho giam doc', director: 'giam doc', manager: 'quan ly', head: 'truong', chairman: 'chu tich', chair: 'chu tich',
};
/** Words that end the owner after the role ("giám đốc trung tâm là ai", "tên là gì", "hiện nay"). */
const OWNER_STOP = new Set(['la', 'ten', 'hien', 'nay', 'bay', 'gio', 'ai', 'vay', 'nhi', 'a', 'ah', 'the', 'is', 'who', 'whom', 'nao', 'do', 'gi', 'j']);
/** The centre itself, as founders name it in English (the documents say "trung tâm"). */
const OWNER_WORDS: Readonly<Record<string, string>> = { centre: 'trung tam', center: 'trung tam' };

/** The role a folded, space-padded person question asks and its owner; null when it names no owner. */
export function roleAsked(folded: string): RoleAsked | null {
  for (const role of ROLES) {
    const at = folded.indexOf(` ${role} `);
    if (at < 0) continue;
    const after = folded.slice(at + role.length + 2).trim().split(' ').filter(Boolean);
    // English: "the director of the centre", "the centre's director".
    const rest = after[0] === 'of' ? after.slice(after[1] === 'the' || after[1] === 'your' ? 2 : 1) : after;
    const owner: string[] = [];
    for (const w of rest) {
      if (OWNER_STOP.has(w) || owner.length >= 3) break;
      owner.push(w);
    }
    if (owner.length === 0) {
      const before = folded.slice(0, at).trim().split(' ');
      if (before.at(-1) === 's' && before.at(-2)) owner.push(before.at(-2)!);
    }
    if (owner.length === 0) return null;
    const vi = ROLE_VI[role];
    return { role: role.split(' '), ...(vi ? { roleVi: vi.split(' ') } : {}), owner: owner.flatMap((w) => (OWNER_WORDS[w] ?? w).split(' ')) };
  }
  return null;
}

/**
 * Whether every place the sentence writes the role asked, a name other than the owner asked
 * follows it: the person it names holds the role elsewhere. False when the role is not written.
 */
export function roleOfOther(sentence: string, asked: RoleAsked): boolean {
  const words = sentence.normalize('NFC').match(/[\p{L}\p{N}&]+/gu) ?? [];
  const folded = words.map((w) => fold(w));
  let written = false;
  for (const role of [asked.role, ...(asked.roleVi ? [asked.roleVi] : [])]) for (let i = 0; i + role.length <= words.length; i++) {
    if (!role.every((w, k) => folded[i + k] === w)) continue;
    // "Phó Giám đốc" is another role than "Giám đốc".
    if (role[0] !== 'pho' && role[0] !== 'deputy' && (folded[i - 1] === 'pho' || folded[i - 1] === 'deputy')) continue;
    written = true;
    const next = i + role.length;
    // The owner's head noun is enough ("Chủ tịch Hội đồng" for "chủ tịch hội đồng tuyển chọn").
    const owned = asked.owner.slice(0, 2).every((w, k) => folded[next + k] === w);
    const named = words[next] !== undefined && /^\p{Lu}/u.test(words[next]!);
    if (owned || !named) return false;
  }
  return written;
}
