import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { InvalidParameterError } from "../errors/parameter.js";
import { assertAddress } from "./validate.js";

describe("validate", () => {
  it("a mixed-case address with a wrong EIP-55 checksum is reported as a checksum error, with the right checksum", () => {
    const good = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    const typo = "0x70997970C51812dc3A010C7d01b50e0d17dc79c8"; // last letter's case changed
    assert.equal(assertAddress("holder", good), good);
    assert.equal(assertAddress("holder", good.toLowerCase()), good, "all-lowercase carries no checksum");
    assert.throws(
      () => assertAddress("holder", typo),
      (e: unknown) => {
        assert.ok(e instanceof InvalidParameterError);
        assert.equal(
          e.shortMessage,
          `Invalid holder: expected an address with a valid EIP-55 checksum (mixed case; the checksum of these 20 bytes is ${good}): a character is probably wrong, got "${typo}".`,
        );
        return true;
      },
    );
    assert.throws(() => assertAddress("holder", "0x1234"), /expected a 20-byte 0x address/);
  });
});
