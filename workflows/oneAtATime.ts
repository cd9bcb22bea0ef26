// A workflow-safe queue that runs async work one piece at a time, in the order it was asked for.
// Deterministic: plain promise chaining, no timers and no I/O.

export type Serializer = <T>(work: () => Promise<T>) => Promise<T>;

/** Returns a function that runs each piece of work after every piece queued before it has settled. */
export function oneAtATime(): Serializer {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  };
}

/** The pre-v3 behaviour: work runs at once, concurrently with whatever else is running. */
export const immediately: Serializer = (work) => work();
