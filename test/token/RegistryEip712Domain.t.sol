// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";

import {IIdentityRegistry, InvestorId} from "../../contracts/interfaces/IIdentityRegistry.sol";
import {IdentityRegistry} from "../../contracts/token/IdentityRegistry.sol";
import {Test} from "../utils/Test.sol";

/// @dev Issue 14 case 8 for the registry: ERC-5267 `eip712Domain()` returns the domain attestations are verified
/// with, so wallets and signing libraries that read the domain sign digests the registry accepts. The getter comes
/// from `TokenEIP712`, which the registry inherits.
contract RegistryEip712DomainTest is Test {
    IdentityRegistry internal registry;

    function setUp() public {
        registry = new IdentityRegistry(0, address(this));
    }

    function test_eip712Domain_isTheAttestationDomain() public {
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        ) = IERC5267(address(registry)).eip712Domain();
        assertEq(uint8(fields), 0x0f, "name, version, chain id, verifying contract");
        assertEq(keccak256(bytes(name)), keccak256("stokit IdentityRegistry"), "name");
        assertEq(keccak256(bytes(version)), keccak256("1"), "version");
        assertEq(chainId, block.chainid, "chain id");
        assertEq(verifyingContract, address(registry), "verifying contract");
        assertEq(salt, bytes32(0), "no salt");
        assertEq(extensions.length, 0, "no extensions");

        // a digest built from the reported domain is the one the registry verifies
        bytes32 separator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifyingContract
            )
        );
        assertEq(separator, registry.DOMAIN_SEPARATOR(), "separator");
        IIdentityRegistry.KycAttestation memory a = IIdentityRegistry.KycAttestation({
            investorId: InvestorId.wrap(keccak256("erin")),
            wallet: makeAddr("erin"),
            country: 392,
            kycExpiry: uint40(block.timestamp + 365 days),
            classFlags: 2,
            issuedAt: uint40(block.timestamp),
            nonce: 9,
            deadline: block.timestamp + 1 hours
        });
        bytes32 structHash = keccak256(
            abi.encode(
                registry.ATTESTATION_TYPEHASH(),
                a.investorId,
                a.wallet,
                a.country,
                a.kycExpiry,
                a.classFlags,
                a.issuedAt,
                a.nonce,
                a.deadline
            )
        );
        assertEq(
            keccak256(abi.encodePacked(hex"1901", separator, structHash)),
            registry.attestationDigest(a),
            "attestation digest"
        );

        // on another chain (a fork) the getter and the separator move together
        vm.chainId(999);
        (, , , uint256 forkChainId, , , ) = IERC5267(address(registry)).eip712Domain();
        assertEq(forkChainId, 999, "fork chain id");
    }
}
