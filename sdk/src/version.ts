/**
 * The package version (the packaging test checks it equals package.json's).
 *
 * @example
 * ```ts
 * import { version } from "@stokit/sdk";
 * console.log(version); // "0.1.0"
 * ```
 */
export const version = "0.1.0";
