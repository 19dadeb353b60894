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
    const { tookText } = await import('./index.js');
    expect(tookText(0.004)).toBe('不到 0.1 秒');
    expect(tookText(0.8)).toBe('0.8 秒');
    expect(tookText(59.96)).toBe('1 分钟');
    expect(tookText(587.68)).toBe('9 分 48 秒');
    expect(tookText(119.6)).toBe('2 分钟');
    expect(rowsText(12345, 1000000)).toBe('12,345 / 1,000,000 行');
  });
});

describe('an interrupted run in words', () => {
  it('says nothing was written for an all-or-nothing job, and what was kept (and how much) for one that keeps its finished parts', async () => {
    const { INTERRUPTED, interruptedText } = await import('./index.js');
    const keeps = { text: '已完成的指标已保存，可重新计算', unit: '个指标' };
    expect(interruptedText(undefined, { done: 3, total: 10 })).toBe(INTERRUPTED);
    expect(INTERRUPTED).toMatch(/未写入任何数据/);
    expect(interruptedText(keeps, { done: 12, total: 24 })).toBe('服务停止时任务被中断：已完成 12/24 个指标；已完成的指标已保存，可重新计算');
    expect(interruptedText({ text: '已匹配的企业结果已保存', unit: '家企业' }, { done: 1500, total: 12000, approximate: true })).toBe(
      '服务停止时任务被中断：中断前已完成约 1,500/12,000 家企业；已匹配的企业结果已保存',
    );
    // Nothing done yet, no total, or no unit: the sentence alone.
    expect(interruptedText(keeps, { done: 0, total: 24 })).toBe('服务停止时任务被中断：已完成的指标已保存，可重新计算');
    expect(interruptedText(keeps, { done: 5, total: null })).toBe('服务停止时任务被中断：已完成的指标已保存，可重新计算');
    expect(interruptedText({ text: '已保存' }, { done: 5, total: 9 })).toBe('服务停止时任务被中断：已保存');
    expect(interruptedText(keeps)).toBe('服务停止时任务被中断：已完成的指标已保存，可重新计算');
  });
});
