/** The process's sign-in throttle, over the shared auth store (so every UI instance counts the same failures). */
import "server-only";
import { createLoginThrottle } from "./login-throttle";
import { authStore } from "./store-instance";

type LoginThrottle = ReturnType<typeof createLoginThrottle>;
let throttle: Promise<LoginThrottle> | undefined;

export function loginThrottle(): Promise<LoginThrottle> {
  throttle ??= authStore().then((store) => createLoginThrottle(store));
  return throttle;
}
