import { describe, expect, it } from 'vitest';
import { evaluatorFor, lines, load, posOf, rule, ruleFile } from './helpers.ts';

// A date the source gives only roughly ("mid-April 2024") is written with what the source
// says, so readers of the rule and of the catalogue know the day is an approximation.

const FILE = 'rules/demo/flow.yaml';
const APRIL = `{ date: '2024-04-15', approximates: { zh-CN: 2024年4月中旬, en: mid-April 2024 } }`;

const TEXT = ruleFile(
  rule(
    'demo.flow.medium',
    `    versions:
      - until: '2024-04-15'
        require: { fact: form.invoice.medium, operator: equal, value: paper }
      - from: ${APRIL}
        until: '2024-11-30'
        require: { fact: form.invoice.medium, operator: in, value: [paper, digital] }
      - from: '2024-11-30'
        require: { fact: form.invoice.medium, operator: equal, value: digital }
`,
  ),
);

describe('approximate dates', () => {
  it('compile to the day taken, with what the source says beside it', () => {
    const { pack, diagnostics } = load({ [FILE]: TEXT });
    expect(diagnostics).toEqual([]);
    const versions = pack!.flows[0]!.rules[0]!.versions;
    expect(versions.map((v) => [v.from, v.until])).toEqual([
      [undefined, '2024-04-15'],
      ['2024-04-15', '2024-11-30'],
      ['2024-11-30', undefined],
    ]);
    const april = { 'zh-CN': '2024年4月中旬', en: 'mid-April 2024' };
    // One boundary is one day: the version that ends there is approximate too.
    expect(versions.map((v) => v.approximate)).toEqual([
      { until: april },
      { from: april },
      undefined,
    ]);
  });

  it('are dates like any other: the day must be a real one', () => {
    const text = TEXT.replace("date: '2024-04-15'", "date: '2024-04-31'");
    const { pack, diagnostics } = load({ [FILE]: text });
    expect(pack).toBeUndefined();
    const at = (needle: string) => `${FILE}:${posOf(text, needle).line}:${posOf(text, needle).col}`;
    expect(lines(diagnostics)).toEqual([
      `${at("'2024-04-31'")}: error: rules[0].versions[1].from.date: expected a calendar date, YYYY-MM-DD, found "2024-04-31"`,
    ]);
  });

  it('need both the day and what the source says', () => {
    const text = TEXT.replace(APRIL, `{ date: '2024-04-15', says: mid-April }`);
    const { diagnostics } = load({ [FILE]: text });
    const from = posOf(text, "from: { date: '2024-04-15', says");
    const says = posOf(text, 'says');
    expect(lines(diagnostics)).toEqual([
      `${FILE}:${from.line}:${from.col}: error: rules[0].versions[1].from is missing "approximates"`,
      `${FILE}:${says.line}:${says.col}: error: unknown property "says" in rules[0].versions[1].from; expected one of: date, approximates`,
    ]);
  });

  it('come with each result in its language, so the overlay can say the day is approximate', async () => {
    const evaluator = evaluatorFor({ [FILE]: TEXT });
    const on = async (at: string, lang: 'zh-CN' | 'en') =>
      (await evaluator.evaluate('demo.flow', {}, { at, lang })).results[0]!.effective;
    expect(await on('2024-04-14', 'en')).toEqual({
      until: '2024-04-15',
      approximate: { until: 'mid-April 2024' },
    });
    expect(await on('2024-06-01', 'zh-CN')).toEqual({
      from: '2024-04-15',
      until: '2024-11-30',
      approximate: { from: '2024年4月中旬' },
    });
    // A day taken as written says nothing more.
    expect(await on('2024-12-01', 'en')).toEqual({ from: '2024-11-30' });
  });
});
