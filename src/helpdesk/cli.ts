import type { Command } from 'commander';
import { withDatabase } from '../db/index.js';
import { ask } from './ask.js';
import type { Evaluation, EvalFigures } from './core/index.js';
import { demoKnowledge, evaluateKnowledge } from './evaluate.js';
import { helpdeskKnowledge, refreshHelpdesk } from './knowledge-cache.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const line = (name: string, f: EvalFigures) =>
  `${name.padEnd(10)} n=${f.n}  top-1 ${pct(f.top1)}  top-3 ${pct(f.top3)}  confident: precision ${pct(f.confidentPrecision)}, recall ${pct(f.confidentRecall)}; unanswerable rejected ${pct(f.unknownRejected)} of ${f.unknownN}`;

function print(title: string, e: Evaluation, misses: boolean): void {
  console.log(title);
  console.log(line('all', e.all));
  console.log(line('tune', e.tune));
  console.log(line('held-out', e.test));
  if (misses) {
    console.log(`misses (${e.misses.length}):`);
    for (const m of e.misses)
      console.log(`  #${m.id} [${m.split}] ${m.q}  expect ${m.expect.join('|') || '（无答案）'}  got ${m.got.join(', ')}${m.confident ? '  (confident)' : ''}`);
  }
}

/** `bizenv helpdesk …`: 智能客服. */
export function registerHelpdeskCommands(program: Command): void {
  const h = program.command('helpdesk').description("智能客服: answer questions from the platform's own knowledge; evaluate the ranking");
  h.command('ask <question>')
    .description('the best answers to a question (text, source, score) and whether the platform is confident')
    .option('--json', 'print the answer as JSON (the body of POST /api/helpdesk/ask)')
    .action(async (question: string, o: { json?: boolean }) =>
      withDatabase(async ({ db }) => {
        const r = await ask(db, question);
        if (o.json) return void console.log(JSON.stringify(r, null, 2));
        console.log(r.confident ? '有把握的回答：' : '没有把握（可转人工）。可能相关：');
        r.answers.forEach((a, i) => {
          console.log(
            `${i + 1}. [${a.kindLabel}] ${a.title}\n   ${a.text}\n   来源：${a.source.label}${a.source.link ? ` ${a.source.link}` : ''}  得分 ${a.score}（覆盖 ${a.coverage}）`,
          );
        });
      }),
    );
  h.command('eval')
    .description('top-1 and top-3 accuracy on the labelled set (src/helpdesk/eval/questions.jsonl) and the misses, next to the LIKE keyword baseline')
    .option('--demo', 'against the demo knowledge built from the sample plan and the demo content, without a database')
    .option('--no-misses', 'do not list the misses')
    .action(async (o: { demo?: boolean; misses: boolean }) => {
      const run = async (k: Awaited<ReturnType<typeof demoKnowledge>>) => {
        const e = await evaluateKnowledge(k);
        print('BM25 + synonyms (the helpdesk):', e.ranked, o.misses);
        print('LIKE keyword baseline:', e.baseline, false);
      };
      if (o.demo) return run(await demoKnowledge());
      return withDatabase(async ({ db }) => {
        await refreshHelpdesk(db);
        await run(await helpdeskKnowledge(db));
      });
    });
}
