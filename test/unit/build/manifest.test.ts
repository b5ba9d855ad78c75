import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { WORDS } from '../../../locales/index.ts';

// Builds the extension for Chrome (MV3) and Firefox (WXT's default for it, MV2) as the
// release does, then checks what a store reviewer and a partner's IT department check:
// least privilege, the Partner Center hosts only, no remote or eval'd code.

const ROOT = path.resolve(import.meta.dirname, '../../..');
const OUTPUT = path.join(ROOT, '.output');
const run = promisify(execFile);

/** The pages of shared/domain.md section 5, and nothing else. */
const PARTNER_CENTER_MATCHES = [
  'https://account.huaweicloud.com/obmgr/*',
  'https://account-intl.huaweicloud.com/obmgr/*',
  'https://www.huaweicloud.com/partners/roles/service_partner/certification/index.html*',
];

const TARGETS = [
  { browser: 'chrome', dir: 'chrome-mv3', manifestVersion: 3, args: ['build'] },
  { browser: 'firefox', dir: 'firefox-mv2', manifestVersion: 2, args: ['build', '-b', 'firefox'] },
] as const;

interface Manifest {
  manifest_version: number;
  name: string;
  description?: string;
  version: string;
  default_locale?: string;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[]; js?: string[]; css?: string[] }[];
  icons?: Record<string, string>;
  content_security_policy?: unknown;
  web_accessible_resources?: (string | { resources: string[]; matches: string[] })[];
  externally_connectable?: unknown;
  browser_specific_settings?: {
    gecko?: {
      id?: string;
      strict_min_version?: string;
      data_collection_permissions?: { required?: string[] };
    };
  };
}

/** What MV3 and the stores forbid: evaluating text as code, and loading code from the network. */
const FORBIDDEN_CODE = [
  { what: 'new Function', pattern: /new Function\(/g },
  // eval(…), (0, eval)(…), globalThis.eval(…); not a method of the same name (obj.eval).
  { what: 'eval', pattern: /(?<![\w$.])eval\s*\)?\s*\(|\b(?:window|globalThis|self)\.eval\s*\(/g },
  { what: 'code from a URL', pattern: /\b(?:import|importScripts)\(\s*[`'"]https?:/g },
];

const manifests = new Map<string, Manifest>();

beforeAll(async () => {
  // One target at a time: both builds write .wxt/.
  for (const target of TARGETS) {
    await run('npx', ['wxt', ...target.args], { cwd: ROOT, timeout: 240_000 });
    const file = path.join(OUTPUT, target.dir, 'manifest.json');
    manifests.set(target.browser, JSON.parse(readFileSync(file, 'utf8')) as Manifest);
  }
}, 300_000);

function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** A `__MSG_name__` value, looked up as the store would show it (in the default locale). */
function shown(dir: string, manifest: Manifest, value: string): string {
  const key = /^__MSG_(\w+)__$/.exec(value)?.[1];
  if (!key) return value;
  const messages = JSON.parse(
    readFileSync(
      path.join(dir, '_locales', manifest.default_locale ?? 'en', 'messages.json'),
      'utf8',
    ),
  ) as Record<string, { message: string }>;
  return messages[key]?.message ?? value;
}

const version = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

describe.each(TARGETS)('the $browser build (.output/$dir)', ({ browser, dir, manifestVersion }) => {
  const outDir = path.join(OUTPUT, dir);
  const manifest = () => {
    const built = manifests.get(browser);
    if (!built) throw new Error(`the ${browser} build did not run`);
    return built;
  };

  test('is PolicyLens at the version of package.json', () => {
    expect(manifest().manifest_version).toBe(manifestVersion);
    expect(shown(outDir, manifest(), manifest().name)).toBe('PolicyLens');
    expect(manifest().version).toBe(version);
  });

  test('lists its name and description in Chinese and English, English by default', () => {
    expect(manifest().default_locale).toBe('en');
    expect(manifest().name).toBe('__MSG_name__');
    expect(manifest().description).toBe('__MSG_description__');
    for (const [folder, lang] of [
      ['zh_CN', 'zh-CN'],
      ['en', 'en'],
    ] as const) {
      const file = path.join(outDir, '_locales', folder, 'messages.json');
      const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<
        string,
        { message: string }
      >;
      expect(messages.name?.message).toBe(WORDS[lang].store.name);
      expect(messages.description?.message).toBe(WORDS[lang].store.description);
    }
    expect(shown(outDir, manifest(), manifest().description ?? '')).toMatch(/Partner Center/);
  });

  test('asks for storage only, and for no host beyond the pages it runs on', () => {
    expect(manifest().permissions).toEqual(['storage']);
    expect(manifest().optional_permissions ?? []).toEqual([]);
    expect(manifest().optional_host_permissions ?? []).toEqual([]);
    for (const host of manifest().host_permissions ?? []) {
      expect(PARTNER_CENTER_MATCHES).toContain(host);
    }
    expect(manifest().externally_connectable).toBeUndefined();
  });

  test('runs its content script on the Partner Center pages only', () => {
    const matches = (manifest().content_scripts ?? []).flatMap((c) => c.matches);
    expect([...matches].sort()).toEqual([...PARTNER_CENTER_MATCHES].sort());
    const text = JSON.stringify(manifest());
    for (const broad of ['<all_urls>', '*://', 'http://', 'localhost', '127.0.0.1', 'file://']) {
      expect(text, `the manifest mentions ${broad}`).not.toContain(broad);
    }
  });

  test('exposes no file to web pages: its styles go into its shadow roots as text', () => {
    // A web-accessible file lets any page (or one of its ads) probe for the extension.
    expect(manifest().web_accessible_resources ?? []).toEqual([]);
    const contentCss = (manifest().content_scripts ?? []).flatMap((c) => c.css ?? []);
    expect(contentCss, 'no stylesheet injected into the page itself').toEqual([]);
  });

  test('has its icon in every size the stores ask for, each a PNG of that size', () => {
    const icons = manifest().icons ?? {};
    // Chrome Web Store: 16, 32, 48, 128; addons.mozilla.org: 48, 96.
    expect(
      Object.keys(icons)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([16, 32, 48, 96, 128]);
    for (const [size, file] of Object.entries(icons)) {
      const png = readFileSync(path.join(outDir, file));
      expect(png.subarray(1, 4).toString('latin1'), file).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], file).toEqual([
        Number(size),
        Number(size),
      ]);
    }
  });

  test('does not loosen the content security policy', () => {
    const csp = JSON.stringify(manifest().content_security_policy ?? '');
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  test('ships no code that evaluates text or loads code from the network', () => {
    const scripts = filesIn(outDir).filter((f) => /\.(m?js)$/.test(f));
    const contentScripts = (manifest().content_scripts ?? []).flatMap((c) => c.js ?? []);
    expect(contentScripts.length).toBeGreaterThan(0);
    for (const js of contentScripts) expect(existsSync(path.join(outDir, js))).toBe(true);
    const offences = scripts.flatMap((file) => {
      const code = readFileSync(file, 'utf8');
      return FORBIDDEN_CODE.flatMap(({ what, pattern }) =>
        [...code.matchAll(pattern)].map(
          (m) =>
            `${path.relative(outDir, file)}: ${what}: …${code.slice(Math.max(0, m.index - 30), m.index + 40)}…`,
        ),
      );
    });
    expect(offences).toEqual([]);
    for (const file of filesIn(outDir).filter((f) => f.endsWith('.html'))) {
      expect(readFileSync(file, 'utf8')).not.toMatch(/<script[^>]+src=["']?(https?:)?\/\//);
    }
  });

  if (browser === 'firefox') {
    test('has a Firefox add-on id, a minimum version, and declares that it collects no data', () => {
      const gecko = manifest().browser_specific_settings?.gecko;
      expect(gecko?.id).toBe('policylens@policylens.local');
      // data_collection_permissions is read from Firefox 140 on.
      expect(Number.parseFloat(gecko?.strict_min_version ?? '0')).toBeGreaterThanOrEqual(140);
      expect(gecko?.data_collection_permissions?.required).toEqual(['none']);
    });
  } else {
    test('carries no Firefox settings', () => {
      expect(manifest().browser_specific_settings).toBeUndefined();
    });
  }
});
