import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("is the connection's peer unless proxies are trusted: a client's own X-Forwarded-For is ignored", () => {
    expect(clientIp("10.0.0.7", "1.2.3.4", 0)).toBe("10.0.0.7");
    expect(clientIp(undefined, undefined, 0)).toBe("unknown");
  });

  it("takes the address the nearest trusted proxy saw, not one the client prepended", () => {
    // The client sent "6.6.6.6"; the load balancer appended the address it saw.
    expect(clientIp("10.0.0.2", "6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientIp("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", 2)).toBe("203.0.113.9");
  });

  it("falls back to the peer when the header has fewer hops than trusted proxies", () => {
    expect(clientIp("10.0.0.2", "", 1)).toBe("10.0.0.2");
    expect(clientIp("10.0.0.2", "203.0.113.9", 2)).toBe("10.0.0.2");
  });
});
