// The error a piece of work fails with, as a value to assert on, or an Error('no error') when it succeeds.

export const failureOf = (work: Promise<unknown>): Promise<unknown> =>
  work.then(
    () => new Error('no error'),
    (error: unknown) => error,
  );
