/**
 * The factory domain: the data contracts holding the IP token's and the Offering's creation code, the OfferingFactory
 * and the TokenFactory (bound to the shared registry and distributor), the registry's TOKEN_BINDER_ROLE for the token
 * factory and each factory's creator role for the configured `lister`.
 *
 * Each creation code is split into {@link INITCODE_CHUNKS} `InitcodeChunk` contracts (a contract holds at most
 * 24,575 data bytes); the factories check the chunks against the artifact's keccak256 when they are constructed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id, keccak256 } from "ethers";

import { ROOT, type SuiteConfig } from "../../scripts/lib/config.js";
import type { buildDividendsModule } from "./Dividends.js";
import type { buildTokenModule } from "./Token.js";

/** Data contracts per creation code: two hold up to 49,150 bytes (the IP token's is about 26,600). */
export const INITCODE_CHUNKS = 2;

/** Products of the factories: artifact and source path. */
export const FACTORY_PRODUCTS = {
  token: { artifact: "IpSecurityToken", source: "contracts/factory/IpSecurityToken.sol" },
  offering: { artifact: "Offering", source: "contracts/offering/Offering.sol" },
} as const;

/** Factory roles and the configured holder of each. */
export const FACTORY_ROLES = {
  TokenFactory: [["TOKEN_CREATOR_ROLE", "lister"]],
  OfferingFactory: [["OFFERING_CREATOR_ROLE", "lister"]],
} as const;

/** The compiled creation code of a factory product (from the artifacts of the last build). */
export function creationCode(product: keyof typeof FACTORY_PRODUCTS): string {
  const { artifact, source } = FACTORY_PRODUCTS[product];
  const file = path.join(ROOT, "artifacts", source, `${artifact}.json`);
  const { bytecode } = JSON.parse(readFileSync(file, "utf8")) as { bytecode: string };
  if (!/^0x[0-9a-f]+$/i.test(bytecode) || bytecode.length < 4) throw new Error(`${file}: no creation code`);
  return bytecode;
}

/** `code` (0x-hex) cut into `parts` consecutive non-empty pieces of near-equal size. */
export function splitInitcode(code: string, parts = INITCODE_CHUNKS): string[] {
  const bytes = (code.length - 2) / 2;
  if (bytes < parts) throw new Error(`splitInitcode: ${bytes} bytes cannot make ${parts} chunks`);
  const size = Math.ceil(bytes / parts);
  const chunks: string[] = [];
  for (let i = 0; i < parts; i++) {
    chunks.push("0x" + code.slice(2 + i * size * 2, 2 + Math.min(bytes, (i + 1) * size) * 2));
  }
  return chunks;
}

export function buildFactoryModule(
  cfg: SuiteConfig,
  tokenModule: ReturnType<typeof buildTokenModule>,
  dividendsModule: ReturnType<typeof buildDividendsModule>,
) {
  return buildModule("Factory", (m) => {
    const { registry } = m.useModule(tokenModule);
    const { distributor } = m.useModule(dividendsModule);
    const chunksOf = (product: keyof typeof FACTORY_PRODUCTS, prefix: string) => {
      const code = creationCode(product);
      const chunks = splitInitcode(code).map((data, i) =>
        m.contract("InitcodeChunk", [data], { id: `${prefix}Initcode${i}` }),
      );
      return { chunks, hash: keccak256(code) };
    };
    const offeringCode = chunksOf("offering", "Offering");
    const offeringFactory = m.contract("OfferingFactory", [
      cfg.deployer,
      cfg.adminDelay,
      offeringCode.chunks,
      offeringCode.hash,
    ]);
    const tokenCode = chunksOf("token", "Token");
    const tokenFactory = m.contract("TokenFactory", [
      cfg.deployer,
      cfg.adminDelay,
      registry,
      distributor,
      offeringFactory,
      tokenCode.chunks,
      tokenCode.hash,
    ]);
    m.call(registry, "grantRole", [id("TOKEN_BINDER_ROLE"), tokenFactory], { id: "Registry_grant_TOKEN_BINDER_ROLE" });
    for (const [role, holder] of FACTORY_ROLES.TokenFactory) {
      m.call(tokenFactory, "grantRole", [id(role), cfg.roles[holder]], { id: `TokenFactory_grant_${role}` });
    }
    for (const [role, holder] of FACTORY_ROLES.OfferingFactory) {
      m.call(offeringFactory, "grantRole", [id(role), cfg.roles[holder]], { id: `OfferingFactory_grant_${role}` });
    }
    const [TokenInitcode0, TokenInitcode1] = tokenCode.chunks;
    const [OfferingInitcode0, OfferingInitcode1] = offeringCode.chunks;
    return { tokenFactory, offeringFactory, TokenInitcode0, TokenInitcode1, OfferingInitcode0, OfferingInitcode1 };
  });
}
