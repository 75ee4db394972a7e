/**
 * Cross-site request forgery: a browser's state-changing request sent from another site is refused
 * before anything runs, in every route wrapper. The rules are Fetch Metadata's (as Go's
 * http.CrossOriginProtection applies them): GET, HEAD and OPTIONS pass; where the browser sends
 * `Sec-Fetch-Site`, only `same-origin` and `none` (started by the user, not a page) pass; otherwise an `Origin`
 * must name this server's own host. A request with neither header does not come from a browser page
 * (MLflow's clients, the SDK, curl) and passes: a page cannot send a request without them.
 * Without this, any web page could POST a deploy to a local MLTrack as a simple request.
 */
import { AppError } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

interface RequestHead {
  method: string;
  headers: { get(name: string): string | null };
}

export function refuseCrossSite(req: RequestHead): void {
  if (SAFE_METHODS.has(req.method)) return;
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) {
    if (site === "same-origin" || site === "none") return;
    throw refused(`the browser marked it ${site}`);
  }
  const origin = req.headers.get("origin");
  if (origin === null) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw refused(`its Origin ${JSON.stringify(origin.slice(0, 100))} is not one`);
  }
  if (originHost !== req.headers.get("host")) {
    throw refused(`it comes from ${JSON.stringify(origin.slice(0, 100))}`);
  }
}

function refused(why: string): AppError {
  return new AppError("PERMISSION_DENIED", `Cross-site request refused: ${why}. Use MLTrack from its own pages.`, {
    status: 403,
  });
}
