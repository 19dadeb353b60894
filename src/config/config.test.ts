import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './index.js';

describe('readConfig', () => {
  it('has safe defaults: loopback, port 3000, ./data, JSON logs off a terminal', () => {
    const c = readConfig({}, { isTerminal: false });
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: path.resolve('data'), logLevel: 'info', logFormat: 'json', checkResponses: false });
    expect(readConfig({}, { isTerminal: true }).logFormat).toBe('pretty');
    expect(readConfig({ NODE_ENV: 'test' }).checkResponses).toBe(true);
    expect(readConfig({}).jobs).toBe(true);
  });

  it('reads every variable and treats empty values as unset', () => {
    const c = readConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@h/db',
      BIZENV_DATA_DIR: '/srv/bizenv',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      BIZENV_ADMIN_PASSWORD: '',
    });
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', databaseUrl: 'postgres://u@h/db', dataDir: '/srv/bizenv', logLevel: 'warn', logFormat: 'json' });
    expect(c.adminPassword).toBeUndefined();
    expect(readConfig({ BIZENV_JOBS: 'off' }).jobs).toBe(false);
    expect(readConfig({ BIZENV_JOBS: 'on' }).jobs).toBe(true);
  });

  it('fails at start with a message naming the variable', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT：应为 1–65535/);
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => readConfig({ BIZENV_JOBS: 'yes' })).toThrow(/BIZENV_JOBS：应为 on 或 off/);
  });
});
