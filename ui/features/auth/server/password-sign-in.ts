/**
 * One check of an MLflow username and password, for both ways a password arrives (the sign-in form and
 * `Basic` credentials on the gateway): throttled per user and address, verified by MLflow, and a success
 * recorded (first visit's role, MLflow's admin flag synced).
 */
import "server-only";
import { loginThrottle } from "./login-throttle-instance";
import { verifyMlflowPassword, type MlflowIdentity } from "./mlflow-credentials";
import { recordSignIn } from "./user-roles";

export type PasswordSignIn =
  | { ok: true; identity: MlflowIdentity }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  | { ok: false; reason: "wrong-password" };

export async function passwordSignIn(username: string, password: string, ip: string): Promise<PasswordSignIn> {
  const throttle = await loginThrottle();
  const allowed = await throttle.check(username, ip);
  if (!allowed.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: allowed.retryAfterSeconds };
  const identity = await verifyMlflowPassword(username, password);
  if (!identity) {
    await throttle.fail(username, ip);
    return { ok: false, reason: "wrong-password" };
  }
  await throttle.succeed(username, ip);
  await recordSignIn(identity);
  return { ok: true, identity };
}
