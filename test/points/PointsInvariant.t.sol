// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPoints} from "../../contracts/interfaces/IPoints.sol";
import {PointsMockERC721} from "../../contracts/mocks/PointsMockNfts.sol";
import {Points} from "../../contracts/points/Points.sol";
import {Test, Vm} from "../utils/Test.sol";
import {PointsFixture, PointsTestLib} from "./PointsTestBase.sol";

/// @dev Drives the ledger through every path (grant, batch, voucher, holder spend, operator spend, NFT moves, pause)
/// with refIds from a small range, so collisions are frequent. It records every successful movement as a signed
/// delta (the ledger a database would build from events) and counts how often each refId was applied.
contract PointsHandler {
    using PointsTestLib for Points;

    Vm private constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 public constant ACTORS = 5;
    uint256 public constant REF_RANGE = 64;

    Points public immutable points;
    PointsMockERC721 public immutable nft;
    uint256[2] public programs;
    address public immutable issuer;
    uint256 private immutable issuerKey;
    address public immutable operator;
    address public immutable pauser;

    address[ACTORS] public actors;
    uint256[ACTORS] private actorKeys;

    /// @dev Sum of signed deltas per program and account (the event-built ledger).
    mapping(uint256 programId => mapping(address account => int256 sum)) public deltaSum;
    /// @dev How many times a movement with this refId succeeded.
    mapping(uint256 refId => uint256 count) public applied;
    uint256[] public usedRefIds;
    uint256 public refusedReuses;
    /// @dev `PointsRefIdUsed` reported for a refId that never moved points (must stay 0).
    uint256 public falseReuseReports;
    uint256 public movements;

    constructor(
        Points points_,
        PointsMockERC721 nft_,
        uint256[2] memory programs_,
        address issuer_,
        uint256 issuerKey_,
        address operator_,
        address pauser_
    ) {
        points = points_;
        nft = nft_;
        programs = programs_;
        issuer = issuer_;
        issuerKey = issuerKey_;
        operator = operator_;
        pauser = pauser_;
        for (uint256 i = 0; i < ACTORS; ++i) {
            actorKeys[i] = uint256(keccak256(abi.encode("points actor", i)));
            actors[i] = VM.addr(actorKeys[i]);
        }
    }

    function usedRefIdCount() external view returns (uint256) {
        return usedRefIds.length;
    }

    // ===== actions =====

    function grant(uint256 actorSeed, uint256 programSeed, uint256 amount, uint256 refSeed) external {
        (address to, , uint256 programId) = _pick(actorSeed, programSeed);
        amount = amount % 1e24;
        uint256 refId = refSeed % REF_RANGE;
        VM.prank(issuer);
        try points.grant(programId, to, amount, refId) {
            _record(programId, to, int256(amount), refId);
        } catch (bytes memory reason) {
            _countReuse(reason, refId);
        }
    }

    function grantBatch(uint256 actorSeed, uint256 programSeed, uint256 amount, uint256 refSeed, uint8 n) external {
        (, , uint256 programId) = _pick(actorSeed, programSeed);
        n = uint8(n % 4) + 1;
        IPoints.Grant[] memory grants = new IPoints.Grant[](n);
        for (uint256 i = 0; i < n; ++i) {
            grants[i] = IPoints.Grant(actors[(actorSeed + i) % ACTORS], (amount % 1e24) + i, (refSeed + i) % REF_RANGE);
        }
        VM.prank(issuer);
        try points.grantBatch(programId, grants) {
            for (uint256 i = 0; i < n; ++i)
                _record(programId, grants[i].account, int256(grants[i].amount), grants[i].refId);
        } catch {}
    }

    function redeemVoucher(uint256 actorSeed, uint256 programSeed, uint256 amount, uint256 refSeed) external {
        (address to, , uint256 programId) = _pick(actorSeed, programSeed);
        IPoints.Voucher memory v = PointsTestLib.voucher(
            programId,
            to,
            amount % 1e24,
            refSeed % REF_RANGE,
            block.timestamp
        );
        bytes memory sig = points.signVoucher(v, issuerKey);
        try points.redeemVoucher(v, sig) {
            _record(programId, to, int256(v.amount), v.refId);
        } catch (bytes memory reason) {
            _countReuse(reason, v.refId);
        }
    }

    function spend(uint256 actorSeed, uint256 programSeed, uint256 amount, uint256 seq) external {
        (address holder, , uint256 programId) = _pick(actorSeed, programSeed);
        uint256 balance = points.balanceOf(programId, holder);
        amount = balance == 0 ? 1 : (amount % balance) + 1;
        uint256 refId = PointsTestLib.holderRef(holder, seq % REF_RANGE);
        VM.prank(holder);
        try points.spend(programId, amount, refId) {
            _record(programId, holder, -int256(amount), refId);
        } catch (bytes memory reason) {
            _countReuse(reason, refId);
        }
    }

    function spendWithAuthorization(uint256 actorSeed, uint256 programSeed, uint256 amount, uint256 refSeed) external {
        (address holder, uint256 key, uint256 programId) = _pick(actorSeed, programSeed);
        uint256 balance = points.balanceOf(programId, holder);
        IPoints.SpendAuthorization memory a = IPoints.SpendAuthorization({
            programId: programId,
            account: holder,
            operator: operator,
            amount: balance == 0 ? 1 : (amount % balance) + 1,
            refId: refSeed % REF_RANGE,
            nonce: points.nonces(holder),
            deadline: block.timestamp
        });
        bytes memory sig = points.signAuth(a, key);
        VM.prank(operator);
        try points.spendWithAuthorization(a, sig) {
            _record(programId, holder, -int256(a.amount), a.refId);
        } catch (bytes memory reason) {
            _countReuse(reason, a.refId);
        }
    }

    /// @dev Moves the gating NFT in or out, so grants sometimes hit the gate.
    function toggleNft(uint256 actorSeed) external {
        uint256 tokenId = actorSeed % ACTORS;
        if (nft.ownerOf(tokenId) == address(0)) nft.mint(actors[tokenId], tokenId);
        else nft.burn(tokenId);
    }

    function togglePause(uint256 programSeed) external {
        uint256 programId = programs[programSeed % 2];
        VM.prank(pauser);
        if (points.program(programId).paused) points.unpauseProgram(programId);
        else points.pauseProgram(programId);
    }

    // ===== bookkeeping =====

    function _pick(
        uint256 actorSeed,
        uint256 programSeed
    ) private view returns (address actor, uint256 key, uint256 programId) {
        uint256 i = actorSeed % ACTORS;
        return (actors[i], actorKeys[i], programs[programSeed % 2]);
    }

    function _record(uint256 programId, address account, int256 delta, uint256 refId) private {
        deltaSum[programId][account] += delta;
        if (applied[refId]++ == 0) usedRefIds.push(refId);
        ++movements;
    }

    function _countReuse(bytes memory reason, uint256 refId) private {
        if (reason.length >= 4 && bytes4(reason) == IPoints.PointsRefIdUsed.selector) {
            if (applied[refId] == 0) ++falseReuseReports;
            else ++refusedReuses;
        }
    }
}

contract PointsInvariantTest is Test, PointsFixture {
    PointsHandler private handler;

    function setUp() public {
        _deployFixture();
        handler = new PointsHandler(points, nft, [gated, open], issuer, issuerKey, operator, pauser);
        for (uint256 i = 0; i < handler.ACTORS(); ++i) nft.mint(handler.actors(i), i);
        targetContract(address(handler));
    }

    /// @dev The on-chain balance equals the sum of the deltas applied to the account (what events rebuild).
    function invariant_balanceEqualsSumOfDeltas() public view {
        for (uint256 p = 0; p < 2; ++p) {
            uint256 programId = handler.programs(p);
            for (uint256 i = 0; i < handler.ACTORS(); ++i) {
                address a = handler.actors(i);
                int256 sum = handler.deltaSum(programId, a);
                assertTrue(sum >= 0, "sum of deltas is never negative");
                assertEq(points.balanceOf(programId, a), uint256(sum), "balance == sum of deltas");
            }
        }
    }

    /// @dev The program total equals the sum of its balances.
    function invariant_totalEqualsSumOfBalances() public view {
        for (uint256 p = 0; p < 2; ++p) {
            uint256 programId = handler.programs(p);
            uint256 sum;
            for (uint256 i = 0; i < handler.ACTORS(); ++i) sum += points.balanceOf(programId, handler.actors(i));
            assertEq(points.totalPoints(programId), sum, "total == sum of balances");
        }
    }

    /// @dev Every refId moved points at most once, and exactly the applied ones are marked used.
    function invariant_noRefIdAppliedTwice() public view {
        uint256 n = handler.usedRefIdCount();
        for (uint256 i = 0; i < n; ++i) {
            uint256 refId = handler.usedRefIds(i);
            assertEq(handler.applied(refId), 1, "applied once");
            assertTrue(points.isRefIdUsed(refId), "marked used");
        }
        assertEq(handler.falseReuseReports(), 0, "reuse reported only for applied refIds");
        for (uint256 refId = 0; refId < handler.REF_RANGE(); ++refId) {
            assertEq(points.isRefIdUsed(refId), handler.applied(refId) == 1, "used iff applied");
        }
    }
}
