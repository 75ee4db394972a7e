import { PaletteQuery, PaletteResults } from "@/features/command-palette";
import { searchPalette } from "@/features/command-palette/server";
import { withRoute } from "@/lib/http/route";

export const GET = withRoute({
  query: PaletteQuery,
  response: PaletteResults,
  handler: ({ query, mlflow }) => searchPalette(mlflow, query),
});

export const dynamic = "force-dynamic";
