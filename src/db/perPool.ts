// What a process remembers about one database between attempts at the same work, kept per pool (each pool is one
// database) and gone with the pool.
import type { Pool } from 'pg';

/** A memory made by `create` the first time a pool asks for it, then the same one for that pool. */
export function perPool<T extends object>(create: () => T): (pool: Pool) => T {
  const memories = new WeakMap<Pool, T>();
  return (pool) => {
    let memory = memories.get(pool);
    if (!memory) memories.set(pool, (memory = create()));
    return memory;
  };
}
