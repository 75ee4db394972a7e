import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLoginThrottle, IP_LIMIT, LOGIN_WINDOW_MS, USER_IP_LIMIT, type LoginThrottle } from "./login-throttle";
import { openAuthStore } from "./store";
import type { AuthStore } from "./store/types";

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const dir = mkdtempSync(path.join(tmpdir(), "mltrack-login-throttle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let stores = 0;
let store: AuthStore;
let clock: number;
let throttle: LoginThrottle;

beforeEach(async () => {
  store = await openAuthStore(`sqlite:${path.join(dir, `${++stores}.db`)}`);
  clock = T0;
  throttle = createLoginThrottle(store, { now: () => clock });
});
afterEach(() => store.close());

/** `count` wrong passwords, one a second, each after an allowed check. */
async function failTimes(user: string, ip: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    expect(await throttle.check(user, ip)).toEqual({ allowed: true });
    await throttle.fail(user, ip);
    clock += 1000;
  }
}

describe("login throttle", () => {
  it(`stops a name from one address after ${USER_IP_LIMIT} wrong passwords, until the oldest leaves the window`, async () => {
    await failTimes("alice", "10.0.0.1", USER_IP_LIMIT);
    // Now T0 + 5 s; the first failure (T0) counts through T0 + 15 min.
    expect(await throttle.check("alice", "10.0.0.1")).toEqual({
      allowed: false,
      retryAfterSeconds: Math.ceil((LOGIN_WINDOW_MS + 1 - 5000) / 1000),
    });
    clock = T0 + LOGIN_WINDOW_MS;
    expect(await throttle.check("alice", "10.0.0.1")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock = T0 + LOGIN_WINDOW_MS + 1;
    expect(await throttle.check("alice", "10.0.0.1")).toEqual({ allowed: true });
    // One more wrong password fills the window again, until the second failure (T0 + 1 s) leaves.
    await throttle.fail("alice", "10.0.0.1");
    expect(await throttle.check("alice", "10.0.0.1")).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("counts a name whatever its case, and per address", async () => {
    await failTimes("Alice", "10.0.0.1", USER_IP_LIMIT - 1);
    await throttle.fail("ALICE", "10.0.0.1");
    expect((await throttle.check("alice", "10.0.0.1")).allowed).toBe(false);
    expect(await throttle.check("alice", "10.0.0.2")).toEqual({ allowed: true });
    expect(await throttle.check("bob", "10.0.0.1")).toEqual({ allowed: true });
  });

  it("waits for enough failures to leave when more than the limit were recorded", async () => {
    // Requests that passed the check together all fail: seven failures, one a second.
    for (let i = 0; i < USER_IP_LIMIT + 2; i++) {
      await throttle.fail("alice", "10.0.0.1");
      clock += 1000;
    }
    // At T0 + 7 s: below the limit once the third failure (T0 + 2 s) has left.
    expect(await throttle.check("alice", "10.0.0.1")).toEqual({
      allowed: false,
      retryAfterSeconds: Math.ceil((2000 + LOGIN_WINDOW_MS + 1 - 7000) / 1000),
    });
    clock = T0 + 2000 + LOGIN_WINDOW_MS;
    expect((await throttle.check("alice", "10.0.0.1")).allowed).toBe(false);
    clock += 1;
    expect(await throttle.check("alice", "10.0.0.1")).toEqual({ allowed: true });
  });

  it(`stops an address after ${IP_LIMIT} wrong passwords across names, and not another address`, async () => {
    for (let i = 0; i < IP_LIMIT; i++) await failTimes(`user${i}`, "10.0.0.1", 1);
    // A name it never tried is stopped too, until the address's oldest failure leaves.
    expect(await throttle.check("zoe", "10.0.0.1")).toEqual({
      allowed: false,
      retryAfterSeconds: Math.ceil((LOGIN_WINDOW_MS + 1 - IP_LIMIT * 1000) / 1000),
    });
    expect(await throttle.check("zoe", "10.0.0.2")).toEqual({ allowed: true });
    // A right password for one name does not lift the address's count.
    await throttle.succeed("user0", "10.0.0.1");
    expect((await throttle.check("user0", "10.0.0.1")).allowed).toBe(false);
  });

  it("answers with the longer wait when both counts are full", async () => {
    // 45 other names early, then alice's five: the address fills at alice's last failure.
    for (let i = 0; i < IP_LIMIT - USER_IP_LIMIT; i++) await failTimes(`user${i}`, "10.0.0.1", 1);
    clock = T0 + 10 * 60_000;
    await failTimes("alice", "10.0.0.1", USER_IP_LIMIT);
    const now = clock;
    // The address frees at T0 + 15 min (its oldest); alice's name later, when her first failure leaves.
    expect(await throttle.check("alice", "10.0.0.1")).toEqual({
      allowed: false,
      retryAfterSeconds: Math.ceil((T0 + 10 * 60_000 + LOGIN_WINDOW_MS + 1 - now) / 1000),
    });
    expect(await throttle.check("bob", "10.0.0.1")).toEqual({
      allowed: false,
      retryAfterSeconds: Math.ceil((T0 + LOGIN_WINDOW_MS + 1 - now) / 1000),
    });
  });

  it("starts a name's count again after a right password, keeping the address's", async () => {
    await failTimes("alice", "10.0.0.1", USER_IP_LIMIT - 1);
    await throttle.succeed("Alice", "10.0.0.1");
    await failTimes("alice", "10.0.0.1", USER_IP_LIMIT);
    expect((await throttle.check("alice", "10.0.0.1")).allowed).toBe(false);
    expect(await store.countLoginFailures("ip:10.0.0.1", 0)).toBe(2 * USER_IP_LIMIT - 1);
  });

  it("drops failures older than the window on a later failure", async () => {
    await failTimes("alice", "10.0.0.1", 3);
    clock = T0 + 2000 + LOGIN_WINDOW_MS;
    await throttle.fail("bob", "10.0.0.2");
    // T0 and T0 + 1 s are gone; T0 + 2 s still counts.
    expect(await store.countLoginFailures("user:alice|ip:10.0.0.1", 0)).toBe(1);
    expect(await store.countLoginFailures("ip:10.0.0.1", 0)).toBe(1);
    expect(await store.countLoginFailures("ip:10.0.0.2", 0)).toBe(1);
  });
});
