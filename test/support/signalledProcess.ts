// A process that stops the way the service's entry points do (stopOnSignal), for test/unit/stopOnSignal.test.ts:
// it prints "ready" once its handlers are in place, and "stopped <n>" as each of its parts stops. Run with `fail`,
// it shuts itself down as the entry points do when the worker fails.
import { stopOnSignal } from '../../src/main/service';
import { quietLogger } from './quietLogger';

const stop = (part: number) => async () => {
  await new Promise((resolve) => setTimeout(resolve, 50)); // a part that takes a moment to stop, as the worker does
  console.log(`stopped ${part}`);
};
const shutdown = stopOnSignal(quietLogger, [stop(1), stop(2)]);
setInterval(() => undefined, 60_000); // keeps running until signalled
console.log('ready');
if (process.argv[2] === 'fail') void shutdown('a part failed', 1);
