// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPoints} from "../../contracts/interfaces/IPoints.sol";
import {PointsMockERC1155, PointsMockERC721} from "../../contracts/mocks/PointsMockNfts.sol";
import {Points} from "../../contracts/points/Points.sol";
import {Vm} from "../utils/Test.sol";

/// @dev Deployment and signing helpers shared by the points unit, fuzz and invariant tests (and their handler).
library PointsTestLib {
    Vm internal constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function voucher(
        uint256 programId,
        address account,
        uint256 amount,
        uint256 refId,
        uint256 deadline
    ) internal pure returns (IPoints.Voucher memory v) {
        v = IPoints.Voucher({programId: programId, account: account, amount: amount, refId: refId, deadline: deadline});
    }

    function signVoucher(Points points, IPoints.Voucher memory v, uint256 key) internal view returns (bytes memory) {
        (uint8 sv, bytes32 r, bytes32 s) = VM.sign(key, points.hashVoucher(v));
        return abi.encodePacked(r, s, sv);
    }

    function signAuth(
        Points points,
        IPoints.SpendAuthorization memory a,
        uint256 key
    ) internal view returns (bytes memory) {
        (uint8 sv, bytes32 r, bytes32 s) = VM.sign(key, points.hashSpendAuthorization(a));
        return abi.encodePacked(r, s, sv);
    }

    /// @dev The refId `sequence` of `account`'s namespace, computed independently of the contract.
    function holderRef(address account, uint256 sequence) internal pure returns (uint256) {
        return (uint256(uint160(account)) << 96) | uint96(sequence);
    }
}

/// @dev A deployed ledger with one gated program (ERC-721 or ERC-1155 id 7) and one ungated program.
abstract contract PointsFixture {
    Vm private constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint256 internal constant NFT_1155_ID = 7;
    uint48 internal constant ADMIN_DELAY = 3 days;

    Points internal points;
    PointsMockERC721 internal nft;
    PointsMockERC1155 internal nft1155;

    address internal admin;
    address internal manager;
    address internal pauser;
    address internal issuer;
    uint256 internal issuerKey;
    address internal operator;

    uint256 internal gated; // program id, gated on nft or nft1155 id 7
    uint256 internal open; // program id, gate off

    function _deployFixture() internal {
        admin = _addr("admin");
        manager = _addr("manager");
        pauser = _addr("pauser");
        issuerKey = uint256(keccak256("issuer"));
        issuer = VM.addr(issuerKey);
        operator = _addr("operator");

        points = new Points(admin, ADMIN_DELAY);
        nft = new PointsMockERC721();
        nft1155 = new PointsMockERC1155();

        VM.startPrank(admin);
        points.grantRole(points.PROGRAM_MANAGER_ROLE(), manager);
        points.grantRole(points.PAUSER_ROLE(), pauser);
        points.grantRole(points.ISSUER_ROLE(), issuer);
        points.grantRole(points.OPERATOR_ROLE(), operator);
        VM.stopPrank();

        VM.startPrank(manager);
        gated = points.createProgram(_gate(true), 0);
        open = points.createProgram(_noGate(), 0);
        VM.stopPrank();
    }

    function _gate(bool enabled) internal view returns (IPoints.Gate memory) {
        return
            IPoints.Gate({erc721: address(nft), erc1155: address(nft1155), erc1155Id: NFT_1155_ID, enabled: enabled});
    }

    function _noGate() internal pure returns (IPoints.Gate memory) {
        return IPoints.Gate({erc721: address(0), erc1155: address(0), erc1155Id: 0, enabled: false});
    }

    function _addr(string memory name) internal pure returns (address) {
        return VM.addr(uint256(keccak256(bytes(name))));
    }
}
