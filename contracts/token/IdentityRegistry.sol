// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// solhint-disable-next-line max-line-length
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {IIdentityListener} from "../interfaces/IIdentityListener.sol";
import {IIdentityRegistry, InvestorId} from "../interfaces/IIdentityRegistry.sol";
import {TokenEIP712} from "./TokenEIP712.sol";

/// @title IdentityRegistry
/// @notice Wallet -> investor registry serving several security tokens. KYC agents register investors directly;
/// anyone can submit an EIP-712 `KycAttestation` signed by a trusted KYC provider key. The EIP-712 domain (name
/// "stokit IdentityRegistry", version "1", chain id, this contract) binds an attestation to this registry on this
/// chain; a deadline and a one-shot nonce per provider (bitmap, any order) stop replays. Nonces carry no order, so
/// each attestation carries its issue time and each investor its decision time (`decidedAt`: the last KYC agent write
/// or the issue time of the last attestation used): an attestation issued before it is refused, so an older unused
/// attestation can never undo a newer decision, and none can reinstate a revoked investor.
///
/// Every change of a wallet's profile is pushed synchronously to each bound token ({IIdentityListener}), so tokens
/// read identity from their own storage on transfers. A token refuses (and so reverts) a change of the investor of
/// a wallet that holds its tokens. The same holds while a token is unbound: a token once bound stays known as
/// "detached"; a wallet holding a balance there can be neither unlinked nor linked (the registry asks the token), the
/// wallets whose profile changes while any token is detached are logged, and rebinding pushes their current profiles
/// to the token before it counts as bound again ({replayMissedPushes} does it in steps).
///
/// Roles: `DEFAULT_ADMIN_ROLE` (two-step handover with a delay: trusted providers, token bindings), `KYC_AGENT_ROLE`
/// (register, update, add/remove wallets, revoke), `TOKEN_BINDER_ROLE` (keccak256 of the name; binds new tokens only: a token factory).
///
/// WARNING: Gas of a profile change grows with (wallets of the investor) x (bound tokens), and a wallet move with the
/// detached tokens; all are capped ({MAX_WALLETS_PER_INVESTOR}, {MAX_TOKENS} for bound plus detached tokens). While a
/// token is detached every pushed wallet also costs one log entry (a new storage slot).
contract IdentityRegistry is IIdentityRegistry, AccessControlDefaultAdminRules, TokenEIP712 {
    // ===== CONSTANTS =====

    bytes32 public constant KYC_AGENT_ROLE = keccak256("KYC_AGENT_ROLE");
    /// @dev May bind new tokens (a token factory), never unbind or rebind one. Not a public getter: one more selector
    /// would reorder the dispatcher and cost every registry read a few gas (the offering's subscribe reads it).
    bytes32 private constant _TOKEN_BINDER_ROLE = keccak256("TOKEN_BINDER_ROLE");

    bytes32 public constant ATTESTATION_TYPEHASH = keccak256(
        "KycAttestation(bytes32 investorId,address wallet,uint16 country,uint40 kycExpiry,uint8 classFlags,"
        "uint40 issuedAt,uint256 nonce,uint256 deadline)"
    );

    uint256 public constant MAX_WALLETS_PER_INVESTOR = 8;
    /// @notice Limit of known tokens: bound plus detached.
    uint256 public constant MAX_TOKENS = 16;

    uint16 private constant _MAX_COUNTRY = 999;

    // ===== STATE =====

    uint40 private _lastKey;
    mapping(InvestorId investorId => Investor) private _investors;
    mapping(InvestorId investorId => address[]) private _walletsOf;
    mapping(address wallet => InvestorId) private _investorOf;
    mapping(address provider => bool) private _trusted;
    mapping(address provider => mapping(uint256 word => uint256 bits)) private _usedNonces;
    address[] private _tokens;
    address[] private _detached;
    mapping(address token => uint256 index) private _replayCursor;
    address[] private _missed;

    // ===== CONSTRUCTOR =====

    /// @param adminDelay Delay of the two-step admin handover, in seconds.
    /// @param admin The registry admin.
    constructor(
        uint48 adminDelay,
        address admin
    ) AccessControlDefaultAdminRules(adminDelay, admin) TokenEIP712("stokit IdentityRegistry", "1") {}

    // ===== KYC AGENT =====

    /// @inheritdoc IIdentityRegistry
    /// @dev Requirements: caller has `KYC_AGENT_ROLE`; non-zero id; country in 1..999; the wallet is not linked to
    /// another investor and the investor has fewer than 8 wallets. Emits {InvestorUpdated}, {WalletLinked}.
    function registerInvestor(
        InvestorId investorId,
        uint16 country,
        uint40 kycExpiry,
        uint8 classFlags,
        address wallet
    ) external onlyRole(KYC_AGENT_ROLE) {
        _upsert(investorId, country, kycExpiry, classFlags, _msgSender(), _now());
        _linkIfNew(investorId, wallet);
        _pushInvestor(investorId);
    }

    /// @inheritdoc IIdentityRegistry
    /// @dev Requirements: deadline not passed; issued not after now; signer trusted; nonce unused; investor not
    /// revoked; issued at or after the investor's decision time; as {registerInvestor} otherwise. Emits
    /// {AttestationUsed}, {InvestorUpdated}, {WalletLinked}.
    function registerWithAttestation(KycAttestation calldata attestation, bytes calldata signature) external {
        if (attestation.deadline < block.timestamp) {
            revert IdentityRegistryAttestationExpired(attestation.deadline, block.timestamp);
        }
        uint40 issuedAt = attestation.issuedAt;
        if (issuedAt > block.timestamp) revert IdentityRegistryAttestationFromFuture(issuedAt, block.timestamp);
        address provider = ECDSA.recover(_digest(attestation), signature);
        if (!_trusted[provider]) revert IdentityRegistryUntrustedProvider(provider);
        _useNonce(provider, attestation.nonce);
        InvestorId investorId = attestation.investorId;
        Investor storage inv = _investors[investorId];
        if (inv.revoked) revert IdentityRegistryInvestorRevoked(investorId);
        if (issuedAt < inv.decidedAt) revert IdentityRegistryStaleAttestation(investorId, issuedAt, inv.decidedAt);
        emit AttestationUsed(provider, attestation.nonce, investorId, attestation.wallet, issuedAt);
        _upsert(investorId, attestation.country, attestation.kycExpiry, attestation.classFlags, provider, issuedAt);
        _linkIfNew(investorId, attestation.wallet);
        _pushInvestor(investorId);
    }

    /// @inheritdoc IIdentityRegistry
    /// @dev Requirements: caller has `KYC_AGENT_ROLE`; the investor exists; the wallet is unlinked and holds no
    /// balance in a detached token. Emits {WalletLinked}.
    function addWallet(InvestorId investorId, address wallet) external onlyRole(KYC_AGENT_ROLE) {
        if (_investors[investorId].key == 0) revert IdentityRegistryUnknownInvestor(investorId);
        _link(investorId, wallet);
        _investors[investorId].decidedAt = _now();
        Investor memory inv = _investors[investorId];
        _pushTo(wallet, inv.key, inv.country, inv.revoked ? 0 : inv.kycExpiry, inv.classFlags);
    }

    /// @inheritdoc IIdentityRegistry
    /// @dev Requirements: caller has `KYC_AGENT_ROLE`; the wallet is linked; it holds no balance in a detached token
    /// (bound tokens refuse the push themselves while it holds theirs). Emits {WalletUnlinked}.
    function removeWallet(address wallet) external onlyRole(KYC_AGENT_ROLE) {
        InvestorId investorId = _investorOf[wallet];
        if (investorId.isZero()) revert IdentityRegistryWalletNotLinked(wallet);
        _requireNoDetachedBalance(wallet);
        address[] storage wallets = _walletsOf[investorId];
        uint256 n = wallets.length;
        for (uint256 i; i < n; ++i) {
            if (wallets[i] == wallet) {
                wallets[i] = wallets[n - 1];
                wallets.pop();
                break;
            }
        }
        _investorOf[wallet] = InvestorId.wrap(0);
        Investor storage inv = _investors[investorId];
        uint8 count = --inv.walletCount;
        inv.decidedAt = _now();
        emit WalletUnlinked(wallet, investorId, inv.key, count);
        _pushTo(wallet, 0, 0, 0, 0);
    }

    /// @inheritdoc IIdentityRegistry
    /// @dev Requirements: caller has `KYC_AGENT_ROLE`; the investor exists. Emits {InvestorUpdated}.
    function revokeInvestor(InvestorId investorId) external onlyRole(KYC_AGENT_ROLE) {
        Investor storage inv = _investors[investorId];
        if (inv.key == 0) revert IdentityRegistryUnknownInvestor(investorId);
        inv.revoked = true;
        inv.decidedAt = _now();
        emit InvestorUpdated(investorId, inv.key, inv.country, inv.kycExpiry, inv.classFlags, true, _msgSender());
        _pushInvestor(investorId);
    }

    // ===== PROVIDERS =====

    /// @inheritdoc IIdentityRegistry
    /// @dev Requirements: the nonce of the caller is unused. Emits {AttestationCancelled}.
    function cancelAttestation(uint256 nonce) external {
        _useNonce(_msgSender(), nonce);
        emit AttestationCancelled(_msgSender(), nonce);
    }

    // ===== ADMIN =====

    /// @inheritdoc IIdentityRegistry
    /// @dev Requirements: caller has `DEFAULT_ADMIN_ROLE`; non-zero provider. Emits {TrustedProviderSet}.
    function setTrustedProvider(address provider, bool trusted) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (provider == address(0)) revert IdentityRegistryZeroAddress();
        _trusted[provider] = trusted;
        emit TrustedProviderSet(provider, trusted);
    }

    /// @inheritdoc IIdentityRegistry
    /// @dev Requirements: caller has `DEFAULT_ADMIN_ROLE`, or `TOKEN_BINDER_ROLE` to bind a token never bound before;
    /// non-zero token; binding changes; a new token: at most 16 known tokens and no supply. Rebinding a detached
    /// token replays every logged push it missed (call {replayMissedPushes} first when the log is long). Emits
    /// {TokenBound}, and {MissedPushesReplayed} on a rebind.
    function setTokenBinding(address token, bool bound) external {
        bool admin = hasRole(DEFAULT_ADMIN_ROLE, _msgSender());
        if (!admin && !(bound && hasRole(_TOKEN_BINDER_ROLE, _msgSender()))) {
            revert AccessControlUnauthorizedAccount(_msgSender(), DEFAULT_ADMIN_ROLE);
        }
        if (token == address(0)) revert IdentityRegistryZeroAddress();
        (bool isBound, uint256 i) = _find(_tokens, token);
        if (isBound == bound) revert IdentityRegistryTokenBinding(token, isBound);
        if (!bound) {
            _removeAt(_tokens, i);
            _replayCursor[token] = _missed.length;
            _detached.push(token);
            emit TokenBound(token, false, _tokens.length);
            return;
        }
        (bool detached, uint256 j) = _find(_detached, token);
        if (detached) {
            if (!admin) revert AccessControlUnauthorizedAccount(_msgSender(), DEFAULT_ADMIN_ROLE);
            uint256 from = _replayCursor[token];
            uint256 to = _missed.length;
            _removeAt(_detached, j);
            delete _replayCursor[token];
            _tokens.push(token);
            emit TokenBound(token, true, _tokens.length);
            emit MissedPushesReplayed(token, from, to, 0);
            _replay(token, from, to); // all or nothing: a refused push reverts the rebind
        } else {
            if (_tokens.length + _detached.length == MAX_TOKENS) revert IdentityRegistryTooManyTokens(MAX_TOKENS);
            uint256 supply = IERC20(token).totalSupply();
            if (supply != 0) revert IdentityRegistryTokenHasSupply(token, supply);
            _tokens.push(token);
            emit TokenBound(token, true, _tokens.length);
        }
    }

    // ===== ANYONE =====

    /// @inheritdoc IIdentityRegistry
    /// @dev Requirements: `token` is detached. Emits {MissedPushesReplayed}.
    function replayMissedPushes(address token, uint256 maxWallets) external returns (uint256 pending) {
        (bool detached, ) = _find(_detached, token);
        if (!detached) revert IdentityRegistryTokenNotDetached(token);
        uint256 from = _replayCursor[token];
        uint256 end = _missed.length;
        uint256 to = end - from > maxWallets ? from + maxWallets : end;
        _replayCursor[token] = to;
        pending = end - to;
        emit MissedPushesReplayed(token, from, to, pending);
        _replay(token, from, to); // all or nothing: a refused push reverts the step
    }

    // ===== VIEWS =====

    /// @inheritdoc IIdentityRegistry
    function investorOf(address wallet) external view returns (InvestorId) {
        return _investorOf[wallet];
    }

    /// @inheritdoc IIdentityRegistry
    function investor(InvestorId investorId) external view returns (Investor memory) {
        return _investors[investorId];
    }

    /// @inheritdoc IIdentityRegistry
    function walletsOf(InvestorId investorId) external view returns (address[] memory) {
        return _walletsOf[investorId];
    }

    /// @inheritdoc IIdentityRegistry
    function isVerified(address wallet) external view returns (bool) {
        (uint40 key, , uint40 kycExpiry, ) = profileOf(wallet);
        return key != 0 && kycExpiry > block.timestamp;
    }

    /// @inheritdoc IIdentityRegistry
    function profileOf(
        address wallet
    ) public view returns (uint40 investorKey, uint16 country, uint40 kycExpiry, uint8 classFlags) {
        InvestorId investorId = _investorOf[wallet];
        if (investorId.isZero()) return (0, 0, 0, 0);
        Investor memory inv = _investors[investorId];
        return (inv.key, inv.country, inv.revoked ? 0 : inv.kycExpiry, inv.classFlags);
    }

    /// @inheritdoc IIdentityRegistry
    function isTrustedProvider(address provider) external view returns (bool) {
        return _trusted[provider];
    }

    /// @inheritdoc IIdentityRegistry
    function isNonceUsed(address provider, uint256 nonce) external view returns (bool) {
        return (_usedNonces[provider][nonce >> 8] >> (nonce & 0xff)) & 1 == 1;
    }

    /// @inheritdoc IIdentityRegistry
    function boundTokens() external view returns (address[] memory) {
        return _tokens;
    }

    /// @inheritdoc IIdentityRegistry
    function detachedTokens() external view returns (address[] memory) {
        return _detached;
    }

    /// @inheritdoc IIdentityRegistry
    function pendingReplay(address token) external view returns (uint256) {
        (bool detached, ) = _find(_detached, token);
        return detached ? _missed.length - _replayCursor[token] : 0;
    }

    /// @notice The EIP-712 domain separator of attestations.
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc IIdentityRegistry
    function attestationDigest(KycAttestation calldata attestation) external view returns (bytes32) {
        return _digest(attestation);
    }

    // ===== PRIVATE =====

    function _digest(KycAttestation calldata a) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        ATTESTATION_TYPEHASH,
                        a.investorId,
                        a.wallet,
                        a.country,
                        a.kycExpiry,
                        a.classFlags,
                        a.issuedAt,
                        a.nonce,
                        a.deadline
                    )
                )
            );
    }

    function _useNonce(address provider, uint256 nonce) private {
        uint256 bit = 1 << (nonce & 0xff);
        uint256 word = _usedNonces[provider][nonce >> 8];
        if (word & bit != 0) revert IdentityRegistryNonceUsed(provider, nonce);
        _usedNonces[provider][nonce >> 8] = word | bit;
    }

    /// @dev Creates or updates the investor (clearing a revocation) as decided at `decidedAt`. The caller pushes the
    /// profile to the bound tokens once every state change is done (checks-effects-interactions).
    function _upsert(
        InvestorId investorId,
        uint16 country,
        uint40 kycExpiry,
        uint8 classFlags,
        address actor,
        uint40 decidedAt
    ) private {
        if (investorId.isZero()) revert IdentityRegistryInvalidInvestorId();
        if (country == 0 || country > _MAX_COUNTRY) revert IdentityRegistryInvalidCountry(country);
        Investor storage inv = _investors[investorId];
        uint40 key = inv.key;
        if (key == 0) {
            key = ++_lastKey;
            inv.key = key;
        }
        inv.country = country;
        inv.kycExpiry = kycExpiry;
        inv.classFlags = classFlags;
        inv.revoked = false;
        inv.decidedAt = decidedAt;
        emit InvestorUpdated(investorId, key, country, kycExpiry, classFlags, false, actor);
    }

    function _linkIfNew(InvestorId investorId, address wallet) private {
        if (wallet != address(0) && !_investorOf[wallet].equals(investorId)) {
            _link(investorId, wallet);
        }
    }

    function _link(InvestorId investorId, address wallet) private {
        if (wallet == address(0)) revert IdentityRegistryZeroAddress();
        InvestorId current = _investorOf[wallet];
        if (!current.isZero()) revert IdentityRegistryWalletAlreadyLinked(wallet, current);
        _requireNoDetachedBalance(wallet);
        Investor storage inv = _investors[investorId];
        if (inv.walletCount == MAX_WALLETS_PER_INVESTOR) {
            revert IdentityRegistryTooManyWallets(investorId, MAX_WALLETS_PER_INVESTOR);
        }
        _investorOf[wallet] = investorId;
        _walletsOf[investorId].push(wallet);
        uint8 count = ++inv.walletCount;
        emit WalletLinked(wallet, investorId, inv.key, count);
    }

    function _pushInvestor(InvestorId investorId) private {
        Investor memory inv = _investors[investorId];
        uint40 expiry = inv.revoked ? 0 : inv.kycExpiry;
        address[] storage wallets = _walletsOf[investorId];
        uint256 n = wallets.length;
        for (uint256 i; i < n; ++i) {
            _pushTo(wallets[i], inv.key, inv.country, expiry, inv.classFlags);
        }
    }

    /// @dev Pushes a wallet's profile to every bound token and, while a token is detached, logs the wallet so the
    /// detached tokens get its then-current profile before they are bound again.
    function _pushTo(address wallet, uint40 key, uint16 country, uint40 kycExpiry, uint8 classFlags) private {
        if (_detached.length != 0) _missed.push(wallet);
        uint256 n = _tokens.length;
        for (uint256 i; i < n; ++i) {
            IIdentityListener(_tokens[i]).onIdentityUpdated(wallet, key, country, kycExpiry, classFlags);
        }
    }

    /// @dev Pushes the current profiles of the logged wallets `from` to `to` (exclusive) to `token`.
    function _replay(address token, uint256 from, uint256 to) private {
        for (uint256 k = from; k < to; ++k) {
            address wallet = _missed[k];
            (uint40 key, uint16 country, uint40 kycExpiry, uint8 classFlags) = profileOf(wallet);
            IIdentityListener(token).onIdentityUpdated(wallet, key, country, kycExpiry, classFlags);
        }
    }

    /// @dev A wallet changes investor (link or unlink) only while no detached token holds a balance at it. Bound tokens
    /// enforce the same themselves when the change is pushed.
    function _requireNoDetachedBalance(address wallet) private view {
        uint256 n = _detached.length;
        for (uint256 i; i < n; ++i) {
            address token = _detached[i];
            uint256 balance = IERC20(token).balanceOf(wallet);
            if (balance != 0) revert IdentityRegistryWalletHoldsBalance(wallet, token, balance);
        }
    }

    function _find(address[] storage list, address token) private view returns (bool found, uint256 i) {
        uint256 n = list.length;
        while (i < n && list[i] != token) ++i;
        found = i < n;
    }

    function _removeAt(address[] storage list, uint256 i) private {
        list[i] = list[list.length - 1];
        list.pop();
    }

    /// @dev The block time as a decision time (40 bits last until the year 36812).
    function _now() private view returns (uint40) {
        return uint40(block.timestamp);
    }
}
