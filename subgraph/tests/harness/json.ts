/**
 * A JSON reader that keeps each number's source text (graph-node's serde_json runs with `arbitrary_precision`) and
 * orders object keys like a BTreeMap.
 */
import type { JsonValue } from "./values.ts";

export function parseJson(text: string): JsonValue {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const fail = (what: string): never => {
    throw new Error(`JSON error: ${what} at position ${i}`);
  };
  const value = (): JsonValue => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const entries = new Map<string, JsonValue>();
      ws();
      if (text[i] === "}") {
        i++;
      } else {
        for (;;) {
          ws();
          if (text[i] !== '"') fail("expected a key");
          const key = string();
          ws();
          if (text[i++] !== ":") fail("expected ':'");
          entries.set(key, value());
          ws();
          const sep = text[i++];
          if (sep === "}") break;
          if (sep !== ",") fail("expected ',' or '}'");
        }
      }
      return { kind: 5, value: [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
    }
    if (c === "[") {
      i++;
      const items: JsonValue[] = [];
      ws();
      if (text[i] === "]") {
        i++;
      } else {
        for (;;) {
          items.push(value());
          ws();
          const sep = text[i++];
          if (sep === "]") break;
          if (sep !== ",") fail("expected ',' or ']'");
        }
      }
      return { kind: 4, value: items };
    }
    if (c === '"') return { kind: 3, value: string() };
    if (text.startsWith("true", i)) return ((i += 4), { kind: 1, value: true });
    if (text.startsWith("false", i)) return ((i += 5), { kind: 1, value: false });
    if (text.startsWith("null", i)) return ((i += 4), { kind: 0 });
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) return fail("unexpected character");
    i += m[0].length;
    return { kind: 2, value: m[0] };
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    if (i >= text.length) fail("unterminated string");
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const result = value();
  ws();
  if (i !== text.length) fail("trailing characters");
  return result;
}
