// A small levelled console logger; structured enough for ops, with no dependency.
import type { Config } from '../config';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export interface Logger {
  debug(message: string, extra?: unknown): void;
  info(message: string, extra?: unknown): void;
  warn(message: string, extra?: unknown): void;
  error(message: string, extra?: unknown): void;
}

/** A logger that prints messages at `level` and above. */
export function createLogger(level: Config['logLevel']): Logger {
  const threshold = LEVELS.indexOf(level);
  const at = (name: (typeof LEVELS)[number]) => (message: string, extra?: unknown) => {
    if (LEVELS.indexOf(name) < threshold) return;
    const line = `${new Date().toISOString()} ${name.toUpperCase().padEnd(5)} ${message}`;
    if (extra === undefined) console[name === 'debug' ? 'log' : name](line);
    else console[name === 'debug' ? 'log' : name](line, extra);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
