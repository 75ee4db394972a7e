export { RunArtifacts } from "./components/run-artifacts";
