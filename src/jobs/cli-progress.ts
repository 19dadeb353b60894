import { durationText, rowsText, secondsLeft } from './core/index.js';

/** A progress display of a long CLI command (an import): a bar redrawn in place on a terminal, plain lines otherwise. */
export interface CliProgress {
  update(done: number, total?: number | null): void;
  /** Ends the display (the bar's line is finished with a newline). */
  end(): void;
}

/**
 * Progress of a long command on stderr (stdout stays for the result): on a TTY a bar redrawn at most
 * 10 times a second (`[██████░░░░] 60%  240,000 / 400,000 行  剩余 约 10 秒`); otherwise (a log, CI) one
 * plain line every 10 % or every 5 seconds, whichever comes first.
 *
 * @example
 *   const bar = cliProgress('案件记录导入');
 *   await importRecordFile(db, { … }, { progress: (n) => bar.update(n, total) });
 *   bar.end();
 */
export function cliProgress(label: string, out: NodeJS.WriteStream = process.stderr, unit = '行'): CliProgress {
  const start = new Date();
  const tty = out.isTTY === true;
  let lastDraw = 0;
  let lastPercent = -10;
  let lastDone = -1;
  let total: number | null = null;
  const line = (done: number) => {
    const pct = total ? Math.min(100, Math.floor((done / total) * 100)) : null;
    const left = durationText(secondsLeft({ done, total, startedAt: start, now: new Date() }));
    const bar = pct === null ? '' : `[${'█'.repeat(Math.round(pct / 5))}${'░'.repeat(20 - Math.round(pct / 5))}] ${String(pct).padStart(3)}%  `;
    return { text: `${label} ${bar}${rowsText(done, total, unit)}  剩余 ${left}`, pct };
  };
  return {
    update(done, t) {
      if (t !== undefined) total = t;
      lastDone = done;
      const now = Date.now();
      if (tty) {
        if (now - lastDraw < 100) return;
        lastDraw = now;
        out.write(`\r${line(done).text}\u001b[K`);
        return;
      }
      const { text, pct } = line(done);
      if ((pct !== null && pct >= lastPercent + 10) || now - lastDraw >= 5000) {
        lastDraw = now;
        if (pct !== null) lastPercent = pct - (pct % 10);
        out.write(`${text}\n`);
      }
    },
    end() {
      if (tty && lastDone >= 0) out.write(`\r${line(lastDone).text}\u001b[K\n`);
    },
  };
}
