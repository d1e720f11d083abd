// Fake RPC endpoints for failover tests: small HTTP servers on 127.0.0.1 that forward JSON-RPC to a real local
// chain and misbehave on purpose: answer late, answer 5xx, or drop the connection, after the chain took the request.
import http from "node:http";

/** What the endpoint does with a request whose method is in `methods` (others are forwarded and answered). */
export type FakeMode =
  | "forward" // forward and answer
  | "late" // forward, then answer after `delayMs`
  | "5xx" // forward, then answer HTTP 502
  | "drop" // forward, then destroy the connection without an answer
  | "down"; // destroy the connection without forwarding

export type FakeRpc = {
  url: string;
  /** HTTP requests received (a JSON-RPC batch is one). */
  readonly httpRequests: number;
  /** Requests received, by JSON-RPC method (a batch counts each entry). */
  received: Record<string, number>;
  /** Requests forwarded to the chain, by method. */
  forwarded: Record<string, number>;
  mode: FakeMode;
  close: () => Promise<void>;
};

function methodsOf(body: unknown): string[] {
  return (Array.isArray(body) ? body : [body]).map((p) => String((p as { method?: unknown }).method));
}

/**
 * Starts a fake endpoint in front of `upstream`. `mode` applies to requests containing one of `methods` (default:
 * every request); it can be changed at any time through the returned object.
 */
export async function fakeRpc(
  upstream: string,
  options: { mode?: FakeMode; methods?: readonly string[]; delayMs?: number } = {},
): Promise<FakeRpc> {
  const { methods, delayMs = 3_000 } = options;
  const state = { mode: options.mode ?? "forward" } as { mode: FakeMode };
  const received: Record<string, number> = {};
  const forwarded: Record<string, number> = {};
  const timers = new Set<NodeJS.Timeout>();
  let httpRequests = 0;
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (d) => (text += String(d)));
    req.on("end", async () => {
      httpRequests += 1;
      const body = JSON.parse(text) as unknown;
      const names = methodsOf(body);
      for (const m of names) received[m] = (received[m] ?? 0) + 1;
      const targeted = methods === undefined || names.some((m) => methods.includes(m));
      const mode = targeted ? state.mode : "forward";
      if (mode === "down") {
        req.socket.destroy();
        return;
      }
      const answer = await fetch(upstream, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: text,
      });
      for (const m of names) forwarded[m] = (forwarded[m] ?? 0) + 1;
      const reply = await answer.text();
      if (mode === "drop") req.socket.destroy();
      else if (mode === "5xx") res.writeHead(502).end("bad gateway");
      else if (mode === "late") {
        const t = setTimeout(() => {
          timers.delete(t);
          if (!res.destroyed) res.writeHead(200, { "content-type": "application/json" }).end(reply);
        }, delayMs);
        timers.add(t);
      } else res.writeHead(200, { "content-type": "application/json" }).end(reply);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    received,
    forwarded,
    get httpRequests() {
      return httpRequests;
    },
    get mode() {
      return state.mode;
    },
    set mode(m: FakeMode) {
      state.mode = m;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
