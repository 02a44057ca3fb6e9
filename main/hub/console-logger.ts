/** Log lines on stderr: time, level, scope, message, fields as JSON. */
import type { Logger } from '../common/log.js';

const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof levels;

export function createConsoleLogger(minLevel: Level = 'info', scope = 'hub'): Logger {
  const write = (level: Level, msg: string, fields?: Record<string, unknown>): void => {
    if (levels[level] < levels[minLevel]) return;
    const extra = fields !== undefined && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    process.stderr.write(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${scope}] ${msg}${extra}\n`);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (s) => createConsoleLogger(minLevel, `${scope}/${s}`),
  };
}

export function parseLogLevel(value: string | undefined): Level {
  return value !== undefined && value in levels ? (value as Level) : 'info';
}
