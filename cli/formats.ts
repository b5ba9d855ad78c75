import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Diagnostic } from '../engine/diagnostics.ts';

// The formats CI systems and editors read: SARIF for code scanning, GitHub's workflow
// commands for annotations on a pull request, and XML text for JUnit reports.

/** What the SARIF log says about the tool and about the rules its findings name. */
export interface SarifTool {
  version: string;
  /** A sentence about a rule (lint rules have one); the rest read from their name. */
  describe?: (ruleId: string) => string | undefined;
}

/** Diagnostics without a code (none today) are filed under this rule id. */
const UNNAMED_RULE = 'policylens';

/**
 * Diagnostics as a SARIF 2.1.0 log, one run, for GitHub code scanning and editors: each
 * result points at its file (relative to the working folder, as the paths are printed)
 * and its line and column, counted as JavaScript does (UTF-16 code units).
 */
export function toSarif(diagnostics: Diagnostic[], tool: SarifTool): Log {
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (id: string, level: 'error' | 'warning') => {
    let index = ruleIndex.get(id);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(id, index);
      const text = tool.describe?.(id) ?? `${id.replace(/-/g, ' ')}.`;
      rules.push({
        id,
        shortDescription: { text },
        defaultConfiguration: { level },
      });
    }
    return index;
  };
  const results = diagnostics.map((d): Result => {
    const ruleId = d.code ?? UNNAMED_RULE;
    return {
      ruleId,
      ruleIndex: indexOf(ruleId, d.severity),
      level: d.severity,
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactOf(d.file),
            region: { startLine: Math.max(1, d.line), startColumn: Math.max(1, d.col) },
          },
        },
      ],
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'policylens',
            version: tool.version,
            semanticVersion: tool.version,
            rules,
          },
        },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: pathToFileURL(`${process.cwd()}/`).href },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** Paths inside the working folder are relative to it (%SRCROOT%); others are file: URLs. */
function artifactOf(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/**
 * Diagnostics as GitHub Actions workflow commands (`::error file=...,line=...::message`):
 * each shows as an annotation on its line of the pull request.
 */
export function toGithubAnnotations(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const properties = [
      `file=${escapeProperty(d.file)}`,
      `line=${d.line}`,
      `col=${d.col}`,
      `title=${escapeProperty(`policylens ${d.code ?? d.severity}`)}`,
    ].join(',');
    return `::${d.severity} ${properties}::${escapeData(d.message)}`;
  });
}

/** Workflow command data: `%`, CR and LF would end or garble the command. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command properties: as data, and `:` and `,` too, which separate properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Characters XML 1.0 forbids anywhere, even as character references: C0 controls other
 * than tab, LF and CR, unpaired surrogates, U+FFFE and U+FFFF.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these are the very characters to find
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Writes what XML forbids as `\uXXXX`, so that nothing is lost and the document stays well formed. */
function visible(text: string): string {
  return text.replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text content of an XML element. */
export function xmlText(text: string): string {
  return visible(text).replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An XML attribute value in double quotes; line breaks and tabs kept as references. */
export function xmlAttr(text: string): string {
  return visible(text).replace(/[<>&"'\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}
