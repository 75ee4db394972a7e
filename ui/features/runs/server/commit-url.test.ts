import { describe, expect, it } from "vitest";
import { commitUrlOf } from "./get-run-detail";

const SHA = "0123456789abcdef0123456789abcdef01234567";

describe("commitUrlOf", () => {
  it.each([
    ["https://github.com/org/repo", `https://github.com/org/repo/commit/${SHA}`],
    ["https://github.com/org/repo.git", `https://github.com/org/repo/commit/${SHA}`],
    ["https://github.com/org/repo/", `https://github.com/org/repo/commit/${SHA}`],
    ["https://x-access-token:abc@github.com/org/repo.git", `https://github.com/org/repo/commit/${SHA}`],
    ["http://GitHub.com/Org/Repo.GIT", `https://github.com/Org/Repo/commit/${SHA}`],
    ["git@github.com:org/repo.git", `https://github.com/org/repo/commit/${SHA}`],
    ["github.com:org/repo", `https://github.com/org/repo/commit/${SHA}`],
    ["ssh://git@github.com/org/repo.git", `https://github.com/org/repo/commit/${SHA}`],
    ["ssh://git@github.com:22/org/repo.git", `https://github.com/org/repo/commit/${SHA}`],
    ["  https://github.com/org/my.repo-name.git  ", `https://github.com/org/my.repo-name/commit/${SHA}`],
    ["https://gitlab.com/group/sub/repo.git", `https://gitlab.com/group/sub/repo/-/commit/${SHA}`],
    ["git@gitlab.com:group/repo.git", `https://gitlab.com/group/repo/-/commit/${SHA}`],
    ["https://bitbucket.org/team/repo.git", `https://bitbucket.org/team/repo/commits/${SHA}`],
    ["git@bitbucket.org:team/repo.git", `https://bitbucket.org/team/repo/commits/${SHA}`],
  ])("%s", (remote, expected) => expect(commitUrlOf(remote, SHA)).toBe(expected));

  it("accepts short and upper-case commits, written in lower case", () => {
    expect(commitUrlOf("https://github.com/org/repo", "ABCDEF1")).toBe("https://github.com/org/repo/commit/abcdef1");
  });

  it.each([
    ["not hex", "https://github.com/org/repo", "main"],
    ["too short", "https://github.com/org/repo", "abc123"],
    ["markup in commit", "https://github.com/org/repo", `${SHA}"><script>`],
    ["no commit", "https://github.com/org/repo", null],
    ["no remote", null, SHA],
  ])("null for a bad commit or no remote: %s", (_, remote, commit) => expect(commitUrlOf(remote, commit)).toBeNull());

  it.each([
    "https://example.com/org/repo",
    "https://github.com.evil.example/org/repo",
    "https://evil.example/github.com/org/repo",
    "https://evil.example\\@github.com/org/repo",
    "https://github.com@evil.example/org/repo",
    "https://github.com:443@evil.example/org/repo",
    "git@evil.example:org/repo.git",
    "javascript:alert(1)//github.com/org/repo",
    "javascript://github.com/org/repo",
    "JavaScript:github.com/org/repo",
    "data:text/html,github.com/org/repo",
    "github.com/org/repo",
    "https://github.com/org",
    "https://github.com/org/repo/tree/main",
    "https://github.com/../../evil",
    "https://github.com/org/<b>",
    "https://github.com/org/repo?x=1",
    "https://github.com/org/repo#frag",
    "file:///home/me/repo",
    "/home/me/repo",
    "",
  ])("null for an unknown host or odd remote: %j", (remote) => expect(commitUrlOf(remote, SHA)).toBeNull());
});
