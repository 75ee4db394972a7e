/**
 * The experiments list API (GET /api/experiments on the built UI) against a real MLflow holding a few
 * hundred experiments: it walks MLflow's page_token in every order the UI offers, with nothing lost or
 * repeated across pages, narrows a name search to names that contain the text literally (quotes, `%`
 * and `_` included), and separates active from deleted. Plus the mutations' answers to common mistakes.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MlflowClient, type Experiment } from "mltrack-sdk/mlflow";
import type { ExperimentDetail, ExperimentListPage, ExperimentSummary } from "@/features/experiments";

const mlflow = new MlflowClient({ trackingUri: inject("mlflowUrl"), auth: null });
const uiUrl = inject("uiUrl");

const prefix = `exlist-${randomUUID().slice(0, 8)}`;
const BULK = 250;
/** Names whose search text MLflow cannot say literally: each has a decoy that only a wildcard would match. */
const SPECIAL = ["under_score", "underXscore", "pct%sign", "pctXsign", "bob's", "bobXs", "MiXeD-CaSe"];
const RENAMED = 12;
const DELETED = 5;

const experiments = new Map<string, Experiment>();
const deletedIds = new Set<string>();

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

async function seed(): Promise<void> {
  // Names out of creation order (919 is coprime with 1000, so the numbers are distinct).
  const names = Array.from({ length: BULK }, (_, i) => `${prefix}-${String((i * 919) % 1000).padStart(3, "0")}`);
  names.push(...SPECIAL.map((s) => `${prefix}-${s}`));
  const ids: string[] = [];
  await inBatches(names, 4, async (name) => {
    ids.push(await mlflow.experiments.create({ name }));
  });
  // Renaming sets last_update_time, so "last updated" differs from "created".
  await inBatches(ids.slice(0, RENAMED), 4, async (experimentId) => {
    const { name } = await mlflow.experiments.get({ experimentId });
    await mlflow.experiments.update({ experimentId, newName: `${name}-renamed` });
  });
  await inBatches(ids.slice(RENAMED, RENAMED + DELETED), 4, async (experimentId) => {
    await mlflow.experiments.delete({ experimentId });
    deletedIds.add(experimentId);
  });
  await inBatches(ids, 8, async (experimentId) => {
    experiments.set(experimentId, await mlflow.experiments.get({ experimentId }));
  });
}

async function listPage(params: Record<string, string>): Promise<ExperimentListPage> {
  const res = await fetch(`${uiUrl}/api/experiments?${new URLSearchParams(params)}`);
  expect(res.status, JSON.stringify(params)).toBe(200);
  return (await res.json()) as ExperimentListPage;
}

/** Every page of a list, as the browser's infinite list reads it. */
async function walk(params: Record<string, string>): Promise<{ rows: ExperimentSummary[]; pages: number }> {
  const rows: ExperimentSummary[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const page = await listPage({ ...params, ...(pageToken ? { pageToken } : {}) });
    rows.push(...page.items);
    pageToken = page.nextPageToken;
    pages += 1;
    expect(pages).toBeLessThan(100);
  } while (pageToken);
  return { rows, pages };
}

/** MLflow's SQL order, worked out here from the experiments' own fields: the key, then the id. */
function expectedOrder(
  list: Experiment[],
  field: "name" | "creationTime" | "lastUpdateTime",
  descending: boolean,
): string[] {
  const sign = descending ? -1 : 1;
  return [...list]
    .sort((a, b) => {
      const [x, y] = [a[field] ?? 0, b[field] ?? 0];
      const byKey = x < y ? -1 : x > y ? 1 : 0;
      return sign * (byKey || Number(a.experimentId) - Number(b.experimentId));
    })
    .map((e) => e.experimentId);
}

const active = () => [...experiments.values()].filter((e) => !deletedIds.has(e.experimentId));

describe("experiments list API over MLflow's pages", () => {
  beforeAll(seed, 180_000);
  afterAll(async () => {
    await inBatches(
      [...experiments.keys()].filter((id) => !deletedIds.has(id)),
      4,
      async (experimentId) => {
        await mlflow.experiments.delete({ experimentId }).catch(() => undefined);
      },
    );
  });

  it("the seed differs in every order, so each sort below is a real check", () => {
    const a = active();
    expect(a).toHaveLength(BULK + SPECIAL.length - DELETED);
    const orders = [
      expectedOrder(a, "name", false),
      expectedOrder(a, "creationTime", false),
      expectedOrder(a, "lastUpdateTime", false),
    ];
    expect(new Set(orders.map((o) => o.join())).size).toBe(3);
  });

  const sorts = [
    ["name:asc", "name", false],
    ["name:desc", "name", true],
    ["created:asc", "creationTime", false],
    ["created:desc", "creationTime", true],
    ["updated:asc", "lastUpdateTime", false],
    ["updated:desc", "lastUpdateTime", true],
  ] as const;

  for (const [sort, field, descending] of sorts) {
    it(`walks page_token in ${sort} order: all of them, once each`, async () => {
      const { rows, pages } = await walk({ q: prefix, sort });
      const ids = rows.map((row) => row.experimentId);
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expectedOrder(active(), field, descending));
      expect(rows.every((row) => row.lifecycleStage === "active")).toBe(true);
    });
  }

  it("walks small pages too, ending exactly when MLflow stops sending a token", async () => {
    const { rows, pages } = await walk({ q: prefix, sort: "name:asc", maxResults: "37" });
    expect(pages).toBe(Math.ceil(active().length / 37));
    expect(rows.map((r) => r.experimentId)).toEqual(expectedOrder(active(), "name", false));
  });

  it("separates active, deleted and all", async () => {
    const deleted = await walk({ q: prefix, view: "deleted", sort: "created:asc" });
    expect(deleted.rows.map((r) => r.experimentId)).toEqual(
      expectedOrder(
        [...experiments.values()].filter((e) => deletedIds.has(e.experimentId)),
        "creationTime",
        false,
      ),
    );
    expect(deleted.rows.every((r) => r.lifecycleStage === "deleted")).toBe(true);
    const all = await walk({ q: prefix, view: "all", sort: "created:desc" });
    expect(all.rows.map((r) => r.experimentId)).toEqual(expectedOrder([...experiments.values()], "creationTime", true));
  });

  it("narrows a name search to names that contain the text, ignoring case", async () => {
    const names = async (q: string, view = "active") =>
      (await walk({ q, view, sort: "name:asc" })).rows.map((r) => r.name);
    expect(await names(`${prefix}-under_score`)).toEqual([`${prefix}-under_score`]);
    expect(await names(`${prefix}-pct%sign`)).toEqual([`${prefix}-pct%sign`]);
    expect(await names(`${prefix.toUpperCase()}-BOB'S`)).toEqual([`${prefix}-bob's`]);
    expect(await names(`${prefix}-mixed-case`)).toEqual([`${prefix}-MiXeD-CaSe`]);
    expect(await names(`  ${prefix}-under  `)).toEqual([`${prefix}-underXscore`, `${prefix}-under_score`]);
    // A quote-laden search is not a filter injection: it finds nothing, and MLflow accepts it.
    expect(await names(`${prefix}' OR name LIKE '%`, "all")).toEqual([]);

    const digits = `${prefix}-1`;
    const expected = active()
      .map((e) => e.name)
      .filter((name) => name.toLowerCase().includes(digits))
      .sort();
    expect(expected.length).toBeGreaterThan(20);
    expect(await names(digits)).toEqual(expected);
    expect(await names("-renamed")).toEqual(
      expect.arrayContaining(
        active()
          .filter((e) => e.name.endsWith("-renamed"))
          .map((e) => e.name),
      ),
    );
  });

  it("reads on through MLflow's pages while narrowing, a bounded number per request", async () => {
    // MLflow's superset is every active experiment of the seed (`_` matches any character); none has "-_" literally.
    const none = await walk({ q: `${prefix}-_`, sort: "name:asc", maxResults: "20" });
    expect(none.rows).toEqual([]);
    // 10 MLflow pages of 20 per request: the rest of the superset needs a second request.
    expect(none.pages).toBe(Math.ceil(active().length / 200));
    // The decoy sorts first ('X' < '_'), so the match comes from MLflow's second page, in the same request.
    const one = await walk({ q: `${prefix}-under_`, sort: "name:asc", maxResults: "1" });
    expect(one.rows.map((r) => r.name)).toEqual([`${prefix}-under_score`]);
    expect(one.pages).toBe(1);
  });

  it("refuses bad list parameters and experiment ids with 400 naming the problem", async () => {
    for (const query of ["sort=size:asc", "view=archived", "maxResults=0", `q=${"x".repeat(501)}`]) {
      const res = await fetch(`${uiUrl}/api/experiments?${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, query).toBe("INVALID_PARAMETER_VALUE");
    }
    for (const [method, path] of [
      ["GET", "/api/experiments/abc"],
      ["PATCH", "/api/experiments/1%20OR%201"],
      ["DELETE", "/api/experiments/-1"],
      ["POST", "/api/experiments/x/restore"],
      ["PUT", "/api/experiments/1.5/tags"],
    ] as const) {
      const res = await fetch(`${uiUrl}${path}`, {
        method,
        headers: { "content-type": "application/json" },
        ...(method === "GET" || method === "DELETE"
          ? {}
          : { body: JSON.stringify({ name: "x", key: "k", value: "v" }) }),
      });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(await res.text()).toContain("Experiment ids are numeric");
    }
    expect((await fetch(`${uiUrl}/api/experiments/987654321`)).status).toBe(404);
  });

  it("says in words that a name is taken, and by a deleted experiment when it is", async () => {
    const post = (name: string) =>
      fetch(`${uiUrl}/api/experiments`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name }),
      });
    const deleted = experiments.get([...deletedIds][0]!)!;
    const res = await post(deleted.name);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("RESOURCE_ALREADY_EXISTS");
    expect(body.error.message).toContain("deleted experiment");
    expect(body.error.message).toContain("Restore");
    expect(body.error.message).not.toMatch(/sqlite|INSERT/i);

    const taken = active()[0]!;
    const again = (await (await post(taken.name)).json()) as { error: { message: string } };
    expect(again.error.message).toBe(
      `An experiment named "${taken.name}" already exists (ID ${taken.experimentId}). Choose another name.`,
    );

    const other = active()[1]!;
    const rename = await fetch(`${uiUrl}/api/experiments/${other.experimentId}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: taken.name }),
    });
    expect(rename.status).toBe(400);
    expect(((await rename.json()) as { error: { message: string } }).error.message).toContain("already exists");

    const renameDeleted = await fetch(`${uiUrl}/api/experiments/${deleted.experimentId}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: `${prefix}-anything` }),
    });
    expect(renameDeleted.status).toBe(409);
    expect(await renameDeleted.text()).toContain("restore it before renaming it");
  });

  it("creates with a description and tags, hides saved views, and round-trips tags through MLflow", async () => {
    const res = await fetch(`${uiUrl}/api/experiments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: `${prefix}-made-here`, description: "# Notes\nline 2" }),
    });
    expect(res.status).toBe(200);
    const created = (await res.json()) as ExperimentDetail;
    experiments.set(created.experimentId, await mlflow.experiments.get({ experimentId: created.experimentId }));
    expect(created.description).toBe("# Notes\nline 2");
    expect((await mlflow.experiments.get({ experimentId: created.experimentId })).tags["mlflow.note.content"]).toBe(
      "# Notes\nline 2",
    );

    const { experimentId } = created;
    await mlflow.experiments.setTag({ experimentId, key: "mltrack.view.default", value: "{}" });
    await mlflow.experiments.setTag({ experimentId, key: "mlflow.sharedViewState.1", value: "s" });
    const tags = `${uiUrl}/api/experiments/${experimentId}/tags`;
    const put = await fetch(tags, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key: "team", value: "growth" }),
    });
    const detail = (await put.json()) as ExperimentDetail;
    expect(detail.tags).toEqual([{ key: "team", value: "growth" }]);
    expect(detail.systemTags).toEqual([{ key: "mlflow.sharedViewState.1", value: "s" }]);
    expect(JSON.stringify(detail)).not.toContain("mltrack.view.");
    expect((await mlflow.experiments.get({ experimentId })).tags.team).toBe("growth");

    const refused = await fetch(tags, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key: "mltrack.view.default", value: "clobbered" }),
    });
    expect(refused.status).toBe(400);
    expect((await mlflow.experiments.get({ experimentId })).tags["mltrack.view.default"]).toBe("{}");

    const removed = await fetch(`${tags}?key=team`, { method: "DELETE" });
    expect(((await removed.json()) as ExperimentDetail).tags).toEqual([]);
    expect((await mlflow.experiments.get({ experimentId })).tags.team).toBeUndefined();
  });
});
