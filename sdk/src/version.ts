/** The package version (kept equal to package.json by the packaging test). */
export const version = "0.1.0";
