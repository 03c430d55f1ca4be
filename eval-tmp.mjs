import { loadCatalogue } from "/work/main/dist/src/catalogue/load.js";
import { SearchEngine } from "/work/main/dist/src/search/engine.js";
import { parse } from "yaml";
import { readFileSync } from "node:fs";
const cat = loadCatalogue("/work/main/data");
const eng = new SearchEngine(cat);
const qs = parse(readFileSync("/work/main/test/fixtures/everyday-questions.yaml","utf8"));
let t1=0,t3=0; const miss=[];
for (const {q, expect} of qs) { const exp = expect.map(String); const r = eng.search(q, 3).map(h=>h.entry.id);
  if (exp.includes(r[0])) t1++; if (r.some(id=>exp.includes(id))) t3++; else miss.push(`${q} | want ${exp} | got ${r.join(",")}`);
  if (!exp.includes(r[0]) && process.argv[2]==='all') console.log('TOP1 MISS', q, '| want', exp.join(','), '| got', r.join(','));
}
console.log(`top1 ${(t1/qs.length*100).toFixed(1)} top3 ${(t3/qs.length*100).toFixed(1)} n=${qs.length}`);
for (const m of miss) console.log('MISS3', m);
const t0=performance.now(); for (let i=0;i<2000;i++) eng.search(qs[i%qs.length].q,5); console.log('avg ms', (performance.now()-t0)/2000);
