/**
 * next-auth for team mode: two ways in, both ending as an MLflow user. Credentials are checked by
 * MLflow's basic-auth app (throttled per user and address); GitHub sign-in is limited to configured
 * users or an organisation and maps to a provisioned MLflow account. The session is next-auth's
 * encrypted JWT cookie carrying the user's MLflow password, so MLTrack can call MLflow as them; the
 * browser's view of it (`session` callback) carries the name only.
 */
import "server-only";
import type { AuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GithubProvider from "next-auth/providers/github";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { serviceMlflow } from "@/lib/mlflow";
import { CLIENT_IP_HEADER } from "./client-ip";
import { githubApiUrl, githubUserCredentials, isAllowedGithubUser, type GithubProfile } from "./github";
import { passwordSignIn } from "./password-sign-in";
import { verifyMlflowPassword } from "./mlflow-credentials";
import type { SessionClaims } from "./session-cookie";
import { authStore } from "./store-instance";
import { recordSignIn } from "./user-roles";

/** What sign-in hands from a provider to the `jwt` callback. */
type SignedInUser = User & { mlflowPassword?: string; source?: SessionClaims["source"] };

/** Shown on the sign-in page for `?error=` (next-auth puts a thrown message there). */
export const THROTTLED_PREFIX = "Too many failed sign-ins";

async function authorizeCredentials(
  credentials: Record<"username" | "password", string> | undefined,
  headers: Record<string, string | string[] | undefined> | undefined,
): Promise<SignedInUser | null> {
  const username = credentials?.username?.trim() ?? "";
  const password = credentials?.password ?? "";
  if (!username || !password || username.length > 256 || password.length > 1024) return null;
  const ip = String(headers?.[CLIENT_IP_HEADER] ?? "unknown");
  const signIn = await passwordSignIn(username, password, ip);
  if (!signIn.ok && signIn.reason === "throttled") {
    log("warn", "sign-in throttled", { retryAfterSeconds: signIn.retryAfterSeconds });
    throw new Error(`${THROTTLED_PREFIX}: try again in ${Math.ceil(signIn.retryAfterSeconds / 60)} min`);
  }
  if (!signIn.ok) {
    log("info", "sign-in refused: wrong MLflow credentials");
    return null;
  }
  const { username: name } = signIn.identity;
  return { id: name, name, mlflowPassword: password, source: "mlflow" };
}

function githubProvider() {
  if (!env.MLTRACK_GITHUB_CLIENT_ID || !env.MLTRACK_GITHUB_CLIENT_SECRET) return [];
  const web = env.MLTRACK_GITHUB_URL.replace(/\/+$/, "");
  return [
    GithubProvider({
      clientId: env.MLTRACK_GITHUB_CLIENT_ID,
      clientSecret: env.MLTRACK_GITHUB_CLIENT_SECRET,
      authorization: { url: `${web}/login/oauth/authorize`, params: { scope: "read:user read:org" } },
      token: `${web}/login/oauth/access_token`,
      userinfo: { url: `${githubApiUrl(web)}/user` },
      profile: (profile: GithubProfile) => ({ id: String(profile.id), name: profile.login }),
    }),
  ];
}

async function signInGithub(user: SignedInUser, profile: GithubProfile, accessToken: string | undefined) {
  const allowed = await isAllowedGithubUser(profile, accessToken, {
    allowedUsers: env.MLTRACK_GITHUB_ALLOWED_USERS ?? [],
    allowedOrg: env.MLTRACK_GITHUB_ALLOWED_ORG,
    apiUrl: githubApiUrl(env.MLTRACK_GITHUB_URL),
  });
  if (!allowed) {
    log("info", "GitHub sign-in refused: not an allowed user or organisation member");
    return false;
  }
  const store = await authStore();
  const credentials = await githubUserCredentials(profile, {
    store,
    service: serviceMlflow(),
    secret: env.NEXTAUTH_SECRET ?? "",
    defaultRole: env.MLTRACK_DEFAULT_ROLE,
  });
  const identity = await verifyMlflowPassword(credentials.username, credentials.password);
  if (!identity) {
    log("warn", "GitHub user's provisioned MLflow password was refused by MLflow", { user: credentials.username });
    return false;
  }
  const known = await store.getUser(credentials.username);
  await recordSignIn(identity, {
    source: "github",
    githubId: String(profile.id),
    githubLogin: profile.login,
    sealedPassword: known?.sealedPassword ?? null,
  });
  user.name = credentials.username;
  user.mlflowPassword = credentials.password;
  user.source = "github";
  return true;
}

export function nextAuthOptions(): AuthOptions {
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env.MLTRACK_SESSION_HOURS * 3600 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "MLflow account",
        credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, req) => authorizeCredentials(credentials, req.headers),
      }),
      ...githubProvider(),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "github") return true;
        return signInGithub(user as SignedInUser, profile as unknown as GithubProfile, account.access_token);
      },
      jwt({ token, user }) {
        if (!user) return token;
        const signedIn = user as SignedInUser;
        // Only MLTrack's claims: no email or picture from the provider.
        const claims: SessionClaims = {
          name: signedIn.name ?? "",
          source: signedIn.source ?? "mlflow",
          mlflowPassword: signedIn.mlflowPassword ?? "",
        };
        return { sub: claims.name, ...claims };
      },
      session({ session, token }) {
        return { expires: session.expires, user: { name: typeof token.name === "string" ? token.name : null } };
      },
      redirect({ url, baseUrl }) {
        // Back to a page of this site only.
        if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
        return new URL(url).origin === baseUrl ? url : baseUrl;
      },
    },
    logger: {
      error: (code) => log("error", "next-auth error", { code }),
      warn: (code) => log("warn", "next-auth warning", { code }),
      debug: () => undefined,
    },
  };
}
