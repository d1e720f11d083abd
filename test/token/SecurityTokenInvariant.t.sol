// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {InvestorId} from "../../contracts/interfaces/IIdentityRegistry.sol";
import {IdentityRegistry} from "../../contracts/token/IdentityRegistry.sol";
import {SecurityToken} from "../../contracts/token/SecurityToken.sol";
import {Test} from "../utils/Test.sol";

/// @dev Drives the token and the registry at random: issuance, holder transfers, transferFrom, burns, forced
/// transfers, partial and address freezes, wallet recoveries in both directions, KYC revocation and renewal, record
/// dates and time.
/// Holds every role. Keeps a replay of balances at each record date and counts credits to unverified wallets.
contract SecurityTokenHandler is Test {
    SecurityToken public immutable token;
    IdentityRegistry public immutable registry;

    address[6] internal actors;
    InvestorId[6] internal ids; // investor of each actor (alice and alice2 share one); zero for the stranger

    uint256 public unverifiedCredits;
    uint256 public capturedDates;
    mapping(uint256 recordIndex => mapping(address account => uint256)) public balanceAtRecord;
    mapping(uint256 recordIndex => uint256) public supplyAtRecord;

    constructor(
        SecurityToken token_,
        IdentityRegistry registry_,
        address[6] memory actors_,
        InvestorId[6] memory ids_
    ) {
        token = token_;
        registry = registry_;
        actors = actors_;
        ids = ids_;
    }

    function actor(uint256 i) external view returns (address) {
        return actors[i];
    }

    function investorIdOf(uint256 i) external view returns (InvestorId) {
        return ids[i];
    }

    function mint(uint256 toSeed, uint256 amount) external {
        address to = actors[toSeed % 6];
        amount = bound(amount, 1, 1e24);
        bool verified = registry.isVerified(to);
        try token.mint(to, amount) {
            if (!verified) ++unverifiedCredits;
        } catch {}
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = actors[fromSeed % 6];
        address to = actors[toSeed % 6];
        amount = bound(amount, 0, token.balanceOf(from));
        bool verified = registry.isVerified(to);
        vm.prank(from);
        try token.transfer(to, amount) {
            if (!verified && amount != 0 && from != to) ++unverifiedCredits;
        } catch {}
    }

    function transferFrom(uint256 fromSeed, uint256 toSeed, uint256 spenderSeed, uint256 amount) external {
        address from = actors[fromSeed % 6];
        address to = actors[toSeed % 6];
        address spender = actors[spenderSeed % 6];
        amount = bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        token.approve(spender, amount);
        bool verified = registry.isVerified(to);
        vm.prank(spender);
        try token.transferFrom(from, to, amount) {
            if (!verified && amount != 0 && from != to) ++unverifiedCredits;
        } catch {}
    }

    function burn(uint256 seed, uint256 amount) external {
        address account = actors[seed % 6];
        amount = bound(amount, 0, token.balanceOf(account));
        token.burn(account, amount);
    }

    function forcedTransfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = actors[fromSeed % 6];
        address to = actors[toSeed % 6];
        amount = bound(amount, 0, token.balanceOf(from));
        bool verified = registry.isVerified(to);
        try token.forcedTransfer(from, to, amount) {
            if (!verified && amount != 0 && from != to) ++unverifiedCredits;
        } catch {}
    }

    /// @dev Freezes at most the balance, so that "frozen <= balance" must survive every other operation.
    function setFrozenTokens(uint256 seed, uint256 amount) external {
        address account = actors[seed % 6];
        token.setFrozenTokens(account, bound(amount, 0, token.balanceOf(account)));
    }

    function setAddressFrozen(uint256 seed, bool frozen) external {
        token.setAddressFrozen(actors[seed % 6], frozen);
    }

    /// @dev Recovers alice's wallets into each other in either direction, any number of times (a recovery undone).
    function recoverAlice(bool back) external {
        (address lost, address next) = back ? (actors[1], actors[0]) : (actors[0], actors[1]);
        bool verified = registry.isVerified(next);
        try token.recoverWallet(lost, next) {
            if (!verified) ++unverifiedCredits;
        } catch {}
    }

    function revoke(uint256 seed) external {
        InvestorId id = ids[seed % 5];
        registry.revokeInvestor(id);
    }

    function renew(uint256 seed, uint256 days_) external {
        uint256 i = seed % 5;
        uint40 expiry = uint40(block.timestamp + bound(days_, 0, 30) * 1 days);
        registry.registerInvestor(ids[i], 410, expiry, 1, address(0));
    }

    function scheduleRecordDate(uint256 offset) external {
        uint48[] memory dates = token.recordDates();
        uint256 t = block.timestamp + bound(offset, 1, 2 days);
        if (dates.length != 0 && t <= dates[dates.length - 1]) return;
        token.scheduleRecordDate(uint48(t));
    }

    /// @dev Moves time forward; record dates passed by this move are captured first (balances at their end).
    function warp(uint256 delta) external {
        uint256 target = block.timestamp + bound(delta, 1, 3 days);
        uint48[] memory dates = token.recordDates();
        while (capturedDates < dates.length && dates[capturedDates] < target) {
            for (uint256 i; i < 6; ++i) {
                balanceAtRecord[capturedDates][actors[i]] = token.balanceOf(actors[i]);
            }
            supplyAtRecord[capturedDates] = token.totalSupply();
            ++capturedDates;
        }
        vm.warp(target);
    }
}

contract SecurityTokenInvariantTest is Test {
    uint24 internal constant MAX_INVESTORS = 3;

    SecurityToken internal token;
    IdentityRegistry internal registry;
    SecurityTokenHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        registry = new IdentityRegistry(0, address(this));
        token = new SecurityToken("Invariant", "INV", address(registry), 0, address(this));
        registry.setTokenBinding(address(token), true);

        address[6] memory actors = [
            makeAddr("alice"),
            makeAddr("alice2"),
            makeAddr("bob"),
            makeAddr("carol"),
            makeAddr("dave"),
            makeAddr("stranger")
        ];
        InvestorId alice = InvestorId.wrap(keccak256("alice"));
        InvestorId[6] memory ids = [
            alice,
            alice,
            InvestorId.wrap(keccak256("bob")),
            InvestorId.wrap(keccak256("carol")),
            InvestorId.wrap(keccak256("dave")),
            InvestorId.wrap(0)
        ];
        handler = new SecurityTokenHandler(token, registry, actors, ids);

        registry.grantRole(registry.KYC_AGENT_ROLE(), address(this));
        registry.grantRole(registry.KYC_AGENT_ROLE(), address(handler));
        uint40 expiry = uint40(block.timestamp + 20 days);
        registry.registerInvestor(ids[0], 410, expiry, 1, actors[0]);
        registry.addWallet(ids[0], actors[1]);
        for (uint256 i = 2; i < 5; ++i) {
            registry.registerInvestor(ids[i], 410, expiry, 1, actors[i]);
        }
        token.grantRole(token.AGENT_ROLE(), address(handler));
        token.grantRole(token.RECORD_DATE_ROLE(), address(handler));
        token.grantRole(token.COMPLIANCE_ROLE(), address(this));
        token.setRules(1 | 2, 0, MAX_INVESTORS, 5e24); // max investors and max balance per investor
        targetContract(address(handler));
    }

    function invariant_sumOfBalancesEqualsTotalSupply() public view {
        uint256 sum;
        for (uint256 i; i < 6; ++i) sum += token.balanceOf(handler.actor(i));
        assertEq(sum, token.totalSupply(), "sum of balances");
    }

    function invariant_everyCreditWentToAVerifiedWallet() public view {
        assertEq(handler.unverifiedCredits(), 0, "credits to unverified wallets");
        assertEq(token.balanceOf(handler.actor(5)), 0, "the never-verified stranger holds nothing");
    }

    function invariant_investorCountWithinMaximumAndExact() public view {
        uint256 holders;
        for (uint256 i = 1; i < 5; ++i) {
            // actors 0 and 1 are one investor: count it once (at index 1)
            uint256 balance = token.balanceOf(handler.actor(i));
            if (i == 1) balance += token.balanceOf(handler.actor(0));
            if (balance != 0) ++holders;
        }
        uint256 count = token.compliance().investorCount;
        assertEq(count, holders, "investor count");
        assertLe(count, MAX_INVESTORS, "max investors");
    }

    function invariant_investorBalancesSumTheirWallets() public view {
        for (uint256 i = 1; i < 5; ++i) {
            (uint40 key, , , ) = registry.profileOf(handler.actor(i));
            uint256 expected = token.balanceOf(handler.actor(i));
            if (i == 1) expected += token.balanceOf(handler.actor(0));
            assertEq(token.investorBalance(key), expected, "investor balance");
            assertLe(expected, 5e24, "max balance");
        }
    }

    function invariant_frozenNeverExceedsBalance() public view {
        for (uint256 i; i < 6; ++i) {
            address a = handler.actor(i);
            assertLe(token.getFrozenTokens(a), token.balanceOf(a), "frozen <= balance");
        }
    }

    /// @dev Successor chains stay acyclic and at most one hop long (alice has two wallets), and `recordPosition`
    /// ends where `walletSuccessor` ends, at a wallet without a successor.
    function invariant_successorChainsAcyclicAndBounded() public view {
        uint48[] memory dates = token.recordDates();
        uint256 n = handler.capturedDates();
        for (uint256 i; i < 2; ++i) {
            address cursor = handler.actor(i);
            uint256 hops;
            while (token.walletSuccessor(cursor) != address(0)) {
                cursor = token.walletSuccessor(cursor);
                ++hops;
                assertLe(hops, 1, "chain longer than the investor's other wallets: a cycle");
            }
            if (n != 0) {
                (uint256 balance, address recipient, , ) = token.recordPosition(handler.actor(i), dates[n - 1]);
                assertEq(recipient, cursor, "recordPosition ends where walletSuccessor ends");
                assertEq(balance, handler.balanceAtRecord(n - 1, handler.actor(i)), "recordPosition balance");
            }
        }
    }

    function invariant_balanceAtRecordDateMatchesReplay() public view {
        uint48[] memory dates = token.recordDates();
        uint256 n = handler.capturedDates();
        for (uint256 r; r < n; ++r) {
            for (uint256 i; i < 6; ++i) {
                address a = handler.actor(i);
                assertEq(token.balanceOfAt(a, dates[r]), handler.balanceAtRecord(r, a), "balanceOfAt");
            }
            assertEq(token.totalSupplyAt(dates[r]), handler.supplyAtRecord(r), "totalSupplyAt");
        }
    }
}
