export {
  compileRunFilter,
  DEFAULT_MAX_CLAUSES,
  RunFilterSyntaxError,
  type CompileRunFilterOptions,
  type CompileRunFilterResult,
  type RunFilterError,
} from "./compile";
