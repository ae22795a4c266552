import { collectCases, loadCases, rankAndDecide, containsFact } from './src/knowledge/evaluate.ts';
import { fitModel } from './src/knowledge/calibrate.ts';
import { answerText } from './src/knowledge/answer.ts';
const filter = process.argv[2];
const a1 = await collectCases(loadCases('/work/shared/eval/kb-dev.jsonl'), '/work/shared/corpus/seeds');
const a2 = await collectCases(loadCases('/work/shared/eval/kb-dev-2.jsonl'), '/work/shared/corpus/centre');
const all = [...a1.collected, ...a2.collected];
const model = fitModel(all);
console.log(JSON.stringify(model));
let okA = 0, nA = 0, okN = 0, nN = 0;
for (const item of all) {
  const c = item.case;
  const a = rankAndDecide(item, model);
  const text = answerText(a);
  const ok = c.doc ? !a.abstained && containsFact(text, c.facts) : a.abstained;
  if (c.doc) { nA++; if (ok) okA++; } else { nN++; if (ok) okN++; }
  if (filter && !c.id.match(filter) && c.cat !== filter) continue;
  const q = item.search.query;
  const top = a.passages[0];
  const rank = a.passages.findIndex((p) => c.doc && containsFact(p.text, c.facts));
  console.log(`${ok ? 'OK ' : 'XX '} ${c.id} ${c.cat} [${q.answer.kind}${q.answer.countWords.length ? ':' + q.answer.countWords.join(' ') : ''}] ${c.q}`);
  console.log(`    concepts: ${q.concepts.map((k) => k.alternatives.map((x) => x.join(' ')).join('|') + (k.anchor ? '*' : '')).join(' ; ')}`);
  console.log(`    factRank=${rank} conf=${a.confidence} gate=${JSON.stringify(a.gate)} out=${a.outcome}`);
  if (top) console.log(`    top: ${top.doc} ${top.confidence} ${JSON.stringify(top.evidence.features)}`);
  console.log(`    ans: ${(a.text || '').slice(0, 300)}`);
  console.log(`    facts: ${c.facts.join(' | ')}`);
}
console.log(`answer-hit ${okA}/${nA} abstention ${okN}/${nN}`);
