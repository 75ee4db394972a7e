/** Personal API tokens as MLTrack's API shows them: never the hash, the token only once at creation. */
import { z } from "zod";

export const ApiTokenSummary = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.number(),
  expiresAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
  /** At the time of the answer. */
  state: z.enum(["live", "expired", "revoked"]),
});
export type ApiTokenSummary = z.infer<typeof ApiTokenSummary>;

export const ApiTokenList = z.object({ tokens: z.array(ApiTokenSummary) });
export type ApiTokenList = z.infer<typeof ApiTokenList>;

export const TOKEN_LIFETIMES_DAYS = [7, 30, 90, 365] as const;

export const CreateApiTokenBody = z
  .object({
    label: z.string().trim().min(1, "a label is needed").max(100),
    /** Days until it expires; null: never. */
    expiresInDays: z
      .number()
      .int()
      .refine((days) => (TOKEN_LIFETIMES_DAYS as readonly number[]).includes(days), {
        message: `must be one of ${TOKEN_LIFETIMES_DAYS.join(", ")}, or null for no expiry`,
      })
      .nullable(),
  })
  .strict();
export type CreateApiTokenBody = z.infer<typeof CreateApiTokenBody>;

export const CreatedApiToken = z.object({ token: z.string(), summary: ApiTokenSummary });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;

export const ApiTokenIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{12}$/, "an API token id (12 hex digits)") });
