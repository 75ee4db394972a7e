"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** next-auth's error codes, in words; a thrown message (the throttle's) is shown as it is. */
function describeSignInError(error: string): string {
  if (error === "CredentialsSignin") return "Wrong username or password.";
  if (error === "AccessDenied") return "This GitHub account may not sign in here.";
  if (/^[A-Z][A-Za-z]+$/.test(error)) return "Sign-in failed; try again.";
  return error;
}

export function SignInForm({
  callbackUrl,
  github,
  initialError,
}: {
  callbackUrl: string;
  github: boolean;
  initialError: string | null;
}) {
  const router = useRouter();
  const [error, setError] = useState(initialError ? describeSignInError(initialError) : null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      redirect: false,
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
    }).catch(() => null);
    setPending(false);
    if (result?.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setError(describeSignInError(result?.error ?? "Sign-in failed"));
  }

  return (
    <Card className="mx-auto mt-16 w-full max-w-sm">
      <CardHeader>
        <CardTitle>Sign in to MLTrack</CardTitle>
        <CardDescription>With your MLflow account{github ? ", or with GitHub" : ""}.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form className="space-y-4" onSubmit={(event) => void submit(event)}>
          <div className="space-y-2">
            <Label htmlFor="username">Username</Label>
            <Input id="username" name="username" autoComplete="username" required autoFocus />
          </div>
          <div className="space-y-2">
            <Label htmlFor="password">Password</Label>
            <Input id="password" name="password" type="password" autoComplete="current-password" required />
          </div>
          {error ? (
            <Alert variant="destructive" data-testid="sign-in-error">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          ) : null}
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Signing in…" : "Sign in"}
          </Button>
        </form>
        {github ? (
          <Button variant="outline" className="w-full" onClick={() => void signIn("github", { callbackUrl })}>
            Sign in with GitHub
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
