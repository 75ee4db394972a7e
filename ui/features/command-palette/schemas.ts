import { z } from "zod";

export const PaletteQuery = z.object({ q: z.string().max(200).default("") });
export type PaletteQuery = z.input<typeof PaletteQuery>;

/** What the Cmd/Ctrl+K palette can jump to: a few experiments, runs and registered models by name. */
export const PaletteResults = z
  .object({
    experiments: z.array(z.object({ experimentId: z.string(), name: z.string() }).strict()),
    runs: z.array(
      z
        .object({ runId: z.string(), runName: z.string(), experimentId: z.string(), experimentName: z.string() })
        .strict(),
    ),
    models: z.array(z.object({ name: z.string(), latestVersion: z.string().nullable() }).strict()),
  })
  .strict();
export type PaletteResults = z.infer<typeof PaletteResults>;
