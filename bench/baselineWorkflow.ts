// The baseline of the benchmark: an empty workflow that answers an update and waits to be told to finish.
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

export const pingUpdate = defineUpdate<string, [string]>('ping');
export const finishSignal = defineSignal('finish');

/** Does nothing but answer `ping` until `finish`. */
export async function baselineWorkflow(): Promise<void> {
  let finished = false;
  setHandler(pingUpdate, (text) => text);
  setHandler(finishSignal, () => {
    finished = true;
  });
  await condition(() => finished);
}
