/**
 * Words that work in every step of every flow, in Vietnamese and English, with or without
 * diacritics: menu, back, cancel, help, talk to staff, skip (optional questions), done (multiple
 * choice), continue / start over (after a long pause).
 *
 * @example
 * universalWord('Hủy')         // 'cancel'
 * universalWord('gap can bo')  // 'staff'
 */
import { foldWords } from '../../nlu/fold.js';

export type UniversalWord = 'menu' | 'back' | 'cancel' | 'help' | 'staff' | 'skip' | 'done' | 'continue' | 'restart';

const WORDS: Record<UniversalWord, readonly string[]> = {
  menu: ['menu', '/menu', 'menu chinh', 'trang chu', 'main menu', 've menu', 'quay ve menu'],
  back: ['back', 'go back', 'quay lai', 'tro lai', 'lui lai', 'lui', 'cau truoc', 'previous', '/back'],
  cancel: ['huy', 'huy bo', 'thoi huy', 'dung lai', 'thoat', 'cancel', 'stop', 'quit', 'exit', 'abort', '/cancel'],
  help: ['help', 'tro giup', 'giup', 'giup toi', 'giup do', 'huong dan', '/help', 'can giup'],
  staff: [
    'gap can bo', 'can bo', 'gap nhan vien', 'nhan vien', 'noi chuyen voi nguoi', 'gap nguoi that', 'nguoi that',
    'tu van vien', 'gap tu van vien', 'lien he can bo', 'talk to staff', 'staff', 'human', 'talk to a person',
    'real person', 'agent', 'operator', '/staff',
  ],
  skip: ['bo qua', 'skip', 'khong tra loi', 'de sau', 'next', '/skip'],
  done: ['xong', 'xong roi', 'done', 'finish', 'finished'],
  continue: ['tiep tuc', 'tiep', 'continue', 'resume', 'lam tiep'],
  restart: ['lam lai', 'bat dau lai', 'lam lai tu dau', 'start over', 'restart', 'again'],
};

const LOOKUP: ReadonlyMap<string, UniversalWord> = new Map(
  (Object.entries(WORDS) as [UniversalWord, readonly string[]][]).flatMap(([word, forms]) => forms.map((f) => [f, word])),
);

/**
 * The universal word a text is (the whole text, folded), or undefined.
 *
 * @example
 * universalWord('Quay lại') // 'back'
 */
export function universalWord(text: string): UniversalWord | undefined {
  return LOOKUP.get(foldWords(text));
}
