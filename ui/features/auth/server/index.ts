import "server-only";

export { nextAuthRoute } from "./next-auth-route";
export { authStore } from "./store-instance";
export { createApiToken, listApiTokens, revokeApiToken } from "./api-token-service";
