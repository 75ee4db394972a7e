import type { Metadata } from "next";
import { SignInScreen } from "@/features/auth/server/sign-in-screen";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <SignInScreen searchParams={await searchParams} />;
}
