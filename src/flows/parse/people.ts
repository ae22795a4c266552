/**
 * How many people a request is for, as founders type it: "cho 12 người", "nhóm 12 ng", "12 pax",
 * "for 12 people", "khoảng 20 khách". Only a number followed by a word for people counts ("2h",
 * "ngày 12" and "phòng 2" do not).
 *
 * @example
 * peopleCount('dat phong hop cho 12 nguoi chieu mai') // 12
 * peopleCount('đặt phòng họp 2h chiều')               // undefined
 */
import { foldWords } from '../../nlu/fold.js';

const PEOPLE = /(?:^| )(\d{1,4}) ?(?:nguoi|ng|pax|khach|thanh vien|tv|ban|people|persons|person|guests|attendees|participants|members|cofounders|co founders|founders)(?: |$)/;

/** The number of people a text names, or undefined. */
export function peopleCount(text: string): number | undefined {
  const found = PEOPLE.exec(foldWords(text).replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' '));
  const n = found ? Number(found[1]) : undefined;
  return n !== undefined && n > 0 ? n : undefined;
}
