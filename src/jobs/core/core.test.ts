import { describe, expect, it } from 'vitest';
import { cronShapeProblem, dailyCron, dailyTime, describeCron } from './index.js';

describe('schedules in words', () => {
  it('reads and writes daily times', () => {
    expect(dailyCron('08:30')).toBe('30 8 * * *');
    expect(dailyCron('00:10')).toBe('10 0 * * *');
    expect(dailyCron('24:00')).toBeUndefined();
    expect(dailyCron('8:30')).toBeUndefined();
    expect(dailyTime('30 8 * * *')).toBe('08:30');
    expect(dailyTime('30 8 * * 1-5')).toBeUndefined();
    expect(dailyTime('*/5 * * * *')).toBeUndefined();
  });

  it('describes common crons in Chinese, and shows others as they are', () => {
    expect(describeCron('30 8 * * *')).toBe('每天 08:30');
    expect(describeCron('0 9 * * 1-5')).toBe('每周一至周五 09:00');
    expect(describeCron('0 9 * * 1')).toBe('每周一 09:00');
    expect(describeCron('15 7 1 * *')).toBe('每月 1 日 07:15');
    expect(describeCron('*/5 * * * *')).toBe('按计划 */5 * * * *');
  });

  it('checks the shape of a cron', () => {
    expect(cronShapeProblem('30 8 * * *')).toBeUndefined();
    expect(cronShapeProblem('30 8 * *')).toMatch(/5 段/);
    expect(cronShapeProblem('30 8 * * MON')).toMatch(/只能包含/);
  });
});

describe('progress in words', () => {
  it('estimates the time left from the rate so far', async () => {
    const { secondsLeft, durationText, rowsText } = await import('./index.js');
    const startedAt = new Date('2026-03-02T00:00:00Z');
    const now = new Date('2026-03-02T00:00:10Z');
    expect(secondsLeft({ done: 250, total: 1000, startedAt, now })).toBe(30);
    expect(secondsLeft({ done: 0, total: 1000, startedAt, now })).toBeNull();
    expect(secondsLeft({ done: 10, total: null, startedAt, now })).toBeNull();
    expect(durationText(30)).toBe('约 30 秒');
    expect(durationText(125)).toBe('约 2 分钟');
    expect(durationText(3 * 3600 + 600)).toBe('约 3 小时 10 分钟');
    expect(durationText(2)).toBe('即将完成');
    expect(durationText(null)).toBe('正在估算');
    expect(rowsText(12345, 1000000)).toBe('12,345 / 1,000,000 行');
  });
});
