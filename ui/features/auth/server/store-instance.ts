/**
 * The process's one auth store, opened (and migrated) at first use. Kept on `globalThis` because Next
 * may evaluate this module once per route bundle; a failed open is retried on the next call.
 */
import "server-only";
import { env } from "@/lib/env";
import { openAuthStore } from "./store";
import type { AuthStore } from "./store/types";

const SLOT = Symbol.for("mltrack.authStore");
type Holder = typeof globalThis & { [SLOT]?: Promise<AuthStore> };

export function authStore(): Promise<AuthStore> {
  const holder = globalThis as Holder;
  holder[SLOT] ??= openAuthStore(env.MLTRACK_AUTH_STORE_URL).catch((err: unknown) => {
    holder[SLOT] = undefined;
    throw err;
  });
  return holder[SLOT];
}
