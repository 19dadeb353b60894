import crypto from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from '../config/index.js';

/**
 * The server's logger: readable lines on a terminal, JSON otherwise (LOG_FORMAT overrides).
 * Fastify binds each request's id (`reqId`) to `req.log`, so every line of a request carries it.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>, destination?: DestinationStream): Logger {
  const opts = { name: 'bizenv', level: config.logLevel };
  if (destination) return pino(opts, destination);
  if (config.logFormat === 'pretty') return pino(opts, pretty({ colorize: true, translateTime: 'SYS:yyyy-mm-dd HH:MM:ss', ignore: 'pid,hostname' }));
  return pino(opts);
}

/** Request ids are ours (never taken from the client): short, random, quotable by a user. */
export const newRequestId = (): string => crypto.randomBytes(6).toString('hex');

/** The response header that carries the request id to the client. */
export const REQUEST_ID_HEADER = 'x-request-id';
