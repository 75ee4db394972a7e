/** The deployments page's view in the URL: `?model=<registered model>` filters the list. */
export function deploymentsFilterOf(searchParams: Record<string, string | string[] | undefined>): string | undefined {
  const model = searchParams.model;
  const value = Array.isArray(model) ? model[0] : model;
  return value && value.trim() ? value.trim() : undefined;
}

export const deploymentsHref = (model: string | undefined) =>
  model ? `/deployments?model=${encodeURIComponent(model)}` : "/deployments";

export const modelHref = (name: string) => `/models/${encodeURIComponent(name)}`;
