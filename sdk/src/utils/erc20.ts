import { Contract, Interface } from "ethers";

import * as erc20 from "../generated/abis/IERC20Metadata.js";
import type { IERC20Metadata } from "../generated/types/IERC20Metadata.js";
import { expand } from "./abi.js";
import type { StokitRunner } from "./runner.js";

/** @internal The ERC-20 functions the SDK calls on payment and payout tokens (a bundle carries no others). */
export const erc20Interface = /*#__PURE__*/ new Interface(
  expand("function", [erc20.balanceOf, erc20.allowance, erc20.approve, erc20.name, erc20.symbol, erc20.decimals]),
);

/** @internal A typed ERC-20 limited to {@link erc20Interface}'s functions. */
export function erc20At(address: string, runner: StokitRunner): IERC20Metadata {
  return new Contract(address, erc20Interface, runner) as unknown as IERC20Metadata;
}
