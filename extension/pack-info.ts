import type { CompiledPack, Lang } from '../engine/types.ts';
import type { PackBundle } from './overlay.ts';

/** Which rules a partner sees: quoted in the popup and the options page. */
export interface Release {
  /** The extension's version (package.json). */
  version: string;
  /** The rule pack's content hash: any change to rules or page maps changes it. */
  hash: string;
  /** The day the extension was built (YYYY-MM-DD). */
  builtOn: string;
}

/** The newest `from` / `until` date any rule version carries: the last dated policy change. */
export function newestRuleDate(pack: CompiledPack): string | undefined {
  const dates = pack.flows.flatMap((flow) =>
    flow.rules.flatMap((rule) =>
      rule.versions.flatMap((v) => [v.from, v.until].filter((d): d is string => Boolean(d))),
    ),
  );
  return dates.sort().at(-1);
}

/** A page's title as the partner knows it: its flow's title, or its heading (the overview). */
export function pageTitle(bundle: PackBundle, pageId: string, lang: Lang): string {
  const page = bundle.pageMaps.find((p) => p.id === pageId);
  const flow = bundle.pack.flows.find((f) => f.id === (page?.flow ?? pageId));
  return flow?.title[lang] ?? page?.heading[lang][0] ?? pageId;
}
