#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so `npx policylens` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
