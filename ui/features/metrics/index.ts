export { RunMetricCharts } from "./components/run-metric-charts";
