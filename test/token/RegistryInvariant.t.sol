// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {InvestorId} from "../../contracts/interfaces/IIdentityRegistry.sol";
import {IdentityRegistry} from "../../contracts/token/IdentityRegistry.sol";
import {SecurityToken} from "../../contracts/token/SecurityToken.sol";
import {Test} from "../utils/Test.sol";

/// @dev Drives the registry and one token at random through link, unlink, relink, bind, unbind, replay, revoke,
/// reinstate, sync, mint, transfer and burn. After every step it checks that no wallet holding tokens changed
/// investor since it was funded, and counts revocations or reinstatements that reverted while the token was bound.
contract RegistryHandler is Test {
    uint256 internal constant WALLETS = 5;
    uint256 internal constant INVESTORS = 3;
    uint40 internal constant EXPIRY = 1_800_000_000;

    SecurityToken public immutable token;
    IdentityRegistry public immutable registry;

    address[WALLETS] internal wallets;
    InvestorId[INVESTORS] internal ids;

    /// @dev The registry's investor of a wallet when its balance became non-zero.
    mapping(address wallet => InvestorId) internal fundedUnder;
    mapping(address wallet => bool) internal funded;

    uint256 public investorChanges;
    uint256 public boundPushFailures;
    uint256 public rebinds;
    uint256 public fundedMovesRefused;

    constructor(
        SecurityToken token_,
        IdentityRegistry registry_,
        address[WALLETS] memory w,
        InvestorId[INVESTORS] memory i
    ) {
        token = token_;
        registry = registry_;
        wallets = w;
        ids = i;
    }

    function wallet(uint256 i) external view returns (address) {
        return wallets[i];
    }

    function investorId(uint256 i) external view returns (InvestorId) {
        return ids[i];
    }

    function link(uint256 walletSeed, uint256 investorSeed) external {
        try registry.addWallet(ids[investorSeed % INVESTORS], wallets[walletSeed % WALLETS]) {} catch {}
        _track();
    }

    function unlink(uint256 walletSeed) external {
        address w = wallets[walletSeed % WALLETS];
        bool holds = token.balanceOf(w) != 0;
        try registry.removeWallet(w) {} catch {
            if (holds) ++fundedMovesRefused;
        }
        _track();
    }

    function relink(uint256 walletSeed, uint256 investorSeed) external {
        address w = wallets[walletSeed % WALLETS];
        try registry.removeWallet(w) {} catch {}
        try registry.addWallet(ids[investorSeed % INVESTORS], w) {} catch {}
        _track();
    }

    function bind() external {
        if (_isBound()) return;
        try registry.setTokenBinding(address(token), true) {
            ++rebinds;
        } catch {}
        _track();
    }

    function unbind() external {
        if (!_isBound()) return;
        registry.setTokenBinding(address(token), false);
        _track();
    }

    function replay(uint256 maxWallets) external {
        if (_isBound()) return;
        try registry.replayMissedPushes(address(token), bound(maxWallets, 0, 8)) {} catch {}
        _track();
    }

    function revoke(uint256 investorSeed) external {
        bool wasBound = _isBound();
        try registry.revokeInvestor(ids[investorSeed % INVESTORS]) {} catch {
            if (wasBound) ++boundPushFailures;
        }
        _track();
    }

    function reinstate(uint256 investorSeed, uint8 classFlags) external {
        bool wasBound = _isBound();
        try registry.registerInvestor(ids[investorSeed % INVESTORS], 410, EXPIRY, classFlags, address(0)) {} catch {
            if (wasBound) ++boundPushFailures;
        }
        _track();
    }

    function sync(uint256 walletSeed) external {
        address[] memory list = new address[](1);
        list[0] = wallets[walletSeed % WALLETS];
        try token.syncIdentity(list) {} catch {}
        _track();
    }

    function mint(uint256 walletSeed, uint256 amount) external {
        try token.mint(wallets[walletSeed % WALLETS], bound(amount, 1, 1e24)) {} catch {}
        _track();
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = wallets[fromSeed % WALLETS];
        amount = bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        try token.transfer(wallets[toSeed % WALLETS], amount) {} catch {}
        _track();
    }

    function burn(uint256 walletSeed, uint256 amount) external {
        address w = wallets[walletSeed % WALLETS];
        try token.burn(w, bound(amount, 0, token.balanceOf(w))) {} catch {}
        _track();
    }

    function _isBound() internal view returns (bool) {
        return registry.boundTokens().length != 0;
    }

    /// @dev A funded wallet keeps the registry investor it had when funded; emptied wallets are free again.
    function _track() internal {
        for (uint256 i; i < WALLETS; ++i) {
            address w = wallets[i];
            InvestorId now_ = registry.investorOf(w);
            if (token.balanceOf(w) == 0) {
                funded[w] = false;
            } else if (!funded[w]) {
                funded[w] = true;
                fundedUnder[w] = now_;
            } else if (!now_.equals(fundedUnder[w])) {
                ++investorChanges;
            }
        }
    }
}

contract RegistryInvariantTest is Test {
    SecurityToken internal token;
    IdentityRegistry internal registry;
    RegistryHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        registry = new IdentityRegistry(0, address(this));
        token = new SecurityToken("Registry invariant", "RGI", address(registry), 0, address(this));
        registry.setTokenBinding(address(token), true);
        address[5] memory w = [makeAddr("w0"), makeAddr("w1"), makeAddr("w2"), makeAddr("w3"), makeAddr("w4")];
        InvestorId[3] memory ids = [
            InvestorId.wrap(keccak256("alice")),
            InvestorId.wrap(keccak256("bob")),
            InvestorId.wrap(keccak256("carol"))
        ];
        handler = new RegistryHandler(token, registry, w, ids);
        registry.grantRole(registry.KYC_AGENT_ROLE(), address(this));
        registry.grantRole(registry.KYC_AGENT_ROLE(), address(handler));
        registry.beginDefaultAdminTransfer(address(handler));
        vm.warp(block.timestamp + 1); // the handover schedule must have passed
        vm.prank(address(handler));
        registry.acceptDefaultAdminTransfer();
        token.grantRole(token.AGENT_ROLE(), address(handler));
        // alice: w0, w1; bob: w2; carol: w3; w4 unlinked
        registry.registerInvestor(ids[0], 410, 1_800_000_000, 1, w[0]);
        registry.addWallet(ids[0], w[1]);
        registry.registerInvestor(ids[1], 840, 1_800_000_000, 0, w[2]);
        registry.registerInvestor(ids[2], 392, 1_800_000_000, 1, w[3]);
        targetContract(address(handler));
    }

    /// @dev The issue's invariant: a wallet holding tokens never changes investor, bound or not.
    function invariant_fundedWalletNeverChangesInvestor() public view {
        assertEq(handler.investorChanges(), 0, "a funded wallet changed investor");
    }

    /// @dev Pushes to a bound token never revert: the token's identities agree with the registry.
    function invariant_revocationAndReinstatementAlwaysReachABoundToken() public view {
        assertEq(handler.boundPushFailures(), 0, "a push reverted while bound");
    }

    /// @dev While bound, the token's investor of every funded wallet is the registry's: each investor's balance in the
    /// token is the sum over the wallets the registry links to it.
    function invariant_boundTokenAgreesWithTheRegistry() public view {
        if (registry.boundTokens().length == 0) return;
        uint256 total;
        for (uint256 i; i < 3; ++i) {
            InvestorId id = handler.investorId(i);
            uint256 expected;
            for (uint256 k; k < 5; ++k) {
                address w = handler.wallet(k);
                if (registry.investorOf(w).equals(id)) expected += token.balanceOf(w);
            }
            assertEq(token.investorBalance(registry.investor(id).key), expected, "investor balance");
            total += expected;
        }
        assertEq(total, token.totalSupply(), "every token unit sits at a wallet of a registered investor");
    }

    /// @dev While bound, a revoked investor's wallets can neither send nor receive, and unlinked wallets cannot
    /// receive.
    function invariant_revocationReachesEveryWalletWhileBound() public view {
        if (registry.boundTokens().length == 0) return;
        for (uint256 k; k < 5; ++k) {
            address w = handler.wallet(k);
            InvestorId id = registry.investorOf(w);
            if (id.isZero() || registry.investor(id).revoked) {
                assertFalse(token.canReceive(w), "receives");
                if (!id.isZero()) assertFalse(token.canSend(w), "sends");
            }
        }
    }
}
