#!/usr/bin/env node
import module from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { changedSince } from './stale-build.ts';

// Node 22.1+ keeps the compiled code of the modules below in its own cache (in the system's
// temporary folder) and skips compiling them on the next start; older Node starts as before.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// `policylens validate | head` closes the pipe early: stop quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// Only the bundle has a dist/sources.json beside it; run from the sources, nothing is checked.
const changed = changedSince(dirname(fileURLToPath(import.meta.url)));
if (changed) {
  process.stderr.write(
    `policylens: warning: ${changed} changed after dist/ was built; run \`npm run build:package\`\n`,
  );
}

const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
