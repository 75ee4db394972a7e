// Unknown API paths: a JSON 404 (MLflow's shape under /api/<version>/, MLTrack's elsewhere).
export {
  apiNotFound as GET,
  apiNotFound as POST,
  apiNotFound as PUT,
  apiNotFound as PATCH,
  apiNotFound as DELETE,
} from "@/features/gateway/server";

export const dynamic = "force-dynamic";
