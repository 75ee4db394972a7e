/** Test seams (not for production use): reset the once-per-process state between tests. */
import { clearRegisteredPricing } from "./pricing";
import { clearTrackers, setRetryDelays } from "./tracker";
import { resetWarnings } from "./warn";

export const _testing = {
  /** The next tracking problem prints a warning again. */
  resetWarnings,
  /** Forget registered prices. */
  clearRegisteredPricing,
  /** Forget trackers made so far (their pipelines are left as they are). */
  clearTrackers,
  /** Waits between attempts at run creation and artifact uploads while MLflow is unreachable (ms). */
  setRetryDelays,
};
