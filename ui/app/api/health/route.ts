/**
 * Liveness of the UI server itself, whatever MLflow's state (that is /api/status). Public by design,
 * outside withRoute: load balancers and start-up checks probe it without credentials, and it says nothing else.
 */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}

export const dynamic = "force-dynamic";
