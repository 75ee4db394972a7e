/**
 * The hourly cost hint the deploy dialog shows under the instance type. Browser-safe (no imports).
 *
 * Approximate on-demand prices, USD per instance-hour, of SageMaker REAL-TIME INFERENCE in us-east-1
 * (US East, N. Virginia), as listed on https://aws.amazon.com/sagemaker/pricing/ ("Real-Time
 * Inference" tab) in 2024–2025. Written down on 2026-12-01 from that listing without a live check:
 * AWS changes prices and other regions cost more, so the dialog labels the figure approximate and
 * links the pricing page. Types missing here get no hint: never a guess.
 */
const HOURLY_USD_US_EAST_1: Readonly<Record<string, number>> = {
  "ml.t2.medium": 0.056,
  "ml.t2.large": 0.111,
  "ml.t2.xlarge": 0.223,
  "ml.t2.2xlarge": 0.445,
  "ml.m4.xlarge": 0.28,
  "ml.m4.2xlarge": 0.56,
  "ml.m4.4xlarge": 1.12,
  "ml.m5.large": 0.115,
  "ml.m5.xlarge": 0.23,
  "ml.m5.2xlarge": 0.461,
  "ml.m5.4xlarge": 0.922,
  "ml.c5.large": 0.102,
  "ml.c5.xlarge": 0.204,
  "ml.c5.2xlarge": 0.408,
  "ml.c5.4xlarge": 0.816,
  "ml.g4dn.xlarge": 0.736,
  "ml.p3.2xlarge": 3.825,
};

export const SAGEMAKER_PRICING_URL = "https://aws.amazon.com/sagemaker/pricing/";
export const SAGEMAKER_PRICING_AS_OF = "2024–2025 listing, us-east-1, recorded 2026-12-01";

export interface HourlyCostHint {
  /** Per instance-hour, USD. */
  perInstance: number;
  /** `perInstance × count`: billed every hour the endpoint is InService, idle or not. */
  hourly: number;
  /** `hourly × 730` (an average month), rounded to the dollar. */
  monthly: number;
  region: "us-east-1";
  asOf: string;
  source: string;
}

/** The approximate cost of `count` instances of `instanceType`, or undefined for a type not listed. */
export function hourlyCostHint(instanceType: string, count: number): HourlyCostHint | undefined {
  const perInstance = HOURLY_USD_US_EAST_1[instanceType];
  if (perInstance === undefined || !Number.isInteger(count) || count < 1) return undefined;
  const hourly = Math.round(perInstance * count * 1000) / 1000;
  return {
    perInstance,
    hourly,
    monthly: Math.round(hourly * 730),
    region: "us-east-1",
    asOf: SAGEMAKER_PRICING_AS_OF,
    source: SAGEMAKER_PRICING_URL,
  };
}

/** The instance types that have a hint, for the dialog's suggestions. */
export const PRICED_INSTANCE_TYPES: readonly string[] = Object.keys(HOURLY_USD_US_EAST_1);
