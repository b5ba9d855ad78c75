import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

// The README shows the overlay as partners see it, in Chinese and in English: both images
// are there, are the demo's full-width page screenshots, and are not the same picture.

const ROOT = path.resolve(import.meta.dirname, '../../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

const images = [...README.matchAll(/!\[([^\]]+)\]\((docs\/[^)]+\.png)\)/gu)].map((m) => ({
  alt: m[1] ?? '',
  file: m[2] ?? '',
}));

describe('the README screenshots', () => {
  test.each([
    ['zh-CN', /screenshot\.zh-CN\.png$/u, /\p{Script=Han}/u],
    ['en', /screenshot\.en\.png$/u, /^[\x20-\x7e]+$/u],
  ])('show the overlay in %s', (_lang, name, altText) => {
    const image = images.find((i) => name.test(i.file));
    expect(image, `README links ${name}`).toBeDefined();
    expect(image!.alt).toMatch(altText);
    const file = path.join(ROOT, image!.file);
    expect(existsSync(file)).toBe(true);
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // The demo's viewport is 1280 px wide.
    expect(png.readUInt32BE(16)).toBe(1280);
  });

  test('are two different pictures', () => {
    const [zh, en] = ['docs/screenshot.zh-CN.png', 'docs/screenshot.en.png'].map((f) =>
      readFileSync(path.join(ROOT, f)),
    );
    expect(zh!.equals(en!)).toBe(false);
  });
});
