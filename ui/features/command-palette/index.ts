export { CommandPalette } from "./components/command-palette";
export { PaletteQuery, PaletteResults } from "./schemas";
