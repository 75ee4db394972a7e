/**
 * The four AWS clients the SageMaker target uses, per region. Imported only by the target's own
 * files, which the engine loads lazily, so nothing else pays for the AWS SDK.
 *
 * Endpoint override (moto, LocalStack): the `endpoint` option, else the server env
 * `MLTRACK_AWS_ENDPOINT_URL`. Credentials: the `credentials` option, else the standard AWS chain
 * (env, shared config/profile, SSO, container or instance role). Credentials are never logged or stored.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { SageMakerClient, type SageMakerClientConfig } from "@aws-sdk/client-sagemaker";
import { SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { STSClient } from "@aws-sdk/client-sts";

export interface SageMakerClients {
  sagemaker: SageMakerClient;
  s3: S3Client;
  runtime: SageMakerRuntimeClient;
  sts: STSClient;
}

export type AwsCredentials = SageMakerClientConfig["credentials"];

export interface ClientOptions {
  /** e.g. `http://127.0.0.1:5000` for moto; default `MLTRACK_AWS_ENDPOINT_URL`, else AWS. */
  endpoint?: string;
  credentials?: AwsCredentials;
  /** Replaces some clients (a test's status-sequence fake of SageMaker). */
  clients?: (region: string) => Partial<SageMakerClients>;
}

export const endpointFromEnv = (): string | undefined => process.env.MLTRACK_AWS_ENDPOINT_URL?.trim() || undefined;

/** Builds (once per region) the clients; `endpoint` resolved when the target is created. */
export function clientFactory(options: ClientOptions): {
  endpoint: string | undefined;
  forRegion(region: string): SageMakerClients;
} {
  const endpoint = options.endpoint ?? endpointFromEnv();
  const cache = new Map<string, SageMakerClients>();
  return {
    endpoint,
    forRegion(region) {
      const cached = cache.get(region);
      if (cached) return cached;
      const common = {
        region,
        ...(endpoint ? { endpoint } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
      };
      const given = options.clients?.(region) ?? {};
      const clients: SageMakerClients = {
        sagemaker: given.sagemaker ?? new SageMakerClient(common),
        runtime: given.runtime ?? new SageMakerRuntimeClient(common),
        sts: given.sts ?? new STSClient(common),
        s3:
          given.s3 ??
          new S3Client({
            ...common,
            // Path-style URLs for moto/LocalStack; checksums only when an operation requires them
            // (aws/aws-sdk-js-v3#6819: the default CRC trailers break S3-compatible servers).
            forcePathStyle: endpoint !== undefined,
            requestChecksumCalculation: "WHEN_REQUIRED",
            responseChecksumValidation: "WHEN_REQUIRED",
          }),
      };
      cache.set(region, clients);
      return clients;
    },
  };
}
