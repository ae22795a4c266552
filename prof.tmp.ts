import { PassageIndex } from './src/knowledge/passage-index.ts';
import { queryTerms } from './src/knowledge/query.ts';
import { passageEvidence, queryStats, indexedTermSet } from './src/knowledge/evidence.ts';
import { fold } from './src/knowledge/fold.ts';
const V = 'khởi nghiệp|đổi mới sáng tạo|doanh nghiệp|hỗ trợ|chương trình|ươm tạo|nhà đầu tư|quỹ đầu tư|gọi vốn|tài trợ|hồ sơ|đăng ký|hạn nộp|thời gian|địa điểm|khu làm việc chung|hội trường|phòng họp|thư viện|cố vấn|chuyên gia|đào tạo|tập huấn|được|của|và|cho|các|những|một|trong|với|tại|từ|đến|năm|tháng|ngày|người|lần|buổi|tuần|mới|tốt|nhiều|cao|phát triển|nâng cao|năng lực|hệ sinh thái|cộng đồng'.split('|');
let seed = 1; const r = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const N = Number(process.argv[2] ?? 2000);
const texts = Array.from({ length: N }, () => Array.from({ length: 60 }, () => r() < 0.05 ? String(Math.floor(r() * 1000)) : V[Math.floor(V.length * r() ** 1.6)]).join(' ') + '.');
let t = performance.now(); let c = process.cpuUsage();
const index = new PassageIndex(1);
texts.forEach((text, i) => index.add({ id: i, doc: `d${i}`, title: `Tài liệu ${i}`, heading: null, text, hash: String(i) }));
index.seal();
console.log('build ms', (performance.now() - t).toFixed(0), 'cpu', (process.cpuUsage(c).user / 1000).toFixed(0));
const qs = Array.from({ length: 100 }, () => { const w = texts[Math.floor(r() * N)]!.split(' '); const s = Math.floor(r() * 50); const q = w.slice(s, s + 5).join(' '); return r() < 0.33 ? fold(q) : q; });
let tq = 0, tb = 0, te = 0, te2 = 0;
const stats = queryStats(index);
c = process.cpuUsage();
for (const q of qs) {
  t = performance.now(); const query = queryTerms(q); tq += performance.now() - t;
  t = performance.now(); const top = index.bm25(query.terms, 24); tb += performance.now() - t;
  t = performance.now(); for (const x of top) passageEvidence(query, index.passages[x.slot]!, stats, { sentences: false, whole: indexedTermSet(index, x.slot) }); te += performance.now() - t;
  t = performance.now(); for (const x of top.slice(0, 8)) passageEvidence(query, index.passages[x.slot]!, stats, { whole: indexedTermSet(index, x.slot) }); te2 += performance.now() - t;
}
console.log('per query ms: query', (tq / 100).toFixed(2), 'bm25', (tb / 100).toFixed(2), 'cheap', (te / 100).toFixed(2), 'detailed8', (te2 / 100).toFixed(2), 'cpu/query', (process.cpuUsage(c).user / 100000).toFixed(2));
