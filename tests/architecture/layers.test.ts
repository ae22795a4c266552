/**
 * The layers of docs/DEVELOPING.md hold: an import only ever points down. The runtime (`src/bot/`)
 * never reaches into a feature folder, `src/nlu/` never into the bot or a feature, the foundation
 * (config, store, http, content, clock, the command runner) into nothing above it, and nothing imports the composition
 * root (`src/app/`) except the entry points.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');

/** Layer of a file under src/, lowest first; entry points are the top. */
function layerOf(file: string): { name: string; rank: number } {
  const rel = path.relative(SRC, file).replace(/\.js$/, '.ts').split(path.sep);
  const top = rel[0]!;
  if (['store', 'http', 'content', 'clock', 'command'].includes(top) || ['config.ts', 'logger.ts'].includes(top)) return { name: 'foundation', rank: 1 };
  if (top === 'nlu') return { name: 'nlu', rank: 2 };
  if (top === 'bot') return { name: 'bot', rank: 3 };
  if (['flows', 'knowledge', 'staff'].includes(top)) return { name: `feature:${top}`, rank: 4 };
  if (top === 'app') return { name: 'app', rank: 5 };
  return { name: 'entry', rank: 6 }; // main.ts, server.ts, cli.ts, cli/
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => path.resolve(path.dirname(file), (m[1] ?? m[2])!));
}

describe('layers', () => {
  const files = sourceFiles(SRC);

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('imports only point down (features may share each other’s public modules)', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const target of imports(file)) {
        if (!target.startsWith(SRC)) continue;
        const to = layerOf(target);
        const up = to.rank > from.rank || (to.rank === from.rank && to.rank < 4 && to.name !== from.name);
        if (up) violations.push(`${path.relative(SRC, file)} (${from.name}) → ${path.relative(SRC, target)} (${to.name})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('detects an upward import (the check itself can fail)', () => {
    const bot = layerOf(path.join(SRC, 'bot', 'router.ts'));
    const flow = layerOf(path.join(SRC, 'flows', 'menu.ts'));
    expect(flow.rank).toBeGreaterThan(bot.rank);
  });
});
