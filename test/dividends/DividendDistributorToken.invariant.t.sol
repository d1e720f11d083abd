// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {DividendDistributor} from "../../contracts/dividends/DividendDistributor.sol";
import {IDividendDistributor} from "../../contracts/interfaces/IDividendDistributor.sol";
import {InvestorId} from "../../contracts/interfaces/IIdentityRegistry.sol";
import {IRecordDateToken} from "../../contracts/interfaces/IRecordDateToken.sol";
import {DividendsMockBlacklistPayout} from "../../contracts/mocks/DividendsMockBlacklistPayout.sol";
import {IdentityRegistry} from "../../contracts/token/IdentityRegistry.sol";
import {SecurityToken} from "../../contracts/token/SecurityToken.sol";
import {TokenFixture} from "../token/TokenFixture.sol";
import {Vm} from "../utils/Test.sol";

/// @dev Random distributions over the real SecurityToken with transfers, mints, freezes, wallet recoveries,
/// blacklists (holders, tax wallet, creator, treasury), tax rates, remainder recipients, claims of every kind,
/// releases, cancels and reclaims. Every unit leaving the distributor is read from its events (Claimed, Reclaimed,
/// DistributionCancelled), so the invariants check the contract's own accounting against what it announced.
///
/// Wallet moves go through `_recover`: to a fresh wallet of the investor's pool, or back to one of its former wallets
/// (an undone recovery, alice -> alice2 -> alice). A former (recovered, empty) wallet may also be relinked by the KYC
/// agent to another investor, whose pool it then joins.
contract DividendsTokenHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant INVESTORS = 4;

    DividendDistributor public immutable distributor;
    SecurityToken public immutable token;
    DividendsMockBlacklistPayout public immutable usdc;
    address public immutable issuer;
    address public immutable admin;
    address public immutable taxWallet;
    address public immutable treasury;

    /// @dev Every wallet ever used (current or recovered), and each investor's current one and its spares.
    address[] public wallets;
    address[INVESTORS] public current;
    mapping(uint256 investor => address[]) internal _spares;
    /// @dev Each investor's former wallets (recovered away from, still linked to it).
    mapping(uint256 investor => address[]) internal _former;
    IdentityRegistry public registry;
    InvestorId[INVESTORS] public investorIds;
    uint256 public undoneRecoveries;
    uint256 public relinks;

    uint256[] public ids;
    mapping(uint256 id => uint256) public paidNet;
    mapping(uint256 id => uint256) public withheld;
    mapping(uint256 id => uint256) public reclaimed;
    mapping(uint256 id => uint256) public refunded;
    mapping(uint256 id => mapping(address holder => uint256)) public claimEvents;
    uint256 public recoveries;
    /// @dev claimFor batches on an open distribution that reverted, and holders with an entitlement a successful
    /// batch left unsettled (neither paid nor held): both must stay zero.
    uint256 public openBatchReverts;
    uint256 public unsettledAfterBatch;

    constructor(
        DividendDistributor distributor_,
        SecurityToken token_,
        DividendsMockBlacklistPayout usdc_,
        address[INVESTORS] memory firstWallets,
        address[] memory spares,
        address issuer_,
        address admin_
    ) {
        distributor = distributor_;
        token = token_;
        usdc = usdc_;
        issuer = issuer_;
        admin = admin_;
        taxWallet = address(uint160(uint256(keccak256("dividends.tax"))));
        treasury = address(uint160(uint256(keccak256("dividends.treasury"))));
        for (uint256 i; i < INVESTORS; ++i) {
            current[i] = firstWallets[i];
            wallets.push(firstWallets[i]);
        }
        for (uint256 k; k < spares.length; ++k) {
            _spares[k % INVESTORS].push(spares[k]);
            wallets.push(spares[k]);
        }
    }

    // ===== views for the invariants =====

    function idCount() external view returns (uint256) {
        return ids.length;
    }

    function walletCount() external view returns (uint256) {
        return wallets.length;
    }

    // ===== token side =====

    function transfer(uint256 from, uint256 to, uint256 amount) external {
        address f = current[from % INVESTORS];
        amount = amount % (token.balanceOf(f) + 1);
        vm.prank(f);
        try token.transfer(current[to % INVESTORS], amount) {} catch {}
    }

    function mint(uint256 to, uint256 amount) external {
        try token.mint(current[to % INVESTORS], 1 + (amount % 1e24)) {} catch {}
    }

    function setFrozen(uint256 who, bool frozen) external {
        try token.setAddressFrozen(wallets[who % wallets.length], frozen) {} catch {}
    }

    function recoverToFreshWallet(uint256 investor) external {
        investor %= INVESTORS;
        address[] storage spares = _spares[investor];
        if (spares.length == 0) return;
        address next = spares[spares.length - 1];
        spares.pop();
        _recover(investor, next);
    }

    function _recover(uint256 investor, address newWallet) internal {
        address lost = current[investor];
        token.recoverWallet(lost, newWallet);
        _former[investor].push(lost);
        current[investor] = newWallet;
        ++recoveries;
    }

    /// @dev Set once by the test: the registry (this handler is a KYC agent) and the investors' ids.
    function setRegistry(IdentityRegistry registry_, InvestorId[INVESTORS] calldata ids_) external {
        registry = registry_;
        investorIds = ids_;
    }

    /// @dev An undone recovery: the investor's current wallet is recovered back to one of its former wallets.
    function undoRecovery(uint256 investor, uint256 pick) external {
        investor %= INVESTORS;
        address[] storage former = _former[investor];
        if (former.length == 0) return;
        uint256 index = pick % former.length;
        address back = former[index];
        former[index] = former[former.length - 1];
        former.pop();
        _recover(investor, back);
        ++undoneRecoveries;
    }

    /// @dev The KYC agent relinks a former (recovered, empty) wallet of one investor to another investor, which may
    /// then recover into it.
    function relinkFormer(uint256 from, uint256 to, uint256 pick) external {
        from %= INVESTORS;
        to %= INVESTORS;
        address[] storage former = _former[from];
        if (from == to || former.length == 0) return;
        uint256 index = pick % former.length;
        address wallet = former[index];
        if (token.balanceOf(wallet) != 0) return;
        registry.removeWallet(wallet);
        former[index] = former[former.length - 1];
        former.pop();
        registry.addWallet(investorIds[to], wallet);
        _spares[to].push(wallet);
        ++relinks;
    }

    // ===== payout token and configuration =====

    function setBlacklisted(uint256 who, bool blacklisted) external {
        uint256 pick = who % (wallets.length + 3);
        address account;
        if (pick < wallets.length) account = wallets[pick];
        else if (pick == wallets.length) account = taxWallet;
        else if (pick == wallets.length + 1) account = issuer;
        else account = treasury;
        usdc.setBlacklisted(account, blacklisted);
    }

    function setTax(uint256 who, uint16 rate, bool setWallet) external {
        vm.startPrank(admin);
        distributor.setWithholdingRate(wallets[who % wallets.length], uint16(rate % 3001));
        if (setWallet) distributor.setTaxWallet(taxWallet);
        vm.stopPrank();
    }

    function setRemainderRecipient(bool toTreasury) external {
        vm.prank(admin);
        distributor.setRemainderRecipient(toTreasury ? treasury : address(0));
    }

    // ===== distributions =====

    function create(uint256 amount, uint256 excludeSeed) external {
        amount = 1 + (amount % 1e15);
        uint48 recordDate = uint48(block.timestamp + 1);
        token.scheduleRecordDate(recordDate);
        vm.warp(block.timestamp + 2);
        address[] memory excluded = new address[](excludeSeed % 3 == 0 ? 1 : 0);
        if (excluded.length != 0) excluded[0] = wallets[excludeSeed % wallets.length];
        usdc.mint(issuer, amount);
        vm.startPrank(issuer);
        usdc.approve(address(distributor), amount);
        vm.recordLogs();
        try
            distributor.createDistribution(
                IRecordDateToken(address(token)),
                IERC20(address(usdc)),
                amount,
                recordDate,
                uint48(block.timestamp + 3 days),
                excluded
            )
        returns (uint256 id) {
            ids.push(id);
        } catch {}
        vm.stopPrank();
        _account(false); // creation pays nothing out
    }

    function claim(uint256 idSeed, uint256 who) external {
        if (ids.length == 0) return;
        vm.recordLogs();
        vm.prank(wallets[who % wallets.length]);
        bool ok;
        try distributor.claim(ids[idSeed % ids.length]) {
            ok = true;
        } catch {}
        _account(ok);
    }

    function claimMany(uint256 mask, uint256 who) external {
        if (ids.length == 0) return;
        uint256 n = ids.length < 8 ? ids.length : 8;
        uint256[] memory list = new uint256[](n);
        for (uint256 i; i < n; ++i) list[i] = ids[(mask >> (i * 4)) % ids.length];
        vm.recordLogs();
        vm.prank(wallets[who % wallets.length]);
        bool ok;
        try distributor.claimMany(list) {
            ok = true;
        } catch {}
        _account(ok);
    }

    function claimFor(uint256 idSeed, uint256 mask) external {
        if (ids.length == 0) return;
        address[] memory batch = new address[](wallets.length);
        uint256 n;
        for (uint256 i; i < wallets.length; ++i) if (mask & (1 << i) != 0) batch[n++] = wallets[i];
        assembly ("memory-safe") {
            mstore(batch, n)
        }
        uint256 id = ids[idSeed % ids.length];
        IDividendDistributor.Distribution memory d = distributor.distribution(id);
        bool open = d.status == IDividendDistributor.Status.Active && block.timestamp <= d.claimDeadline;
        vm.recordLogs();
        // Never reverts for a holder's sake: only an unknown or closed distribution may refuse the batch.
        bool ok;
        try distributor.claimFor(id, batch) {
            ok = true;
            for (uint256 i; i < n; ++i) {
                if (distributor.entitlementOf(id, batch[i]) != 0 && !distributor.isClaimed(id, batch[i])) {
                    ++unsettledAfterBatch;
                }
            }
        } catch {
            if (open) ++openBatchReverts;
        }
        _account(ok);
    }

    function release(uint256 idSeed, uint256 who) external {
        if (ids.length == 0) return;
        vm.recordLogs();
        bool ok;
        try distributor.releaseHeld(ids[idSeed % ids.length], wallets[who % wallets.length]) {
            ok = true;
        } catch {}
        _account(ok);
    }

    function cancel(uint256 idSeed) external {
        if (ids.length == 0) return;
        vm.recordLogs();
        vm.prank(issuer);
        bool ok;
        try distributor.cancelDistribution(ids[idSeed % ids.length]) {
            ok = true;
        } catch {}
        _account(ok);
    }

    function reclaim(uint256 idSeed, bool asAdmin) external {
        if (ids.length == 0) return;
        vm.recordLogs();
        vm.prank(asAdmin ? admin : issuer);
        bool ok;
        try distributor.reclaim(ids[idSeed % ids.length]) {
            ok = true;
        } catch {}
        _account(ok);
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + (secondsAhead % 2 days));
    }

    /// @dev Books every unit the distributor announced it paid out in a call that succeeded (the recorder also
    /// keeps logs of calls that reverted later, which are dropped).
    function _account(bool succeeded) internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        if (!succeeded) return;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(distributor)) continue;
            bytes32 topic = logs[i].topics[0];
            if (topic == IDividendDistributor.Claimed.selector) {
                uint256 id = uint256(logs[i].topics[1]);
                (, , , uint256 tax, uint256 net, , ) = abi.decode(
                    logs[i].data,
                    (address, uint256, uint256, uint256, uint256, uint16, address)
                );
                paidNet[id] += net;
                withheld[id] += tax;
                ++claimEvents[id][address(uint160(uint256(logs[i].topics[2])))];
            } else if (topic == IDividendDistributor.Reclaimed.selector) {
                reclaimed[uint256(logs[i].topics[1])] += abi.decode(logs[i].data, (uint256));
            } else if (topic == IDividendDistributor.DistributionCancelled.selector) {
                refunded[uint256(logs[i].topics[1])] += abi.decode(logs[i].data, (uint256));
            }
        }
    }
}

contract DividendDistributorTokenInvariantTest is TokenFixture {
    DividendDistributor private distributor;
    DividendsMockBlacklistPayout private usdc;
    DividendsTokenHandler private handler;

    function setUp() public override {
        super.setUp();
        address issuer = makeAddr("issuer");
        distributor = new DividendDistributor(address(this), 0);
        distributor.grantRole(distributor.DISTRIBUTOR_ROLE(), issuer);
        distributor.grantRole(distributor.TAX_ADMIN_ROLE(), address(this));
        usdc = new DividendsMockBlacklistPayout();

        address[4] memory firstWallets = [alice, bob, carol, dave];
        InvestorId[4] memory investors = [ALICE, BOB, CAROL, DAVE];
        address[] memory spares = new address[](12);
        for (uint256 k; k < spares.length; ++k) {
            spares[k] = makeAddr(string.concat("spare", vm.toString(k)));
            registry.addWallet(investors[k % 4], spares[k]);
        }
        handler = new DividendsTokenHandler(distributor, token, usdc, firstWallets, spares, issuer, address(this));
        handler.setRegistry(registry, investors);
        registry.grantRole(registry.KYC_AGENT_ROLE(), address(handler));
        token.grantRole(token.AGENT_ROLE(), address(handler));
        token.grantRole(token.RECORD_DATE_ROLE(), address(handler));
        token.mint(alice, 100e18);
        token.mint(bob, 200e18);
        token.mint(carol, 700e18);
        token.mint(dave, 50e18);
        targetContract(address(handler));
    }

    /// @dev Issue 14: paid + withheld + held + reclaimed (+ refunded, + still unclaimed while open) == funded, for
    /// every distribution, where paid, withheld, reclaimed and refunded are what the events announced.
    function invariant_paidWithheldHeldReclaimedEqualFunded() public view {
        for (uint256 k; k < handler.idCount(); ++k) {
            uint256 id = handler.ids(k);
            IDividendDistributor.Distribution memory d = distributor.distribution(id);
            assertEq(
                handler.paidNet(id) + handler.withheld(id) + d.held,
                d.claimed,
                "claimed = paid + withheld + held"
            );
            assertEq(handler.reclaimed(id), d.reclaimed, "reclaimed as announced");
            uint256 open = d.status == IDividendDistributor.Status.Active ? d.amount - d.claimed : 0;
            assertEq(
                handler.paidNet(id) + handler.withheld(id) + d.held + d.reclaimed + handler.refunded(id) + open,
                d.amount,
                "conservation"
            );
            if (d.status == IDividendDistributor.Status.Cancelled) assertEq(handler.refunded(id), d.amount, "refund");
        }
    }

    /// @dev Issue 14 cases 3 and 11: no holder makes a claimFor batch revert, and a batch settles (pays or holds)
    /// every holder with an entitlement in it.
    function invariant_claimForNeverBlockedByOneHolder() public view {
        assertEq(handler.openBatchReverts(), 0, "an open batch reverted");
        assertEq(handler.unsettledAfterBatch(), 0, "a holder left unsettled");
    }

    /// @dev The escrow holds exactly what is still owed: open remainders and held entitlements.
    function invariant_escrowEqualsWhatIsOwed() public view {
        uint256 owed;
        for (uint256 k; k < handler.idCount(); ++k) {
            uint256 id = handler.ids(k);
            IDividendDistributor.Distribution memory d = distributor.distribution(id);
            owed +=
                d.amount -
                handler.paidNet(id) -
                handler.withheld(id) -
                handler.reclaimed(id) -
                handler.refunded(id);
        }
        assertEq(usdc.balanceOf(address(distributor)), owed, "escrow");
    }

    /// @dev No holder is paid twice in a distribution, and the held amounts add up per holder.
    function invariant_eachHolderPaidAtMostOnce() public view {
        for (uint256 k; k < handler.idCount(); ++k) {
            uint256 id = handler.ids(k);
            uint256 held;
            for (uint256 w; w < handler.walletCount(); ++w) {
                address wallet = handler.wallets(w);
                assertLe(handler.claimEvents(id, wallet), 1, "paid once");
                held += distributor.heldFor(id, wallet);
            }
            assertEq(held, distributor.distribution(id).held, "held per holder adds up");
        }
    }
}
