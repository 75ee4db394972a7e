/**
 * The client's address, as the custom server (server.ts) records it on every request before routing:
 * the connection's peer, or with MLTRACK_TRUSTED_PROXIES = n, the nth address from the right of
 * X-Forwarded-For (what the nearest trusted proxy saw). Anything a client sends under this name is
 * overwritten, so throttling cannot be dodged by a made-up header.
 */
export const CLIENT_IP_HEADER = "x-mltrack-client-ip";

export function clientIp(peer: string | undefined, forwardedFor: string | undefined, trustedProxies: number): string {
  if (trustedProxies > 0 && forwardedFor) {
    const hops = forwardedFor
      .split(",")
      .map((hop) => hop.trim())
      .filter(Boolean);
    const hop = hops[hops.length - trustedProxies];
    if (hop) return hop;
  }
  return peer ?? "unknown";
}
