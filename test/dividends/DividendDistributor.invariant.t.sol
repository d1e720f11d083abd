// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {DividendDistributor} from "../../contracts/dividends/DividendDistributor.sol";
import {IDividendDistributor} from "../../contracts/interfaces/IDividendDistributor.sol";
import {IRecordDateToken} from "../../contracts/interfaces/IRecordDateToken.sol";
import {DividendsMockPayout} from "../../contracts/mocks/DividendsMockPayout.sol";
import {DividendsMockToken} from "../../contracts/mocks/DividendsMockToken.sol";
import {Test, Vm} from "../utils/Test.sol";

/// @dev Random sequences of transfers, distributions, claims (self, batch, pushed), freezes, releases, cancels and
/// reclaims, with ghost accounting of every unit paid out.
contract DividendsHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant HOLDERS = 6; // index 5 is the treasury, excluded from every other distribution

    DividendDistributor public immutable distributor;
    DividendsMockToken public immutable token;
    DividendsMockPayout public immutable usdc;
    address public immutable issuer;
    address[HOLDERS] public holders;

    uint256[] public ids;
    mapping(uint256 id => uint256) public paidGross;
    mapping(uint256 id => uint256) public refunded;
    mapping(uint256 id => mapping(address holder => uint256)) public entitlementAtCreation;
    mapping(uint256 id => mapping(address holder => uint256)) public payouts;

    constructor(
        DividendDistributor distributor_,
        DividendsMockToken token_,
        DividendsMockPayout usdc_,
        address issuer_
    ) {
        distributor = distributor_;
        token = token_;
        usdc = usdc_;
        issuer = issuer_;
        for (uint256 i; i < HOLDERS; ++i) {
            holders[i] = address(uint160(0xA11CE + i));
            token.mint(holders[i], (i + 1) * 1e18 + i * 7);
        }
        vm.warp(block.timestamp + 1);
    }

    function idCount() external view returns (uint256) {
        return ids.length;
    }

    function holderAt(uint256 i) external view returns (address) {
        return holders[i];
    }

    function transfer(uint256 from, uint256 to, uint256 amount) external {
        address f = holders[from % HOLDERS];
        amount = amount % (token.balanceOf(f) + 1);
        vm.prank(f);
        token.transfer(holders[to % HOLDERS], amount);
    }

    function mintOrBurn(uint256 who, uint256 amount, bool burn) external {
        address h = holders[who % HOLDERS];
        if (burn) token.burn(h, amount % (token.balanceOf(h) + 1));
        else token.mint(h, amount % 1e24);
    }

    function create(uint256 amount, bool excludeTreasury) external {
        amount = 1 + (amount % 1e15);
        vm.warp(block.timestamp + 1);
        address[] memory excluded = new address[](excludeTreasury ? 1 : 0);
        if (excludeTreasury) excluded[0] = holders[HOLDERS - 1];
        usdc.mint(issuer, amount);
        vm.startPrank(issuer);
        usdc.approve(address(distributor), amount);
        try
            distributor.createDistribution(
                IRecordDateToken(address(token)),
                IERC20(address(usdc)),
                amount,
                uint48(block.timestamp - 1),
                uint48(block.timestamp + 3 days),
                excluded
            )
        returns (uint256 id) {
            ids.push(id);
            for (uint256 i; i < HOLDERS; ++i) {
                entitlementAtCreation[id][holders[i]] = distributor.entitlementOf(id, holders[i]);
            }
        } catch {}
        vm.stopPrank();
    }

    function claim(uint256 idSeed, uint256 who) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        address h = holders[who % HOLDERS];
        uint256 gross = distributor.entitlementOf(id, h);
        vm.prank(h);
        try distributor.claim(id) {
            _recordPayout(id, h, gross);
        } catch {}
    }

    function claimFor(uint256 idSeed, uint256 mask) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        address[] memory batch = new address[](HOLDERS);
        uint256[] memory heldBefore = new uint256[](HOLDERS);
        bool[] memory claimedBefore = new bool[](HOLDERS);
        uint256 n;
        for (uint256 i; i < HOLDERS; ++i) {
            if (mask & (1 << i) == 0) continue;
            batch[n] = holders[i];
            heldBefore[n] = distributor.heldFor(id, holders[i]);
            claimedBefore[n] = distributor.isClaimed(id, holders[i]);
            ++n;
        }
        assembly ("memory-safe") {
            mstore(batch, n)
        }
        try distributor.claimFor(id, batch) {
            for (uint256 i; i < n; ++i) {
                bool settledNow = !claimedBefore[i] && distributor.isClaimed(id, batch[i]);
                bool heldNow = distributor.heldFor(id, batch[i]) > heldBefore[i];
                if (settledNow && !heldNow) _recordPayout(id, batch[i], distributor.entitlementOf(id, batch[i]));
                else if (settledNow) ++payouts[id][batch[i]]; // held: counted as settled, paid on release
            }
        } catch {}
    }

    function setFrozen(uint256 who, bool frozen) external {
        token.setFrozen(holders[who % HOLDERS], frozen);
    }

    function release(uint256 idSeed, uint256 who) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        address h = holders[who % HOLDERS];
        uint256 held = distributor.heldFor(id, h);
        try distributor.releaseHeld(id, h) {
            paidGross[id] += held;
        } catch {}
    }

    function cancel(uint256 idSeed) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        vm.prank(issuer);
        try distributor.cancelDistribution(id) {
            refunded[id] = distributor.distribution(id).amount;
        } catch {}
    }

    function reclaim(uint256 idSeed) external {
        if (ids.length == 0) return;
        vm.prank(issuer);
        try distributor.reclaim(ids[idSeed % ids.length]) {} catch {}
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + (secondsAhead % 2 days));
    }

    function _recordPayout(uint256 id, address h, uint256 gross) private {
        paidGross[id] += gross;
        ++payouts[id][h];
    }
}

contract DividendDistributorInvariantTest is Test {
    DividendDistributor private distributor;
    DividendsMockToken private token;
    DividendsMockPayout private usdc;
    DividendsHandler private handler;

    function setUp() public {
        vm.warp(1_000_000);
        address admin = makeAddr("admin");
        address issuer = makeAddr("issuer");
        distributor = new DividendDistributor(admin, 0);
        token = new DividendsMockToken();
        usdc = new DividendsMockPayout(6);
        handler = new DividendsHandler(distributor, token, usdc, issuer);
        vm.startPrank(admin);
        distributor.grantRole(distributor.DISTRIBUTOR_ROLE(), issuer);
        distributor.grantRole(distributor.TAX_ADMIN_ROLE(), admin);
        distributor.setTaxWallet(makeAddr("tax"));
        distributor.setWithholdingRate(handler.holderAt(1), 1540);
        vm.stopPrank();
        targetContract(address(handler));
    }

    /// @dev paid + withheld + reclaimed + refunded + held + still claimable + dust == deposited, for every
    /// distribution; and the escrow holds exactly what is not yet paid out.
    function invariant_everyUnitIsAccountedFor() public view {
        uint256 outstanding;
        for (uint256 k; k < handler.idCount(); ++k) {
            uint256 id = handler.ids(k);
            IDividendDistributor.Distribution memory d = distributor.distribution(id);
            assertEq(handler.paidGross(id) + d.held, d.claimed, "claimed = paid + held");
            uint256 stillClaimable;
            uint256 allEntitlements;
            for (uint256 i; i < 6; ++i) {
                address h = handler.holderAt(i);
                uint256 e = distributor.entitlementOf(id, h);
                allEntitlements += e;
                if (!distributor.isClaimed(id, h)) stillClaimable += e;
            }
            assertLe(allEntitlements, d.amount, "entitlements <= deposit");
            uint256 dust = d.amount - allEntitlements;
            assertLe(dust, 6, "dust < holders");
            uint256 accounted = handler.paidGross(id) + d.held + d.reclaimed + handler.refunded(id);
            if (d.status == IDividendDistributor.Status.Active) accounted += stillClaimable + dust;
            assertEq(accounted, d.amount, "conservation");
            outstanding += d.amount - handler.paidGross(id) - d.reclaimed - handler.refunded(id);
        }
        assertEq(usdc.balanceOf(address(distributor)), outstanding, "escrow");
    }

    /// @dev No holder is paid twice, and entitlements never change after the record date.
    function invariant_entitlementsFixedAndPaidOnce() public view {
        for (uint256 k; k < handler.idCount(); ++k) {
            uint256 id = handler.ids(k);
            for (uint256 i; i < 6; ++i) {
                address h = handler.holderAt(i);
                assertLe(handler.payouts(id, h), 1, "paid once");
                assertEq(distributor.entitlementOf(id, h), handler.entitlementAtCreation(id, h), "fixed");
            }
        }
    }
}
