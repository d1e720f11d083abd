/**
 * Nonce clashes: a transaction sent from the deployer's key by anything but this deployment while it runs.
 *
 * Ignition then stops (HHE10411 "The next nonce … should be N, but the node reports N+1"). On a rerun it computes
 * the next nonce from the transactions it still has in flight in its journal, before it has seen them confirmed,
 * so every rerun hit the same error. The way out: first confirm only the futures that were in flight (a module
 * restricted to them and what they depend on: no new nonce is needed), then run the whole module, whose next nonce
 * now comes from the node. Confirmed contracts are never sent again.
 */
import type { IgnitionModule } from "@nomicfoundation/ignition-core";

/** Ignition refused to continue because the deployer's nonce moved outside the deployment. */
export class NonceClashError extends Error {
  override name = "NonceClashError";
  constructor(
    readonly deployer: string,
    readonly detail: string,
  ) {
    super(
      `another transaction was sent from the deployer ${deployer} while this deployment ran (${detail}). ` +
        `Make sure nothing else uses this key until the deployment is done, then rerun the same command: it ` +
        `confirms the transactions it had in flight and continues with the node's nonce; contracts already ` +
        `deployed are kept.`,
    );
  }
}

/** Whether `error` is Ignition's "nonce too high" (HHE10411), or a nonce refusal by the node. */
export function isNonceClash(error: unknown): boolean {
  const { number, message } = (error ?? {}) as { number?: unknown; message?: unknown };
  if (number === 10411) return true;
  return typeof message === "string" && /HHE10411|nonce too low|but the node reports/i.test(message);
}

interface ModuleLike {
  id: string;
  futures: Set<{ id: string; dependencies: Set<{ id: string }> }>;
  submodules: Set<ModuleLike>;
  results: Record<string, { id: string }>;
}

/**
 * A copy of `module` that contains only the futures in `keep` and everything they depend on (results pointing
 * elsewhere are dropped). Ignition reconciles it against the full journal and executes nothing else.
 */
export function restrictModule<M extends IgnitionModule>(module: M, keep: Iterable<string>): M {
  const wanted = new Set<string>();
  const all = new Map<string, { id: string; dependencies: Set<{ id: string }> }>();
  const collect = (m: ModuleLike) => {
    for (const f of m.futures) all.set(f.id, f);
    for (const s of m.submodules) collect(s);
  };
  collect(module as unknown as ModuleLike);
  const add = (id: string) => {
    if (wanted.has(id)) return;
    const future = all.get(id);
    if (future === undefined) return;
    wanted.add(id);
    for (const d of future.dependencies) add(d.id);
  };
  for (const id of keep) add(id);

  const copies = new Map<ModuleLike, ModuleLike>();
  const copy = (m: ModuleLike): ModuleLike => {
    const existing = copies.get(m);
    if (existing !== undefined) return existing;
    const c = Object.create(Object.getPrototypeOf(m)) as ModuleLike;
    Object.assign(c, m);
    copies.set(m, c);
    c.futures = new Set([...m.futures].filter((f) => wanted.has(f.id)));
    c.submodules = new Set([...m.submodules].map(copy));
    c.results = Object.fromEntries(Object.entries(m.results).filter(([, f]) => wanted.has(f.id)));
    return c;
  };
  return copy(module as unknown as ModuleLike) as unknown as M;
}
