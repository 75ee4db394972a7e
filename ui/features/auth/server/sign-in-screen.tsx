import "server-only";
import { redirect } from "next/navigation";
import { signedInViewer } from "@/lib/auth";
import { env } from "@/lib/env";
import { SignInForm } from "../components/sign-in-form";

/** Where to go after signing in: a path on this site, never another origin. */
export function safeCallbackUrl(value: unknown): string {
  const url = typeof value === "string" ? value : "";
  return url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\") && !url.startsWith("/signin")
    ? url
    : "/experiments";
}

export async function SignInScreen({ searchParams }: { searchParams: Record<string, string | string[] | undefined> }) {
  if (env.MLTRACK_AUTH !== "team") redirect("/experiments");
  const callbackUrl = safeCallbackUrl(searchParams.callbackUrl);
  if (await signedInViewer()) redirect(callbackUrl);
  const error = typeof searchParams.error === "string" ? searchParams.error.slice(0, 200) : null;
  return <SignInForm callbackUrl={callbackUrl} github={Boolean(env.MLTRACK_GITHUB_CLIENT_ID)} initialError={error} />;
}
