import { z } from "zod";

/** MLflow tag keys allow letters, digits, `_ - . /` and spaces; a view name keeps to those, without `/`. */
export const SavedViewName = z
  .string()
  .trim()
  .min(1, "A view needs a name")
  .max(200, "At most 200 characters")
  .regex(/^[\w.\- ]+$/, "Use letters, digits, spaces, `_`, `-` and `.` only");

/** A view as a URL query (`q=…&col=…&order=…&group=…`); it must fit MLflow's 5,000-character tag value. */
export const SavedViewSearch = z.string().max(4_500, "This view is too long to save in an MLflow tag");

export const SaveViewBody = z.object({ name: SavedViewName, search: SavedViewSearch }).strict();
export type SaveViewBody = z.input<typeof SaveViewBody>;

export const SavedView = z
  .object({
    name: z.string(),
    search: z.string(),
    savedAt: z.number().nullable(),
    savedBy: z.string().nullable(),
  })
  .strict();
export type SavedView = z.infer<typeof SavedView>;

export const SavedViewList = z.object({ views: z.array(SavedView) }).strict();
export type SavedViewList = z.infer<typeof SavedViewList>;
