/**
 * Starts one of our modules in a worker thread, whether the process runs the TypeScript sources
 * (tsx, vitest) or compiled JavaScript. Used by the embedded database's thread
 * (pglite-thread-client.ts) and the knowledge search's (knowledge/search-thread-client.ts).
 *
 * @example
 * const worker = startModuleWorker(import.meta.url, './pglite-thread', { workerData: options });
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the module `name` (relative to `caller`, without extension) in a new worker. Run from
 * TypeScript sources, the thread registers tsx itself: a worker does not inherit the loader hooks
 * of the thread that starts it.
 */
export function startModuleWorker(caller: string, name: string, options: WorkerOptions = {}): Worker {
  const fromSource = caller.endsWith('.ts');
  const entry = new URL(`${name}${fromSource ? '.ts' : '.js'}`, caller);
  if (!fromSource) return new Worker(entry, options);
  // The ESM entry of `tsx/esm/api` (require.resolve would give the CommonJS one).
  const tsxPackage = createRequire(caller).resolve('tsx/package.json');
  const tsx = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
