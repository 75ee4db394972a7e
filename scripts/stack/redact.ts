/** A URL fit to print: credentials in it hidden. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = parsed.username ? "***" : "";
    parsed.password = parsed.password ? "***" : "";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return url;
  }
}
