// The service's entry points stop their parts in order, last started first, on every signal that ends a process
// run from a terminal or a supervisor. SIGHUP is the terminal closing: left to its default it ended the process
// alone, and `npm start`'s embedded PostgreSQL ran on, holding its port.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FIXTURE = join(__dirname, '..', 'support', 'signalledProcess.ts');

/**
 * Runs the fixture, sends `signal` once it is ready (or lets it fail by itself), and returns what it printed and
 * how it ended.
 */
function runAndSignal(
  signal: NodeJS.Signals | 'fail',
): Promise<{ lines: string[]; code: number | null; by: string | null }> {
  const args = ['--import', 'tsx', FIXTURE, ...(signal === 'fail' ? ['fail'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (signal !== 'fail' && output.startsWith('ready\n') && !child.killed) child.kill(signal);
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

  it('stops every part the same way and exits 1 when a part fails (the worker)', async () => {
    const { lines, code, by } = await runAndSignal('fail');
    expect(lines).toEqual(['ready', 'stopped 2', 'stopped 1']);
    expect(by).toBeNull();
    expect(code).toBe(1);
  });
});
