#!/usr/bin/env node
import module from 'node:module';

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

const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
