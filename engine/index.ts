export * from './types.ts';
export { formatDiagnostic, sortDiagnostics, hasErrors, type Diagnostic } from './diagnostics.ts';
export {
  parseYamlFile,
  describePath,
  type ParsedYamlFile,
  type JsonPath,
  type Position,
} from './yaml.ts';
export {
  loadPack,
  loadPackFromObjects,
  loadVocabulary,
  fileKind,
  type SourceFile,
  type LoadResult,
  type PackObjects,
} from './load.ts';
export {
  createEvaluator,
  UnknownFlowError,
  DATE_FACT,
  describeLeaf,
  type Evaluator,
  type EvaluateOptions,
} from './evaluate.ts';
export { today, POLICY_TIME_ZONE } from './dates.ts';
export { summarizeEligibility, type Eligibility } from './summary.ts';
export { checkFacts, readFact, writeFact, formatFactValue, type FactProblem } from './facts.ts';
export { isSameEntity, normalizeEntityName } from './names.ts';
