/** @internal A formatter turning a decoded error's arguments into one sentence. */
export type RevertReasonFormatter = (args: Readonly<Record<string, unknown>>) => string;

/** @internal Formats a unix timestamp (seconds) as ISO-8601 UTC. */
export function at(value: unknown): string {
  const seconds = Number(value);
  return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : String(value);
}
