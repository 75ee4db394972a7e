import { describe, expect, it } from "vitest";
import { parseSelectedUser } from "./search-params";

describe("parseSelectedUser", () => {
  it("reads ?user= from the URL or a page's searchParams", () => {
    expect(parseSelectedUser(new URLSearchParams("user=a%40b"))).toBe("a@b");
    expect(parseSelectedUser({ user: ["first", "second"] })).toBe("first");
    expect(parseSelectedUser({})).toBeNull();
    expect(parseSelectedUser({ user: "" })).toBeNull();
    expect(parseSelectedUser({ user: "x".repeat(257) })).toBeNull();
  });
});
