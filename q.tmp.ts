import { queryTerms } from './src/knowledge/query.ts';
for (const q of process.argv.slice(2)) { const r = queryTerms(q); console.log(q, r.language, r.answer, r.concepts.map(c=>c.alternatives.map(a=>a.join(' ')).join('|')+(c.anchor?'*':'')).join(' ; ')); }
