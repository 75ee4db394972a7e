/**
 * Wrong-password throttling, shared by every UI instance through the auth store. Two counts over a
 * sliding 15-minute window: one name from one address (5 failures), and one address whatever the names
 * (50, so guessing across many accounts is slowed too). A correct password clears the first only.
 */
import "server-only";
import type { AuthStore } from "./store/types";

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const USER_IP_LIMIT = 5;
export const IP_LIMIT = 50;
/** Old rows are dropped on a failure, at most this often per throttle. */
const PRUNE_EVERY_MS = 60_000;

export type LoginCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface LoginThrottle {
  /** Before checking a password: whether this name may be tried from this address now. */
  check(user: string, ip: string): Promise<LoginCheck>;
  /** After a wrong password. */
  fail(user: string, ip: string): Promise<void>;
  /** After a right one: the name's count from this address starts again. */
  succeed(user: string, ip: string): Promise<void>;
}

const userIpKey = (user: string, ip: string) => `user:${user.toLowerCase()}|ip:${ip}`;
const ipKey = (ip: string) => `ip:${ip}`;

export function createLoginThrottle(store: AuthStore, options: { now?: () => number } = {}): LoginThrottle {
  const now = options.now ?? Date.now;
  let prunedAt = -Infinity;

  /** Seconds until the key's count in the window drops below `limit`; 0 when it already is below. */
  async function wait(key: string, limit: number, at: number): Promise<number> {
    const since = at - LOGIN_WINDOW_MS;
    const count = await store.countLoginFailures(key, since);
    if (count < limit) return 0;
    // Below the limit once this failure, and every one before it, has left the window: a failure at t
    // counts up to t + window inclusive. Without it (pruned meanwhile), a whole window.
    const leaving = (await store.loginFailureTime(key, since, count - limit)) ?? at;
    return Math.max(1, Math.ceil((leaving + LOGIN_WINDOW_MS + 1 - at) / 1000));
  }

  return {
    async check(user, ip) {
      const at = now();
      const seconds = Math.max(await wait(userIpKey(user, ip), USER_IP_LIMIT, at), await wait(ipKey(ip), IP_LIMIT, at));
      return seconds === 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: seconds };
    },
    async fail(user, ip) {
      const at = now();
      await store.recordLoginFailure(userIpKey(user, ip), at);
      await store.recordLoginFailure(ipKey(ip), at);
      if (at - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = at;
        await store.pruneLoginFailures(at - LOGIN_WINDOW_MS);
      }
    },
    async succeed(user, ip) {
      await store.clearLoginFailures(userIpKey(user, ip));
    },
  };
}
