import { buildKnowledge, SEED_SYNONYMS } from './src/helpdesk/core/index.js';
import { cut } from './src/helpdesk/segment.js';
import { demoKnowledgeItems } from './src/helpdesk/sources.js';
import { answer } from './src/helpdesk/ask.js';
import { officialCalendar } from './src/calendar/index.js';
const t0 = performance.now();
const items = await demoKnowledgeItems('/work/wt/helpa/samples/plans/yuzhong-2021-business-environment-plan.txt');
const k = buildKnowledge(items, SEED_SYNONYMS.map((words) => ({ words })), cut);
console.log('items', items.length, 'build ms', performance.now() - t0);
for (const q of process.argv.slice(2)) {
  const t = performance.now();
  const r = answer(k, officialCalendar, q, '2021-09-01');
  console.log(q, (performance.now() - t).toFixed(1), 'ms', r.confident, JSON.stringify(r.answers.map((a) => [a.key, a.score, a.coverage, a.text.slice(0, 60)])));
}
