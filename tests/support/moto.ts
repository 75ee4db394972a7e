/**
 * moto's real server (`moto[server]` 5.2 from the project's .venv) on a free loopback port: the
 * stand-in for STS, S3, SageMaker and the SageMaker runtime (deploy-targets.md §3). One port serves
 * every service. `127.0.0.1`, never `localhost` (Node may resolve that to ::1).
 */
import { existsSync } from "node:fs";
import { venvBin } from "../../scripts/lib/paths";
import { freePort } from "../../scripts/lib/ports";
import { spawnManaged, waitForHttp, type ManagedProcess } from "../../scripts/lib/processes";

export interface MotoServer {
  url: string;
  port: number;
  process: ManagedProcess;
  /** POST /moto-api/reset: forgets every resource of every service. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Dummy credentials moto accepts; real ones must never reach a test. */
export const MOTO_CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" } as const;
/** moto's default account. */
export const MOTO_ACCOUNT_ID = "123456789012";

export async function startMoto(attempts = 3): Promise<MotoServer> {
  const bin = venvBin("moto_server");
  if (!existsSync(bin)) throw new Error(`${bin} is missing: the .venv needs moto[server] 5.2.`);
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = await freePort();
    const process_ = spawnManaged("moto", bin, ["-H", "127.0.0.1", "-p", String(port)], {
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" },
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitForHttp(`${url}/moto-api/`, process_, 60_000);
    } catch (err) {
      await process_.stop();
      lastError = err;
      // The port was taken between freePort() and the bind: try another one.
      if (/address already in use|Errno 98/i.test(process_.logTail())) continue;
      throw err;
    }
    return {
      url,
      port,
      process: process_,
      async reset() {
        const res = await fetch(`${url}/moto-api/reset`, { method: "POST" });
        await res.body?.cancel();
        if (!res.ok) throw new Error(`moto reset answered ${res.status}`);
      },
      stop: () => process_.stop(),
    };
  }
  throw lastError instanceof Error ? lastError : new Error("moto_server did not start");
}

/** Queues InvokeEndpoint answers (moto runs no model): each new distinct request takes the next one. */
export async function queueSageMakerResults(
  moto: MotoServer,
  region: string,
  results: { Body: string; ContentType?: string; InvokedProductionVariant?: string; CustomAttributes?: string }[],
): Promise<void> {
  const res = await fetch(`${moto.url}/moto-api/static/sagemaker/endpoint-results`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ account_id: MOTO_ACCOUNT_ID, region, results }),
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`moto endpoint-results answered ${res.status}`);
}
