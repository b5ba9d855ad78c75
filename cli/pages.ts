import { quote } from '../engine/diagnostics.ts';
import { parse, UsageError, type Command, type Io } from './args.ts';

// `policylens pages check`: loads its reading code and a DOM library (happy-dom, left out of
// the bundle) only when it runs, so `policylens pages --help` and usage errors stay fast.

const HELP = `Usage: policylens pages check FILE.html --url URL [options]

Runs the page maps on a saved page (the browser's "Save page as", HTML only or complete)
with the extension's own reading code, and says which page map matched, each field found
or missing (the label it looked for, the text it read, the value it gave) and the facts
read. Use it to fix a page map after the console changes.

Options:
  --url URL                The address the page was saved from (its route after # picks
                           the page map), e.g. https://account.huaweicloud.com/obmgr/#/obmgr/index
  --account NAME           A name this profile has seen, as the extension would after the
                           overview (repeatable). The top bar shows the signed-in account
                           with no label: on a flow page it is recognised only by such a name.
  --format text|json       Output format (default: text). json prints
                           {"page": id or null, "facts": {...}, "fields": [...]}, facts nested
                           as policylens eval takes them.
  --rules DIR              The rule pack whose page maps to use (default: rules/).
  -h, --help               Show this help.

Exit: 0 the page matched and every field was found, 1 a field is missing, shows a
placeholder or a text its page map does not list (or no page map matched), 2 usage.
`;

async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    url: { type: 'string' },
    account: { type: 'string', multiple: true },
    format: { type: 'string' },
    rules: { type: 'string' },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const [action, file, ...rest] = positionals;
  if (action !== 'check') {
    throw new UsageError(
      action === undefined
        ? 'missing the action: pages check FILE.html --url URL'
        : `unknown action ${quote(action)}; the action is check`,
    );
  }
  if (!file) throw new UsageError('missing the saved page: pages check FILE.html --url URL');
  if (rest.length > 0) throw new UsageError(`unexpected argument ${quote(rest[0]!)}`);
  if (!values.url) throw new UsageError('missing --url URL: the address the page was saved from');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(`--format must be text or json, not ${quote(format)}`);
  }
  const { checkSavedPage } = await import('./pages-check.ts');
  return checkSavedPage(
    {
      file,
      url: values.url,
      knownAccounts: values.account ?? [],
      format,
      rules: values.rules ?? 'rules',
    },
    io,
  );
}

export const pagesCommand: Command = {
  name: 'pages',
  help: HELP,
  run,
};
