/** Waiting for tracked runs to be delivered, and letting the process go. */
import { allTrackers } from "./tracker";
import { reportProblem } from "./warn";

/**
 * Resolves when every run created so far, its log calls and its artifacts are in MLflow (or in the
 * pipeline's on-disk spool). Never rejects.
 */
export async function flush(): Promise<void> {
  try {
    await Promise.all(allTrackers().map((tracker) => tracker.flush()));
  } catch (err) {
    reportProblem("flush() failed", err);
  }
}

/** `flush()`, then stops every pipeline's background work so the process can exit. Never rejects. */
export async function shutdown(): Promise<void> {
  await flush();
  try {
    await Promise.all(allTrackers().map((tracker) => tracker.pipeline.shutdown()));
  } catch (err) {
    reportProblem("shutdown() failed", err);
  }
}
