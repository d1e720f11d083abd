// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IpSecurityToken} from "../../contracts/factory/IpSecurityToken.sol";
import {FactoryFixture} from "./FactoryFixture.sol";

/// @dev Issue 14 case 8 on the factories' output: a token created by {TokenFactory} (CREATE2 from data contracts)
/// answers ERC-5267 `eip712Domain()` with its own name and address, and a permit signed over the domain read back
/// from it (what wallets and OpenZeppelin's permit helpers do) is accepted. The factories themselves verify no
/// signature, so they have no domain of their own.
contract IpTokenEip712DomainTest is FactoryFixture {
    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    function test_eip712Domain_ofAFactoryTokenSignsAPermit() public {
        IpSecurityToken token = IpSecurityToken(tokenFactory.createToken(_params(keccak256("webtoon:moonlit"))));
        bytes32 domain = _domainReadBack(token);
        assertEq(domain, token.DOMAIN_SEPARATOR(), "the domain read back is the one permit verifies");

        (address owner, uint256 key) = makeAddrAndKey("owner");
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, owner, stranger, 5e18, token.nonces(owner), deadline)
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, keccak256(abi.encodePacked(hex"1901", domain, structHash)));
        token.permit(owner, stranger, 5e18, deadline, v, r, s);
        assertEq(token.allowance(owner, stranger), 5e18, "permit accepted");
        assertEq(token.nonces(owner), 1, "nonce used");
    }

    /// @dev The domain separator built from what `eip712Domain()` returns, after checking each field.
    function _domainReadBack(IpSecurityToken token) internal view returns (bytes32) {
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifying,
            bytes32 salt,
            uint256[] memory extensions
        ) = token.eip712Domain();
        assertEq(fields, hex"0f", "name, version, chain id, verifying contract");
        assertEq(keccak256(bytes(name)), keccak256(bytes(token.name())), "the token's name");
        assertEq(keccak256(bytes(version)), keccak256("1"), "version 1");
        assertEq(chainId, block.chainid, "chain");
        assertEq(verifying, address(token), "this token, not the factory or a data contract");
        assertEq(salt, bytes32(0), "no salt");
        assertEq(extensions.length, 0, "no extensions");
        return
            keccak256(
                abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(name)), keccak256(bytes(version)), chainId, verifying)
            );
    }
}
