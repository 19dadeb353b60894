import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * The one place that reads the environment (README, "Configuration", lists every variable).
 * `readConfig` validates it once at start and fails with a message naming the variable.
 *
 * @example
 *   const config = readConfig();           // process.env
 *   readConfig({ PORT: 'x' });             // throws ConfigError: PORT：应为 1–65535 之间的整数
 */
export interface Config {
  /** HTTP port (PORT, default 3000). */
  port: number;
  /** Address the server listens on (HOST, default 127.0.0.1: put a TLS reverse proxy in front for others). */
  host: string;
  /** BIZENV_DATA_DIR: embedded database and stored files. */
  dataDir: string;
  /** DATABASE_URL: a PostgreSQL server instead of the embedded database. */
  databaseUrl?: string;
  /** BIZENV_ADMIN_PASSWORD: password of the `admin` account created on first start. */
  adminPassword?: string;
  /** BIZENV_PASSWORD: password of the demo accounts made by `bizenv demo`. */
  demoPassword?: string;
  /**
   * BIZENV_PUBLIC_URL: the address people use (e.g. https://yingshang.example.gov.cn behind a TLS
   * reverse proxy). With https, HSTS is sent and the session cookie is Secure; its origin is the
   * one state-changing requests must come from (besides the server's own Host).
   */
  publicUrl?: URL;
  /**
   * BIZENV_TRUST_PROXY: behind a reverse proxy, the client address is taken from X-Forwarded-For set
   * by it (`true`, or the proxies' addresses/CIDRs like `127.0.0.1,10.0.0.0/8`); login throttling and
   * rate limits count per client address, so set it when a proxy is in front. Default: off.
   */
  trustProxy: boolean | string;
  /** BIZENV_AUDIT_KEY_FILE: HMAC key of the audit checkpoints (default <dataDir>/keys/audit-checkpoint.key; keep a copy off the server). */
  auditKeyFile?: string;
  /** LOG_LEVEL (default info). */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** LOG_FORMAT: `pretty` (readable) or `json`; default pretty on a terminal, json otherwise. */
  logFormat: 'pretty' | 'json';
  /**
   * BIZENV_CHECK_RESPONSES: check every JSON response against its declared schema (a drift is a 500).
   * Default on when NODE_ENV is `test` or `development`.
   */
  checkResponses: boolean;
  /**
   * BIZENV_JOBS: `on` (default) runs the scheduler and the job workers inside the server (src/jobs);
   * `off` leaves them to another process on the same database (the page and the API still work).
   */
  jobs: boolean;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(`配置有误：${message}`);
    this.name = 'ConfigError';
  }
}

const LogLevel = Type.Union([
  Type.Literal('fatal'),
  Type.Literal('error'),
  Type.Literal('warn'),
  Type.Literal('info'),
  Type.Literal('debug'),
  Type.Literal('trace'),
  Type.Literal('silent'),
]);
const Env = Type.Object({
  PORT: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$' })),
  HOST: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  BIZENV_DATA_DIR: Type.Optional(Type.String({ maxLength: 4096 })),
  DATABASE_URL: Type.Optional(Type.String({ maxLength: 4096 })),
  BIZENV_ADMIN_PASSWORD: Type.Optional(Type.String({ maxLength: 256 })),
  BIZENV_PASSWORD: Type.Optional(Type.String({ maxLength: 256 })),
  BIZENV_PUBLIC_URL: Type.Optional(Type.String({ maxLength: 2048 })),
  BIZENV_TRUST_PROXY: Type.Optional(Type.String({ maxLength: 500 })),
  BIZENV_AUDIT_KEY_FILE: Type.Optional(Type.String({ maxLength: 4096 })),
  LOG_LEVEL: Type.Optional(LogLevel),
  LOG_FORMAT: Type.Optional(Type.Union([Type.Literal('pretty'), Type.Literal('json')])),
  BIZENV_CHECK_RESPONSES: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
  BIZENV_JOBS: Type.Optional(Type.Union([Type.Literal('on'), Type.Literal('off')])),
  NODE_ENV: Type.Optional(Type.String()),
});

const MESSAGES: Record<string, string> = {
  PORT: '应为 1–65535 之间的整数',
  HOST: '应为主机名或 IP 地址',
  LOG_LEVEL: '应为 fatal、error、warn、info、debug、trace 或 silent',
  LOG_FORMAT: '应为 pretty 或 json',
  BIZENV_CHECK_RESPONSES: '应为 0 或 1',
  BIZENV_JOBS: '应为 on 或 off',
};

/** Reads and validates the environment; empty values count as unset. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, opts: { isTerminal?: boolean } = {}): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(Env.properties)) {
    const v = Object.hasOwn(env, key) ? env[key] : undefined;
    if (v !== undefined && v !== '') picked[key] = v;
  }
  const first = Value.Errors(Env, picked).First();
  if (first) {
    const key = first.path.split('/')[1] ?? '';
    throw new ConfigError(`${key}：${Object.hasOwn(MESSAGES, key) ? MESSAGES[key] : first.message}`);
  }
  const e = picked as Static<typeof Env>;
  const port = e.PORT === undefined ? 3000 : Number(e.PORT);
  if (port < 1 || port > 65535) throw new ConfigError(`PORT：${MESSAGES.PORT}`);
  if (e.DATABASE_URL && !/^postgres(ql)?:\/\//.test(e.DATABASE_URL)) {
    throw new ConfigError('DATABASE_URL：应以 postgres:// 或 postgresql:// 开头');
  }
  const nodeEnv = e.NODE_ENV ?? '';
  let publicUrl: URL | undefined;
  if (e.BIZENV_PUBLIC_URL) {
    try {
      publicUrl = new URL(e.BIZENV_PUBLIC_URL);
    } catch {
      throw new ConfigError('BIZENV_PUBLIC_URL：应为完整地址，如 https://yingshang.example.gov.cn');
    }
    if (publicUrl.protocol !== 'https:' && publicUrl.protocol !== 'http:') throw new ConfigError('BIZENV_PUBLIC_URL：应以 https:// 或 http:// 开头');
  }
  return {
    port,
    host: e.HOST ?? '127.0.0.1',
    dataDir: path.resolve(e.BIZENV_DATA_DIR ?? './data'),
    databaseUrl: e.DATABASE_URL,
    adminPassword: e.BIZENV_ADMIN_PASSWORD,
    demoPassword: e.BIZENV_PASSWORD,
    publicUrl,
    trustProxy: e.BIZENV_TRUST_PROXY === undefined || e.BIZENV_TRUST_PROXY === 'false' ? false : e.BIZENV_TRUST_PROXY === 'true' ? true : e.BIZENV_TRUST_PROXY,
    auditKeyFile: e.BIZENV_AUDIT_KEY_FILE ? path.resolve(e.BIZENV_AUDIT_KEY_FILE) : undefined,
    logLevel: e.LOG_LEVEL ?? 'info',
    logFormat: e.LOG_FORMAT ?? ((opts.isTerminal ?? process.stdout.isTTY) ? 'pretty' : 'json'),
    checkResponses: e.BIZENV_CHECK_RESPONSES ? e.BIZENV_CHECK_RESPONSES === '1' : nodeEnv === 'test' || nodeEnv === 'development',
    jobs: e.BIZENV_JOBS !== 'off',
  };
}
