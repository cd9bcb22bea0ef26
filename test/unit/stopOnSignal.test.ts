// The service's entry points stop their parts in order, last started first, on every signal that ends a process
// run from a terminal or a supervisor. SIGHUP is the terminal closing: left to its default it ended the process
// alone, and `npm start`'s embedded PostgreSQL ran on, holding its port.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FIXTURE = join(__dirname, '..', 'support', 'signalledProcess.ts');

/** Runs the fixture, sends `signal` once it is ready, and returns what it printed and how it ended. */
function runAndSignal(signal: NodeJS.Signals): Promise<{ lines: string[]; code: number | null; by: string | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.startsWith('ready\n') && !child.killed) child.kill(signal);
  });
  return new Promise((resolve) =>
    child.on('exit', (code, by) => resolve({ lines: output.trim().split('\n'), code, by })),
  );
}

describe('stopOnSignal', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`stops every part, last started first, and exits 0 on ${signal}`, async () => {
      const { lines, code, by } = await runAndSignal(signal);
      expect(lines).toEqual(['ready', 'stopped 2', 'stopped 1']);
      expect(by).toBeNull();
      expect(code).toBe(0);
    });
  }
});
