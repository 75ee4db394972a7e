/** Links in Markdown notes may go only to http(s) and mailto addresses; anything else is dropped. */
export function safeMarkdownUrl(url: string): string {
  const trimmed = url.trim();
  try {
    const { protocol } = new URL(trimmed);
    return protocol === "http:" || protocol === "https:" || protocol === "mailto:" ? trimmed : "";
  } catch {
    // Relative or malformed: no protocol we can vouch for.
    return "";
  }
}
