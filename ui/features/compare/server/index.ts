export { getCompareRuns } from "./get-compare-runs";
export { CompareScreen } from "./compare-screen";
