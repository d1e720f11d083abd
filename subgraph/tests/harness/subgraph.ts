/**
 * Runs a subgraph built by `graph build` the way graph-node does, against JSON-RPC blocks and receipts:
 * - one compiled WebAssembly.Module per mapping file, and a fresh instance per trigger (`_start` first);
 * - triggers in block order, then log order; each log goes to the handler of every matching data source (address,
 *   start block, topic0 of the manifest's event signature, optional topic filters, ABI decoding succeeds);
 * - templates created in a block are instantiated after its triggers and the block is re-scanned for them;
 * - a failing handler fails its block: the block's writes are discarded and the error propagates (graph-node records
 *   the error and stops the subgraph at that block).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { Interface, type EventFragment } from "ethers";
import { parse as parseYaml } from "yaml";

import { decodeLogParams, findEvent, writeEvent, type RpcBlock, type RpcLog, type RpcReceipt } from "./ethereum.ts";
import { importsFor, type HostContext, type LogEntry } from "./host.ts";
import { AscMemory, MappingError, type MappingExports } from "./memory.ts";
import { Schema } from "./schema.ts";
import { Store } from "./store.ts";
import { fromHex, type EntityData } from "./values.ts";

/** A compiled mapping: instantiates fresh instances with a host context. */
export class MappingModule {
  readonly classIds = new Map<number, number>();
  /** Import objects per host context: the host functions read `ctx.mem` at call time, so they can be reused. */
  private readonly imports = new WeakMap<object, WebAssembly.Imports>();

  constructor(readonly module: WebAssembly.Module) {}

  static fromFile(file: string): MappingModule {
    return new MappingModule(new WebAssembly.Module(readFileSync(file)));
  }

  /** A new instance with `_start` already run, as graph-node prepares one per trigger. */
  instantiate(ctx: Omit<HostContext, "mem">): { exports: MappingExports; mem: AscMemory; ctx: HostContext } {
    const full = ctx as HostContext;
    let imports = this.imports.get(full);
    if (!imports) this.imports.set(full, (imports = importsFor(this.module, full)));
    const instance = new WebAssembly.Instance(this.module, imports);
    const exports = instance.exports as unknown as MappingExports;
    for (const name of ["memory", "__new", "id_of_type", "_start"]) {
      if (!(name in exports)) throw new Error(`mapping does not export ${name}: was it built by graph-cli?`);
    }
    full.mem = new AscMemory(exports, this.classIds);
    exports._start();
    return { exports, mem: full.mem, ctx: full };
  }
}

interface ManifestHandler {
  event: string;
  handler: string;
  receipt?: boolean;
  topic1?: string[];
  topic2?: string[];
  topic3?: string[];
}

interface ManifestDataSource {
  kind: string;
  name: string;
  network: string;
  source: { address?: string; abi: string; startBlock?: number };
  context?: Record<string, { type: string; data: unknown }>;
  mapping: {
    apiVersion: string;
    file: string;
    abis: { name: string; file: string }[];
    eventHandlers?: ManifestHandler[];
    blockHandlers?: unknown[];
    callHandlers?: unknown[];
  };
}

interface Route {
  handler: string;
  fragment: EventFragment;
  topic0: string;
  receipt: boolean;
  topics: (string[] | undefined)[];
}

/** A running data source: from the manifest, or created from a template. */
export interface DataSourceInstance {
  name: string;
  template: boolean;
  address: string | null;
  startBlock: number;
  network: string;
  context: EntityData | null;
  module: MappingModule;
  routes: Route[];
}

export interface HarnessOptions {
  /** Overrides per data source name: the address and start block of the chain being replayed. */
  addresses?: Record<string, { address: string; startBlock?: number }>;
  /** Receives mapping logs (default: kept in `logs`). */
  onLog?: (entry: LogEntry) => void;
}

export interface TriggerError extends Error {
  blockNumber: number;
  logIndex: number;
  handler: string;
}

export class Subgraph {
  readonly schema: Schema;
  readonly store: Store;
  readonly dataSources: DataSourceInstance[] = [];
  readonly logs: LogEntry[] = [];
  /** Handler calls made, by handler name. */
  readonly handled = new Map<string, number>();
  private readonly templates = new Map<string, ManifestDataSource>();
  private readonly modules = new Map<string, MappingModule>();
  private readonly abis = new Map<string, Interface>();
  private pending: DataSourceInstance[] = [];

  constructor(
    readonly buildDir: string,
    private readonly options: HarnessOptions = {},
  ) {
    const manifest = parseYaml(readFileSync(path.join(buildDir, "subgraph.yaml"), "utf8")) as {
      schema: { file: string };
      dataSources: ManifestDataSource[];
      templates?: ManifestDataSource[];
    };
    this.schema = new Schema(readFileSync(path.join(buildDir, manifest.schema.file), "utf8"));
    this.store = new Store(this.schema);
    for (const t of manifest.templates ?? []) this.templates.set(t.name, t);
    for (const ds of manifest.dataSources) {
      if (ds.kind !== "ethereum/contract" && ds.kind !== "ethereum")
        throw new Error(`unsupported data source kind ${ds.kind}`);
      if (ds.mapping.blockHandlers?.length || ds.mapping.callHandlers?.length) {
        throw new Error(`${ds.name}: block and call handlers are not supported by this harness`);
      }
      const override = options.addresses?.[ds.name];
      const address = override?.address ?? ds.source.address ?? null;
      const context: EntityData | null = ds.context ? contextEntity(ds.context) : null;
      this.dataSources.push(
        this.instance(ds, false, address, override?.startBlock ?? ds.source.startBlock ?? 0, context),
      );
    }
  }

  private moduleFor(file: string): MappingModule {
    let module = this.modules.get(file);
    if (!module) this.modules.set(file, (module = MappingModule.fromFile(path.join(this.buildDir, file))));
    return module;
  }

  private abiFor(ds: ManifestDataSource): Interface {
    const entry = ds.mapping.abis.find((a) => a.name === ds.source.abi);
    if (!entry) throw new Error(`${ds.name}: ABI ${ds.source.abi} is not listed in mapping.abis`);
    const file = path.join(this.buildDir, entry.file);
    let iface = this.abis.get(file);
    if (!iface) this.abis.set(file, (iface = new Interface(JSON.parse(readFileSync(file, "utf8")))));
    return iface;
  }

  private instance(
    ds: ManifestDataSource,
    template: boolean,
    address: string | null,
    startBlock: number,
    context: EntityData | null,
  ): DataSourceInstance {
    const iface = this.abiFor(ds);
    const routes = (ds.mapping.eventHandlers ?? []).map((h) => {
      const fragment = findEvent(iface, h.event);
      return {
        handler: h.handler,
        fragment,
        topic0: fragment.topicHash,
        receipt: h.receipt === true,
        topics: [h.topic1, h.topic2, h.topic3].map((list) => list?.map((t) => t.toLowerCase())),
      };
    });
    return {
      name: ds.name,
      template,
      address: address ? address.toLowerCase() : null,
      startBlock,
      network: ds.network,
      context,
      module: this.moduleFor(ds.mapping.file),
      routes,
    };
  }

  private readonly contexts = new Map<DataSourceInstance, Omit<HostContext, "mem">>();

  /** Host context for the handler calls of `ds` (one per data source; `mem` is set per instance). */
  context(ds: DataSourceInstance): Omit<HostContext, "mem"> {
    let ctx = this.contexts.get(ds);
    if (!ctx) this.contexts.set(ds, (ctx = this.newContext(ds)));
    return ctx;
  }

  private newContext(ds: DataSourceInstance): Omit<HostContext, "mem"> {
    return {
      store: this.store,
      dataSource: {
        name: ds.name,
        address: ds.address ? fromHex(ds.address) : null,
        network: ds.network,
        context: ds.context,
      },
      templates: new Set(this.templates.keys()),
      createDataSource: (template, params, context) => {
        const t = this.templates.get(template)!;
        this.pending.push(this.instance(t, true, params[0] ?? null, this.currentBlock, context));
      },
      log: (entry) => (this.options.onLog ? this.options.onLog(entry) : this.logs.push(entry)),
    };
  }

  private currentBlock = 0;

  /** Processes one block: its receipts' logs in log-index order. */
  processBlock(block: RpcBlock, receipts: RpcReceipt[]): void {
    const number = Number(BigInt(block.number));
    this.currentBlock = number;
    this.store.beginBlock(number);
    const logs = receipts.flatMap((r) => r.logs).sort((a, b) => Number(BigInt(a.logIndex) - BigInt(b.logIndex)));
    let sources = this.dataSources.filter((ds) => ds.startBlock <= number);
    try {
      while (sources.length) {
        for (const log of logs) this.processLog(sources, log, block, receipts);
        this.store.commitHandler();
        // Data sources created in this block see the same block again (graph-node re-scans it), breadth-first.
        sources = this.pending;
        this.pending = [];
        this.dataSources.push(...sources);
      }
      this.store.commitBlock();
    } catch (error) {
      this.store.discardBlock();
      this.pending = [];
      throw error;
    }
  }

  private processLog(sources: DataSourceInstance[], log: RpcLog, block: RpcBlock, receipts: RpcReceipt[]): void {
    if (log.removed) return;
    const address = log.address.toLowerCase();
    const topic0 = log.topics[0]?.toLowerCase();
    for (const ds of sources) {
      if (ds.address !== null && ds.address !== address) continue;
      const candidates = ds.routes.filter(
        (r) =>
          r.topic0 === topic0 && r.topics.every((list, i) => !list || list.includes(log.topics[i + 1]?.toLowerCase())),
      );
      if (candidates.length > 1)
        throw new Error(`Multiple handlers defined for event ${candidates[0].fragment.format()} in ${ds.name}`);
      const route = candidates[0];
      if (!route) continue;
      let params;
      try {
        params = decodeLogParams(route.fragment, log);
      } catch {
        continue; // graph-node only triggers on logs the ABI decodes
      }
      const tx = block.transactions.find((t) => t.hash.toLowerCase() === log.transactionHash.toLowerCase());
      if (!tx)
        throw new Error(`transaction ${log.transactionHash} of log ${log.logIndex} is not in block ${block.number}`);
      const receipt = route.receipt ? (receipts.find((r) => r.transactionHash === log.transactionHash) ?? null) : null;
      this.run(ds, route.handler, (mem) => writeEvent(mem, log, params, block, tx, receipt), {
        blockNumber: Number(BigInt(block.number)),
        logIndex: Number(BigInt(log.logIndex)),
      });
    }
  }

  /** Calls `handler` of `ds` on a fresh instance with the argument `write` puts in its memory. */
  run(
    ds: DataSourceInstance,
    handler: string,
    write: (mem: AscMemory) => number,
    where = { blockNumber: this.currentBlock, logIndex: -1 },
  ): void {
    const { exports, mem } = ds.module.instantiate(this.context(ds));
    const fn = exports[handler];
    if (typeof fn !== "function") throw new Error(`mapping of ${ds.name} does not export handler ${handler}`);
    try {
      const arg = write(mem);
      (fn as (ptr: number) => void)(arg);
      this.store.commitHandler();
      this.handled.set(handler, (this.handled.get(handler) ?? 0) + 1);
    } catch (error) {
      this.store.discardHandler();
      const cause = error as Error;
      const kind =
        error instanceof MappingError || error instanceof WebAssembly.RuntimeError ? "failed" : "harness error in";
      const wrapped = new Error(
        `${ds.name}.${handler} ${kind} block ${where.blockNumber}${where.logIndex >= 0 ? ` log ${where.logIndex}` : ""}: ${cause.message}`,
        { cause },
      ) as TriggerError;
      wrapped.blockNumber = where.blockNumber;
      wrapped.logIndex = where.logIndex;
      wrapped.handler = handler;
      throw wrapped;
    }
  }

  /** Convenience for block-less calls in tests: runs a handler inside its own block. */
  runInBlock(ds: DataSourceInstance, handler: string, blockNumber: number, write: (mem: AscMemory) => number): void {
    this.store.beginBlock(blockNumber);
    this.currentBlock = blockNumber;
    try {
      this.run(ds, handler, write, { blockNumber, logIndex: -1 });
      this.store.commitBlock();
    } catch (error) {
      this.store.discardBlock();
      throw error;
    }
  }

  /** Processes every block of a chain capture in order. Returns the number of handler calls made. */
  processChain(blocks: { block: RpcBlock; receipts: RpcReceipt[] }[]): number {
    const before = this.handlerCalls();
    const sorted = [...blocks].sort((a, b) => Number(BigInt(a.block.number) - BigInt(b.block.number)));
    for (const { block, receipts } of sorted) this.processBlock(block, receipts);
    return this.handlerCalls() - before;
  }

  handlerCalls(): number {
    let n = 0;
    for (const v of this.handled.values()) n += v;
    return n;
  }
}

function contextEntity(context: Record<string, { type: string; data: unknown }>): EntityData {
  const out: EntityData = new Map();
  for (const [key, { type, data }] of Object.entries(context)) {
    switch (type) {
      case "String":
        out.set(key, { kind: 0, value: String(data) });
        break;
      case "Int":
        out.set(key, { kind: 1, value: Number(data) });
        break;
      case "Bool":
        out.set(key, { kind: 3, value: Boolean(data) });
        break;
      case "Bytes":
        out.set(key, { kind: 6, value: fromHex(String(data)) });
        break;
      case "BigInt":
        out.set(key, { kind: 7, value: BigInt(String(data)) });
        break;
      default:
        throw new Error(`data source context type ${type} is not supported by this harness`);
    }
  }
  return out;
}
