import { describe, expect, it } from "vitest";
import { githubApiUrl, isAllowedGithubUser } from "./github";

/** GitHub's membership answer for one org, as its REST API gives it; anything else 404. */
function membershipFetch(org: string, state: string | null, seen: string[] = []): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    seen.push(`${String(input)} ${new Headers(init?.headers).get("authorization")}`);
    if (state !== null && String(input).endsWith(`/user/memberships/orgs/${org}`)) return Response.json({ state });
    return Response.json({ message: "Not Found" }, { status: 404 });
  }) as typeof fetch;
}

describe("GitHub sign-in access", () => {
  const access = { allowedUsers: ["octocat"], allowedOrg: undefined, apiUrl: "https://api.github.com" };

  it("lets in listed logins (case-insensitive), without asking GitHub", async () => {
    const seen: string[] = [];
    const fetch = membershipFetch("acme", null, seen);
    expect(await isAllowedGithubUser({ id: 1, login: "OctoCat" }, "t", { ...access, fetch })).toBe(true);
    expect(await isAllowedGithubUser({ id: 2, login: "mallory" }, "t", { ...access, fetch })).toBe(false);
    expect(seen).toEqual([]);
  });

  it("lets in active members of the organisation only, asking with the user's own token", async () => {
    const seen: string[] = [];
    const org = { ...access, allowedUsers: [], allowedOrg: "acme" };
    expect(
      await isAllowedGithubUser({ id: 3, login: "dev" }, "gho_x", {
        ...org,
        fetch: membershipFetch("acme", "active", seen),
      }),
    ).toBe(true);
    expect(seen).toEqual(["https://api.github.com/user/memberships/orgs/acme Bearer gho_x"]);
    expect(
      await isAllowedGithubUser({ id: 3, login: "dev" }, "gho_x", {
        ...org,
        fetch: membershipFetch("acme", "pending"),
      }),
    ).toBe(false);
    expect(
      await isAllowedGithubUser({ id: 3, login: "dev" }, "gho_x", { ...org, fetch: membershipFetch("acme", null) }),
    ).toBe(false);
    expect(
      await isAllowedGithubUser({ id: 3, login: "dev" }, undefined, {
        ...org,
        fetch: membershipFetch("acme", "active"),
      }),
    ).toBe(false);
  });

  it("finds GitHub Enterprise's API under /api/v3", () => {
    expect(githubApiUrl("https://github.com/")).toBe("https://api.github.com");
    expect(githubApiUrl("https://git.example.com")).toBe("https://git.example.com/api/v3");
  });
});
