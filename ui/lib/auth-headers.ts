/** Set by the custom server (server.ts) on every request: the path and query a page was asked for, for sign-in's way back. */
export const REQUEST_PATH_HEADER = "x-mltrack-request-path";
