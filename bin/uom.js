#!/usr/bin/env node
// The `uom` command: runs the TypeScript CLI through tsx so no build step is needed.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const here = dirname(fileURLToPath(import.meta.url));
await import(join(here, '..', 'src', 'cli.ts'));
