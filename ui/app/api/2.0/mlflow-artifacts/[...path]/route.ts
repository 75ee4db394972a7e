// MLflow-compatible gateway: forwards allow-listed MLflow requests (see features/gateway).
export { GET, POST, PUT, PATCH, DELETE } from "@/features/gateway/server";

export const dynamic = "force-dynamic";
