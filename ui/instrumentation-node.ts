/** A bad configuration stops the server at start-up, with every problem named. */
try {
  await import("./lib/env");
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}

// Hot paths the custom server answers before Next's router (lib/http/direct-routes.ts).
const { registerInvokeRoute } = await import("./features/deployments/server/invoke-route");
registerInvokeRoute();

export {};
