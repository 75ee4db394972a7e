import "server-only";
import { cache } from "react";
import { makeQueryClient } from "./query-client";

/** One QueryClient per server request, shared by every server component rendering it. */
export const getServerQueryClient = cache(makeQueryClient);
