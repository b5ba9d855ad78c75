import { hasErrors, quote, sortDiagnostics, type Diagnostic } from '../diagnostics.ts';
import { LINT_RULE_NAMES, type LintFinding, type LintRuleName } from './lint.ts';
import { checkSchema } from '../schema-check.ts';
import { parseYamlFile } from '../yaml.ts';

export type LintLevel = 'off' | 'warning' | 'error';

export interface LintException {
  /** A rule id or fact name; a trailing `*` matches any ending. */
  pattern: string;
  line: number;
  col: number;
}

export interface LintRuleSetting {
  level: LintLevel;
  except: LintException[];
}

export interface LintConfig {
  /** The config file, for positions; absent for the defaults. */
  file?: string;
  rules: Partial<Record<LintRuleName, LintRuleSetting>>;
}

interface RawConfig {
  lint?: {
    rules?: Record<string, LintLevel | { severity?: LintLevel; except?: string[] }>;
  };
}

/** Parses and schema-checks `.policylens.yaml`; errors point at the offending node. */
export function parseLintConfig(
  path: string,
  text: string,
): { config?: LintConfig; diagnostics: Diagnostic[] } {
  const file = parseYamlFile(path, text);
  // An empty file is a valid, empty configuration.
  if (file.value === null && file.diagnostics.length === 0)
    return { config: { file: path, rules: {} }, diagnostics: [] };
  const diagnostics = sortDiagnostics([...file.diagnostics, ...checkSchema('config', file)]);
  if (hasErrors(diagnostics)) return { diagnostics };
  const raw = (file.value ?? {}) as RawConfig;
  const rules: LintConfig['rules'] = {};
  for (const [name, setting] of Object.entries(raw.lint?.rules ?? {})) {
    const at = ['lint', 'rules', name];
    const isShort = typeof setting === 'string';
    rules[name as LintRuleName] = {
      level: isShort ? setting : (setting.severity ?? 'warning'),
      except: isShort
        ? []
        : (setting.except ?? []).map((pattern, i) => ({
            pattern,
            ...file.posAt([...at, 'except', i]),
          })),
    };
  }
  return { config: { file: path, rules }, diagnostics };
}

function matches(pattern: string, subject: string): boolean {
  return pattern.endsWith('*') ? subject.startsWith(pattern.slice(0, -1)) : subject === pattern;
}

/**
 * Applies a configuration to lint findings: drops what is off or excepted, sets each finding's
 * severity. With `reportUnusedExceptions`, an `except` entry that matched nothing becomes a
 * warning at that entry, so the configuration does not keep excuses for problems long fixed.
 */
export function applyLintConfig(
  findings: LintFinding[],
  config: LintConfig | undefined,
  options: {
    reportUnusedExceptions?: boolean;
    /** Lint rules that did not run (e.g. no page maps): their exceptions cannot be judged. */
    skipped?: LintRuleName[];
  } = {},
): Diagnostic[] {
  const used = new Set<LintException>();
  const out: Diagnostic[] = [];
  for (const finding of findings) {
    const setting = config?.rules[finding.code];
    const level = setting?.level ?? 'warning';
    if (level === 'off') continue;
    const exception = setting?.except.find((e) =>
      finding.subjects.some((s) => matches(e.pattern, s)),
    );
    if (exception) {
      used.add(exception);
      continue;
    }
    out.push({ ...finding, severity: level });
  }
  if (options.reportUnusedExceptions && config?.file) {
    for (const name of LINT_RULE_NAMES) {
      const setting = config.rules[name];
      if (!setting || setting.level === 'off' || options.skipped?.includes(name)) continue;
      for (const exception of setting.except) {
        if (used.has(exception)) continue;
        out.push({
          file: config.file,
          line: exception.line,
          col: exception.col,
          severity: 'warning',
          code: 'unused-exception',
          message: `${quote(exception.pattern)} in the ${name} exceptions matches no finding: remove it`,
        });
      }
    }
  }
  return sortDiagnostics(out);
}
