import { missingPrerequisites } from './browser.ts';

/** Fails fast, with the fix, when the extension or the browser is missing. */
export default function globalSetup(): void {
  const missing = missingPrerequisites();
  if (missing.length > 0) throw new Error(`The e2e tests cannot run:\n${missing.join('\n')}`);
}
