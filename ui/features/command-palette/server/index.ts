export { searchPalette } from "./search-palette";
