import { describe, it, expect, vi, afterEach } from 'vitest';
import { Command } from 'commander';
import { registerCalendarCommands } from './cli.js';

async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    out.push(a.join(' '));
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    err.push(a.join(' '));
  });
  process.exitCode = 0;
  const program = new Command('bizenv').exitOverride();
  registerCalendarCommands(program);
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out: out.join('\n'), err: err.join('\n'), code };
}

afterEach(() => {
  process.exitCode = 0;
});

describe('bizenv calendar (the issue examples, exactly)', () => {
  it('day --json', async () => {
    expect(await run('calendar', 'day', '2021-10-09', '--json')).toEqual({
      out: '{"date":"2021-10-09","workday":true,"kind":"adjusted_workday","holiday":null}',
      err: '',
      code: 0,
    });
  });
  it('year --json', async () => {
    const r = await run('calendar', 'year', '2021', '--json');
    const days = JSON.parse(r.out) as { date: string; kind: string }[];
    expect(days).toHaveLength(365);
    expect(days[0]).toEqual({ date: '2021-01-01', workday: false, kind: 'holiday', holiday: '元旦' });
    expect(days.find((d) => d.date === '2021-10-09')!.kind).toBe('adjusted_workday');
  });
  it('add --unit workday / day', async () => {
    expect((await run('calendar', 'add', '2021-09-30', '5', '--unit', 'workday')).out).toBe('2021-10-13');
    expect((await run('calendar', 'add', '2024-09-20', '15', '--unit', 'day')).out).toBe('2024-10-08');
    expect((await run('calendar', 'add', '2024-09-20', '15', '--unit', 'day', '--explain')).out).toContain('顺延');
  });
  it('between', async () => {
    expect(await run('calendar', 'between', '2021-09-30', '2021-10-13')).toEqual({ out: '5', err: '', code: 0 });
  });
  it('errors: one line on stderr, exit code 1', async () => {
    for (const args of [
      ['day', '2021-02-30'],
      ['day', '2027-01-01'],
      ['add', '2021-09-30', 'x'],
      ['add', '2021-09-30', '5', '--unit', 'week'],
      ['between', '2021-2-3', '2021-10-13'],
    ]) {
      const r = await run('calendar', ...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.out).toBe('');
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^bizenv: /);
    }
    expect((await run('calendar', 'day', '2027-01-01')).err).toContain('2027');
  });
});
