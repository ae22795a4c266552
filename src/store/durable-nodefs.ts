/**
 * PGlite's file system for a data directory, with `fsync` that reaches the disk.
 *
 * PGlite runs Postgres in WebAssembly on top of Emscripten's NODEFS, which writes through to the
 * host files but has no `fsync` of its own (the call returns without doing anything), and PGlite
 * starts Postgres with `-F` (fsync off). A power cut could then lose committed rows or tear a
 * page of the centre's only database. This file system adds the missing `fsync` (the host's
 * `fsync(2)` on the same file, or on the directory for a `fsync` of a directory), and
 * `durableStartParams` starts Postgres with fsync on and `wal_sync_method=fsync` (the
 * `fdatasync` path is a no-op in Emscripten, `fsync` is the one we implement).
 *
 * @example
 * const db = await PGlite.create({ fs: new DurableNodeFS('./data/pg'), startParams: durableStartParams() });
 */
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/** What Emscripten hands a stream operation: the host fd of an open file, the node otherwise. */
interface EmscriptenStream {
  nfd?: number;
  node: unknown;
}

interface EmscriptenNodeFs {
  stream_ops: { fsync?: (stream: EmscriptenStream) => number };
  realPath(node: unknown): string;
}

type InitResult = Awaited<ReturnType<NodeFS['init']>>;

export interface DurableNodeFsOptions {
  /** The host call that flushes one file descriptor (tests count the calls). */
  fsync?: (fd: number) => void;
}

export class DurableNodeFS extends NodeFS {
  private readonly hostFsync: (fd: number) => void;

  constructor(dataDir: string, options: DurableNodeFsOptions = {}) {
    super(dataDir);
    this.hostFsync = options.fsync ?? fsyncSync;
  }

  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]): Promise<InitResult> {
    const result = await super.init(pg, opts);
    const emscripten = result.emscriptenOpts;
    const hostFsync = this.hostFsync;
    const addFsync = (module: { FS: { filesystems: Record<string, EmscriptenNodeFs> } }) => {
      const nodefs = module.FS.filesystems.NODEFS;
      if (!nodefs) return;
      nodefs.stream_ops.fsync = (stream) => {
        if (typeof stream.nfd === 'number') {
          hostFsync(stream.nfd);
          return 0;
        }
        // A directory (Postgres syncs the folder after creating or renaming a file in it).
        const fd = openSync(nodefs.realPath(stream.node), 'r');
        try {
          hostFsync(fd);
        } finally {
          closeSync(fd);
        }
        return 0;
      };
    };
    const preRun = Array.isArray(emscripten.preRun) ? emscripten.preRun : emscripten.preRun ? [emscripten.preRun] : [];
    return { emscriptenOpts: { ...emscripten, preRun: [...preRun, addFsync as never] } };
  }
}

/**
 * PGlite's default start parameters with fsync on (its defaults carry `-F`, fsync off) and WAL
 * flushed with `fsync`.
 *
 * @example
 * durableStartParams(); // ['--single', '-O', '-j', ..., '-c', 'wal_sync_method=fsync']
 */
export function durableStartParams(): string[] {
  const defaults = (PGlite as unknown as { defaultStartParams?: string[] }).defaultStartParams ?? [];
  return [...defaults.filter((p) => p !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync', '-c', 'synchronous_commit=on'];
}
