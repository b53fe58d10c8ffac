// Prisma's schema engine compiled to WebAssembly, driven through a driver adapter: migrations run
// offline, with no native binary to download (see shared/notes/prisma-offline.md).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";

// @types/node 20 does not declare the WebAssembly global; this is the one call we use.
interface WasmGlobal {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const wasmGlobal = (globalThis as unknown as { WebAssembly: WasmGlobal }).WebAssembly;

// The wasm-bindgen glue (`bindings`) is one Node module per process, but this file may be loaded
// more than once (test runners give each project its own module graph). Each load must not
// instantiate its own wasm and swap it into the shared glue, so the state lives on globalThis.
interface EngineState {
  loaded: Promise<typeof bindings> | undefined;
  queue: Promise<unknown>;
}
const stateKey = Symbol.for("tandem.prismaSchemaEngine");
const globalState = globalThis as unknown as Record<symbol, EngineState | undefined>;
globalState[stateKey] ??= { loaded: undefined, queue: Promise.resolve() };
const state = globalState[stateKey];

/** Instantiates the wasm module once per process; the package's own entry needs a Node flag. */
function loadBindings(): Promise<typeof bindings> {
  state.loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
    const { instance } = await wasmGlobal.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return state.loaded;
}

export type EngineLog = (message: string) => void;

// One wasm instance serves the whole process, and interleaving two engines' async calls on it is
// not known to be safe, so engine work runs one at a time, in call order.
function serialized<T>(work: () => Promise<T>): Promise<T> {
  const run = state.queue.then(work, work);
  state.queue = run.catch(() => {});
  return run;
}

/** Runs `work` with a schema engine bound to the adapter, and frees the engine afterwards. */
export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  schemaText: string,
  work: (engine: SchemaEngine) => Promise<T>,
  log: EngineLog = () => {},
): Promise<T> {
  return serialized(async () => {
    const { SchemaEngine: Engine } = await loadBindings();
    const engine = await Engine.new(
      { datamodels: [["schema.prisma", schemaText]] },
      (line: string) => log(line),
      bindMigrationAwareSqlAdapterFactory(adapterFactory),
    );
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  });
}
