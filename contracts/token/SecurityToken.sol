// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// solhint-disable-next-line max-line-length
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC20, IERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IComplianceHook} from "../interfaces/IComplianceHook.sol";
import {IERC7943Fungible} from "../interfaces/IERC7943Fungible.sol";
import {IIdentityRegistry} from "../interfaces/IIdentityRegistry.sol";
import {IIssuanceToken} from "../interfaces/IIssuanceToken.sol";
import {IRecordDateToken} from "../interfaces/IRecordDateToken.sol";
import {ISecurityToken} from "../interfaces/ISecurityToken.sol";
import {TokenEIP712} from "./TokenEIP712.sol";
import {TokenRestrictionMessages} from "./TokenRestrictionMessages.sol";

/// @title SecurityToken
/// @notice Permissioned ERC-20 with EIP-2612 permit, ERC-1404 restriction codes, ERC-7943 (uRWA, `canSend`/`canReceive`
/// revision) and balances at scheduled record dates (ERC-6372 timestamp clock).
///
/// Every balance change (transfer, transferFrom, batch transfer, mint, burn, forced transfer, wallet recovery) goes
/// through {_update}, which enforces identity, freezes, pause, the built-in compliance rules and the optional hook,
/// keeps per-investor balances and the investor count, and records balances for passed record dates.
///
/// Identity is pushed by the {IIdentityRegistry} into this token's own storage: one word per wallet holds the
/// wallet's ERC-20 balance together with its identity, freeze flags and record-date mark, so a transfer reads and
/// writes one word per wallet (as a plain ERC-20 does for the balance alone), reads one word per investor (lock-up,
/// country-rule cache, and the summed balance, which is written only for an investor with several wallets) and the
/// compliance record. The country lists are read only on the first credit of an investor after a rule or list
/// change.
///
/// Roles: `DEFAULT_ADMIN_ROLE` (issuer admin, two-step handover with a delay), `AGENT_ROLE` (mint, burn, freezes,
/// forced transfer, recovery), `COMPLIANCE_ROLE` (rules, countries, hook, transfers on/off, setting lock-ups),
/// `PAUSER_ROLE`, `LOCKUP_ROLE` (only extends lock-ups: for an offering contract), `RECORD_DATE_ROLE`.
///
/// Trusted operators (set by the compliance officer): settlement contracts such as the secondary market that move
/// holders' tokens with `transferFrom`. They skip only the spender rule (code 14); every rule on `from` and `to` still
/// applies, and so does the ERC-20 allowance.
///
/// WARNING: Balance history exists only for scheduled record dates: {balanceOfAt}/{totalSupplyAt} revert for any
/// other timepoint. Pause stops holder transfers only; agent operations continue. An expired or revoked KYC blocks
/// both sending and receiving (the holder keeps the balance and can move it again once the KYC is renewed; an agent
/// can still force-transfer or recover it). Balances are OpenZeppelin `ERC20` balances kept in the wallet word
/// (`balanceOf`/`totalSupply` are overridden, `_update` does not call the parent's): a wallet holds at most
/// 2**96 - 1 units and the supply is at most 2**208 - 1 (SafeCast errors above that).
contract SecurityToken is ISecurityToken, ERC20, Nonces, TokenEIP712, AccessControlDefaultAdminRules {
    using SafeCast for uint256;

    // ===== TYPES =====

    /// @dev Identity (pushed by the registry) and token state of one wallet, in one slot.
    /// - investorKey The registry key of the wallet's investor, 0 if unlinked.
    /// - kycExpiry KYC expiry pushed by the registry (0 when revoked).
    /// - country ISO 3166-1 numeric country code.
    /// - classFlags Investor class flags.
    /// - frozen Whether the whole address is frozen.
    /// - hasFrozenTokens Whether a partial frozen amount is set.
    /// - hasSuccessor Whether a recovery gave this wallet a successor (so readers skip the successor slot otherwise).
    /// - historyMark Number of record dates whose balance of this wallet is already recorded.
    /// - holderIndex The wallet's holder index ({holderIndex}): given on its first credit, never changed.
    /// - balance The ERC-20 balance.
    struct Wallet {
        uint40 investorKey;
        uint40 kycExpiry;
        uint16 country;
        uint8 classFlags;
        bool frozen;
        bool hasFrozenTokens;
        bool hasSuccessor;
        uint16 historyMark;
        uint32 holderIndex;
        uint96 balance;
    }

    /// @dev A balance that held for record dates with index `first..last` (inclusive).
    struct Record {
        uint24 first;
        uint24 last;
        uint208 value;
    }

    // ===== CONSTANTS =====

    /// @dev keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)")
    bytes32 private constant _PERMIT_TYPEHASH = 0x6e71edae12b1b97f4d1f60370fef10105fa2faae0126114a169c64845d6126c9;

    bytes32 public constant AGENT_ROLE = keccak256("AGENT_ROLE");
    bytes32 public constant COMPLIANCE_ROLE = keccak256("COMPLIANCE_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    bytes32 public constant LOCKUP_ROLE = keccak256("LOCKUP_ROLE");
    bytes32 public constant RECORD_DATE_ROLE = keccak256("RECORD_DATE_ROLE");

    uint8 internal constant RULE_MAX_INVESTORS = 1;
    uint8 internal constant RULE_MAX_BALANCE = 2;
    uint8 internal constant RULE_COUNTRY_ALLOWLIST = 4;
    uint8 internal constant RULE_COUNTRY_BLOCKLIST = 8;
    uint8 internal constant RULE_LOCKUP = 16;
    uint8 internal constant RULE_INVESTOR_CLASS = 32;
    uint8 internal constant RULE_HOOK = 64;

    uint8 internal constant CODE_SUCCESS = 0;
    uint8 internal constant CODE_PAUSED = 1;
    uint8 internal constant CODE_TRANSFERS_DISABLED = 2;
    uint8 internal constant CODE_SENDER_NOT_VERIFIED = 3;
    uint8 internal constant CODE_RECEIVER_NOT_VERIFIED = 4;
    uint8 internal constant CODE_SENDER_FROZEN = 5;
    uint8 internal constant CODE_RECEIVER_FROZEN = 6;
    uint8 internal constant CODE_INSUFFICIENT_UNFROZEN = 7;
    uint8 internal constant CODE_SENDER_LOCKED_UP = 8;
    uint8 internal constant CODE_COUNTRY_NOT_ALLOWED = 9;
    uint8 internal constant CODE_INVESTOR_CLASS_REQUIRED = 10;
    uint8 internal constant CODE_MAX_INVESTORS = 11;
    uint8 internal constant CODE_MAX_BALANCE = 12;
    uint8 internal constant CODE_HOOK_REJECTED = 13;
    uint8 internal constant CODE_SPENDER_NOT_ALLOWED = 14;

    // Compliance word layout (see {Compliance}): bit offsets.
    uint256 private constant _C_TRANSFERS_DISABLED = 8;
    uint256 private constant _C_RULES = 16;
    uint256 private constant _C_REQUIRED_CLASSES = 24;
    uint256 private constant _C_INVESTOR_COUNT = 32;
    uint256 private constant _C_MAX_INVESTORS = 56;
    uint256 private constant _C_RECORDS_PASSED = 80;
    uint256 private constant _C_NEXT_RECORD = 96;
    uint256 private constant _C_MAX_BALANCE = 136;
    uint256 private constant _C_RULES_EPOCH = 232;

    // Wallet word layout (see {Wallet}): bit offsets; the investor key is bits 0-39, the three flags one bit each,
    // the holder index bits 128-159, the balance the high 96 bits.
    uint256 private constant _W_KYC_EXPIRY = 40;
    uint256 private constant _W_COUNTRY = 80;
    uint256 private constant _W_CLASS = 96;
    uint256 private constant _W_FROZEN = 104;
    uint256 private constant _W_HAS_FROZEN_TOKENS = 105;
    uint256 private constant _W_HAS_SUCCESSOR = 106;
    uint256 private constant _W_HISTORY_MARK = 112;
    uint256 private constant _W_HOLDER_INDEX = 128;
    uint256 private constant _W_BALANCE = 160;
    uint256 private constant _W_BELOW_BALANCE = (1 << 160) - 1;

    uint256 private constant _MASK16 = type(uint16).max;
    uint256 private constant _MASK24 = type(uint24).max;
    uint256 private constant _MASK40 = type(uint40).max;
    /// @dev The supply word: the total supply in bits 0-207, the last holder index given ({holderIndex}) in bits
    /// 208-239, the record-date mark of the supply in bits 240-255.
    uint256 private constant _SUPPLY_MASK = type(uint208).max;
    uint256 private constant _SUPPLY_INDEX_SHIFT = 208;
    uint256 private constant _SUPPLY_MARK_SHIFT = 240;

    /// @dev Per-investor token state, one word: lock-up end (bits 176-223), the rules epoch under which its country
    /// last passed the country rules (224-247), a flag set on registration (248) so the word is never zero when a
    /// transfer first credits the investor (2,900 gas, not 20,000), and a flag (249) set once the token saw a second
    /// wallet linked to the investor. Until then bits 0-159 hold the investor's only wallet, whose balance is the
    /// investor's (a transfer between two such investors writes no investor word); from then on bits 0-175 hold the
    /// summed balance over the investor's wallets. Kept as a raw word: one SLOAD, at most one SSTORE per transfer.
    uint256 private constant _BALANCE_MASK = (1 << 176) - 1;
    uint256 private constant _LOCKUP_SHIFT = 176;
    uint256 private constant _EPOCH_SHIFT = 224;
    uint256 private constant _REGISTERED = 1 << 248;
    uint256 private constant _SHARED = 1 << 249;

    uint8 private constant _RULES_SETTABLE = 63; // every rule bit except RULE_HOOK
    uint16 private constant _MAX_COUNTRY = 999;

    /// @dev Gas the compliance hook may use per call; it answers in at most 32 copied bytes.
    uint256 private constant _HOOK_GAS = 100_000;
    /// @dev Successor hops {recordPosition} follows (a chain holds wallets of one investor: the registry caps them).
    uint256 private constant _MAX_SUCCESSOR_HOPS = 8;

    uint8 private constant _MODE_TRANSFER = 0;
    uint8 private constant _MODE_MINT = 1;
    uint8 private constant _MODE_BURN = 2;
    uint8 private constant _MODE_FORCED = 3;
    uint8 private constant _MODE_RECOVERY = 4;

    // ===== STATE =====

    address private immutable _registry;
    TokenRestrictionMessages private immutable _messages;

    uint256 private _complianceWord; // a Compliance record, packed by {_storeCompliance}
    address private _hook;
    mapping(address wallet => uint256 packed) private _walletWords; // Wallet records, packed by {_storeWallet}
    mapping(uint40 investorKey => uint256 packed) private _investors;
    mapping(address account => uint256) private _frozenTokens;
    /// @dev Successor address (bits 0-159) and the investor key both wallets had at the recovery (bits 160-199).
    mapping(address lostWallet => uint256 packed) private _successors;
    uint256[4] private _allowedCountries;
    uint256[4] private _blockedCountries;
    uint48[] private _recordDates;
    mapping(address account => Record[]) private _balanceRecords;
    Record[] private _supplyRecords;
    /// @dev The supply, the holder-index counter and the supply's record-date mark in one word (see {_SUPPLY_MASK}),
    /// so {totalSupplyAt} reads one slot for both and a mint or burn reads and writes one (a mint to a new wallet
    /// gives its holder index in the same write). The supply fits 208 bits (checked on each mint).
    uint256 private _supplyWord;
    mapping(uint48 timepoint => uint256 indexPlusOne) private _recordDateIndex;
    mapping(address operator => bool) private _trustedOperators;

    // ===== CONSTRUCTOR =====

    /// @param name_ Token name (also the EIP-712 domain name of permit).
    /// @param symbol_ Token symbol.
    /// @param registry_ The identity registry; it must bind this token to push identities.
    /// @param adminDelay Delay of the two-step admin handover, in seconds.
    /// @param admin The issuer admin.
    constructor(
        string memory name_,
        string memory symbol_,
        address registry_,
        uint48 adminDelay,
        address admin
    ) ERC20(name_, symbol_) TokenEIP712(name_, "1") AccessControlDefaultAdminRules(adminDelay, admin) {
        if (registry_ == address(0)) revert SecurityTokenZeroRegistry();
        _registry = registry_;
        _messages = new TokenRestrictionMessages();
        Compliance memory c = _loadCompliance();
        c.rulesEpoch = 1; // investors start at epoch 0: never current
        _storeCompliance(c);
    }

    // ===== ERC-20 =====

    /// @inheritdoc IERC20
    function balanceOf(address account) public view override(ERC20, IERC20) returns (uint256) {
        return _walletWords[account] >> _W_BALANCE;
    }

    /// @inheritdoc IERC20
    function totalSupply() public view override(ERC20, IERC20) returns (uint256) {
        return _supplyWord & _SUPPLY_MASK;
    }

    /// @notice As ERC-20 `transferFrom`, and the spender itself must be a verified, unfrozen wallet or a trusted
    /// operator (code 14).
    function transferFrom(address from, address to, uint256 value) public override(ERC20, IERC20) returns (bool) {
        address spender = _msgSender();
        if (!_spenderAllowed(spender, from)) revert SecurityTokenRestricted(CODE_SPENDER_NOT_ALLOWED, from, to, value);
        return super.transferFrom(from, to, value);
    }

    /// @inheritdoc ISecurityToken
    function batchTransfer(address[] calldata to, uint256[] calldata amounts) external returns (bool) {
        uint256 n = to.length;
        if (n != amounts.length) revert SecurityTokenArrayLengthMismatch(n, amounts.length);
        address sender = _msgSender();
        for (uint256 i; i < n; ++i) {
            _transfer(sender, to[i], amounts[i]);
        }
        return true;
    }

    /// @inheritdoc IERC20Permit
    /// @dev EIP-2612 with the token name as EIP-712 domain name and version "1". Errors as OpenZeppelin's
    /// ERC20Permit: {ERC2612ExpiredSignature}, {ERC2612InvalidSigner}. Emits {Approval}.
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        if (block.timestamp > deadline) revert ERC2612ExpiredSignature(deadline);
        bytes32 structHash = keccak256(abi.encode(_PERMIT_TYPEHASH, owner, spender, value, _useNonce(owner), deadline));
        address signer = ECDSA.recover(_hashTypedDataV4(structHash), v, r, s);
        if (signer != owner) revert ERC2612InvalidSigner(signer, owner);
        _approve(owner, spender, value);
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view override(IERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @inheritdoc IERC20Permit
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ===== AGENT =====

    /// @inheritdoc IIssuanceToken
    /// @dev Requirements: caller has `AGENT_ROLE`; the receiver passes every receiver rule (codes 4, 6, 9-13).
    /// Emits {Transfer}.
    function mint(address to, uint256 amount) external onlyRole(AGENT_ROLE) {
        _mint(to, amount);
    }

    /// @inheritdoc ISecurityToken
    function batchMint(address[] calldata to, uint256[] calldata amounts) external onlyRole(AGENT_ROLE) {
        uint256 n = to.length;
        if (n != amounts.length) revert SecurityTokenArrayLengthMismatch(n, amounts.length);
        for (uint256 i; i < n; ++i) {
            _mint(to[i], amounts[i]);
        }
    }

    /// @inheritdoc ISecurityToken
    function burn(address account, uint256 amount) external onlyRole(AGENT_ROLE) {
        _releaseFrozen(account, amount);
        _burn(account, amount);
    }

    /// @inheritdoc IERC7943Fungible
    /// @dev Requirements: caller has `AGENT_ROLE`; `to` passes the receiver rules except the hook (codes 4, 6, 9-12).
    /// Sender-side rules (pause, KYC, freezes, lock-up) do not apply; frozen tokens taken shrink the frozen amount
    /// first. Emits {Frozen} (if it shrank), {Transfer}, {ForcedTransfer}.
    function forcedTransfer(address from, address to, uint256 amount) external onlyRole(AGENT_ROLE) returns (bool) {
        _releaseFrozen(from, amount);
        _transfer(from, to, amount);
        emit ForcedTransfer(from, to, amount);
        return true;
    }

    /// @inheritdoc IERC7943Fungible
    /// @dev Requirements: caller has `AGENT_ROLE`. Emits {Frozen}.
    function setFrozenTokens(address account, uint256 amount) external onlyRole(AGENT_ROLE) returns (bool) {
        _setFrozenTokens(account, amount);
        return true;
    }

    /// @inheritdoc ISecurityToken
    function setAddressFrozen(address account, bool frozen) external onlyRole(AGENT_ROLE) {
        _setAddressFrozen(account, frozen);
    }

    /// @inheritdoc ISecurityToken
    function batchSetAddressFrozen(address[] calldata accounts, bool[] calldata frozen) external onlyRole(AGENT_ROLE) {
        uint256 n = accounts.length;
        if (n != frozen.length) revert SecurityTokenArrayLengthMismatch(n, frozen.length);
        for (uint256 i; i < n; ++i) {
            _setAddressFrozen(accounts[i], frozen[i]);
        }
    }

    /// @inheritdoc ISecurityToken
    /// @dev Requirements: caller has `AGENT_ROLE`; both wallets are linked to the same investor and differ;
    /// `newWallet` is verified (code 4).
    function recoverWallet(address lostWallet, address newWallet) external onlyRole(AGENT_ROLE) {
        Wallet memory lost = _loadWallet(lostWallet);
        Wallet memory next = _loadWallet(newWallet);
        if (lostWallet == newWallet || lost.investorKey == 0 || lost.investorKey != next.investorKey) {
            revert SecurityTokenRecoveryMismatch(lostWallet, newWallet);
        }
        uint256 amount = balanceOf(lostWallet);
        if (!_wVerified(_walletWords[newWallet]))
            revert SecurityTokenRestricted(CODE_RECEIVER_NOT_VERIFIED, lostWallet, newWallet, amount);
        uint256 frozenTokens = _frozenTokens[lostWallet];
        if (frozenTokens != 0) _setFrozenTokens(lostWallet, 0);
        if (amount != 0) _transfer(lostWallet, newWallet, amount);
        if (frozenTokens != 0) _setFrozenTokens(newWallet, _frozenTokens[newWallet] + frozenTokens);
        // Recovering into a formerly recovered wallet (its old key was found again): it becomes the end of the chain
        // (no cycle can form: the new wallet never keeps a successor), and the freeze that recovery put on it gives
        // way to the lost wallet's.
        bool restored = next.hasSuccessor && _clearSuccessor(newWallet);
        if (lost.frozen && !next.frozen) _setAddressFrozen(newWallet, true);
        else if (restored && !lost.frozen && next.frozen) _setAddressFrozen(newWallet, false);
        if (!lost.frozen) _setAddressFrozen(lostWallet, true);
        _successors[lostWallet] = uint256(uint160(newWallet)) | (uint256(lost.investorKey) << 160);
        _walletWords[lostWallet] |= uint256(1) << _W_HAS_SUCCESSOR;
        emit WalletRecovered(lostWallet, newWallet, lost.investorKey, amount, frozenTokens, lost.frozen);
    }

    // ===== LOCK-UP =====

    /// @inheritdoc IIssuanceToken
    /// @dev Requirements: caller has `LOCKUP_ROLE`; `account` is linked to an investor. Emits {LockupUpdated}.
    function extendLockup(address account, uint64 until) external onlyRole(LOCKUP_ROLE) {
        _writeLockup(account, until, false);
    }

    /// @inheritdoc ISecurityToken
    /// @dev Requirements: caller has `COMPLIANCE_ROLE`; `account` is linked to an investor. Emits {LockupUpdated}.
    function setLockup(address account, uint64 until) external onlyRole(COMPLIANCE_ROLE) {
        _writeLockup(account, until, true);
    }

    // ===== COMPLIANCE =====

    /// @inheritdoc ISecurityToken
    /// @dev Requirements: caller has `COMPLIANCE_ROLE`; `rules` only has settable bits. Emits {RulesUpdated}.
    function setRules(
        uint8 rules,
        uint8 requiredClasses,
        uint24 maxInvestors,
        uint96 maxBalance
    ) external onlyRole(COMPLIANCE_ROLE) {
        if (rules & ~_RULES_SETTABLE != 0) revert SecurityTokenInvalidRules(rules);
        Compliance memory c = _loadCompliance();
        c.rules = rules | (c.rules & RULE_HOOK);
        c.requiredClasses = requiredClasses;
        c.maxInvestors = maxInvestors;
        c.maxBalance = maxBalance;
        c.rulesEpoch = _nextEpoch(c.rulesEpoch);
        _storeCompliance(c);
        emit RulesUpdated(c.rules, requiredClasses, maxInvestors, maxBalance);
    }

    /// @inheritdoc ISecurityToken
    function setTransfersEnabled(bool enabled) external onlyRole(COMPLIANCE_ROLE) {
        Compliance memory c = _loadCompliance();
        c.transfersDisabled = !enabled;
        _storeCompliance(c);
        emit TransfersEnabledSet(enabled);
    }

    /// @inheritdoc ISecurityToken
    /// @dev Requirements: caller has `COMPLIANCE_ROLE`; every country is in 1..999. Emits {CountryListed} per country.
    function setCountries(uint16[] calldata countries, bool allowlist, bool listed) external onlyRole(COMPLIANCE_ROLE) {
        Compliance memory c = _loadCompliance();
        c.rulesEpoch = _nextEpoch(c.rulesEpoch);
        _storeCompliance(c);
        uint256[4] storage bits = allowlist ? _allowedCountries : _blockedCountries;
        for (uint256 i; i < countries.length; ++i) {
            uint16 country = countries[i];
            if (country == 0 || country > _MAX_COUNTRY) revert SecurityTokenInvalidCountry(country);
            uint256 mask = 1 << (country & 0xff);
            if (listed) bits[country >> 8] |= mask;
            else bits[country >> 8] &= ~mask;
            emit CountryListed(country, allowlist, listed);
        }
    }

    /// @inheritdoc ISecurityToken
    /// @dev Requirements: caller has `COMPLIANCE_ROLE`; `hook` is the zero address or has code. Emits
    /// {ComplianceHookSet}.
    function setComplianceHook(address hook) external onlyRole(COMPLIANCE_ROLE) {
        if (hook != address(0) && hook.code.length == 0) revert SecurityTokenHookWithoutCode(hook);
        _hook = hook;
        Compliance memory c = _loadCompliance();
        c.rules = hook == address(0) ? c.rules & ~RULE_HOOK : c.rules | RULE_HOOK;
        _storeCompliance(c);
        emit ComplianceHookSet(hook);
    }

    /// @inheritdoc ISecurityToken
    function pause() external onlyRole(PAUSER_ROLE) {
        Compliance memory c = _loadCompliance();
        if (c.paused) revert SecurityTokenPauseUnchanged(true);
        c.paused = true;
        _storeCompliance(c);
        emit Paused(_msgSender());
    }

    /// @inheritdoc ISecurityToken
    function unpause() external onlyRole(PAUSER_ROLE) {
        Compliance memory c = _loadCompliance();
        if (!c.paused) revert SecurityTokenPauseUnchanged(false);
        c.paused = false;
        _storeCompliance(c);
        emit Unpaused(_msgSender());
    }

    // ===== RECORD DATES =====

    /// @inheritdoc ISecurityToken
    /// @dev Requirements: caller has `RECORD_DATE_ROLE`; `timepoint` is after now and after the last scheduled
    /// record date. Emits {RecordDateScheduled}.
    function scheduleRecordDate(uint48 timepoint) external onlyRole(RECORD_DATE_ROLE) {
        uint256 n = _recordDates.length;
        if (n == type(uint16).max) revert SecurityTokenInvalidRecordDate(timepoint, type(uint48).max);
        uint48 minimum = clock();
        if (n != 0 && _recordDates[n - 1] > minimum) minimum = _recordDates[n - 1];
        if (timepoint <= minimum) revert SecurityTokenInvalidRecordDate(timepoint, minimum);
        uint40 date = uint256(timepoint).toUint40();
        _recordDates.push(timepoint);
        _recordDateIndex[timepoint] = n + 1;
        Compliance memory c = _loadCompliance();
        if (c.nextRecordDate == 0) {
            c.nextRecordDate = date;
            _storeCompliance(c);
        }
        emit RecordDateScheduled(timepoint, n);
    }

    /// @inheritdoc ISecurityToken
    /// @dev Requirements: caller has `RECORD_DATE_ROLE`; `timepoint` is the last scheduled record date and not
    /// before now. Emits {RecordDateCancelled}.
    function cancelRecordDate(uint48 timepoint) external onlyRole(RECORD_DATE_ROLE) {
        uint256 n = _recordDates.length;
        if (n == 0 || _recordDates[n - 1] != timepoint || timepoint < clock()) {
            revert SecurityTokenRecordDateNotCancellable(timepoint);
        }
        _recordDates.pop();
        delete _recordDateIndex[timepoint];
        Compliance memory c = _loadCompliance();
        if (c.nextRecordDate == timepoint) {
            c.nextRecordDate = 0;
            _storeCompliance(c);
        }
        emit RecordDateCancelled(timepoint, n - 1);
    }

    // ===== IDENTITY =====

    /// @notice Stores a wallet's identity profile pushed by the registry.
    /// @dev Requirements: caller is the registry; a wallet holding a balance keeps its investor. Emits
    /// {IdentityUpdated}.
    function onIdentityUpdated(
        address wallet,
        uint40 investorKey,
        uint16 country,
        uint40 kycExpiry,
        uint8 classFlags
    ) external {
        if (msg.sender != _registry) revert SecurityTokenUnauthorizedRegistry(msg.sender);
        _setIdentity(wallet, investorKey, country, kycExpiry, classFlags);
    }

    /// @inheritdoc ISecurityToken
    function syncIdentity(address[] calldata wallets) external {
        for (uint256 i; i < wallets.length; ++i) {
            (uint40 key, uint16 country, uint40 expiry, uint8 classFlags) = IIdentityRegistry(_registry).profileOf(
                wallets[i]
            );
            _setIdentity(wallets[i], key, country, expiry, classFlags);
        }
    }

    // ===== TRUSTED OPERATORS =====

    /// @inheritdoc ISecurityToken
    /// @dev Requirements: caller has `COMPLIANCE_ROLE`; a trusted `operator` has code (revoking takes any address).
    /// Emits {TrustedOperatorSet}.
    function setTrustedOperator(address operator, bool trusted) external onlyRole(COMPLIANCE_ROLE) {
        if (trusted && operator.code.length == 0) revert SecurityTokenOperatorWithoutCode(operator);
        _trustedOperators[operator] = trusted;
        emit TrustedOperatorSet(operator, trusted, _msgSender());
    }

    /// @inheritdoc ISecurityToken
    function isTrustedOperator(address operator) external view returns (bool) {
        return _trustedOperators[operator];
    }

    // ===== VIEWS =====

    /// @inheritdoc IIssuanceToken
    function detectTransferRestriction(address from, address to, uint256 value) public view returns (uint8) {
        return _detect(from == address(0) ? _MODE_MINT : _MODE_TRANSFER, from, to, value);
    }

    /// @inheritdoc ISecurityToken
    function detectTransferFromRestriction(
        address spender,
        address from,
        address to,
        uint256 value
    ) external view returns (uint8) {
        if (!_spenderAllowed(spender, from)) return CODE_SPENDER_NOT_ALLOWED;
        return detectTransferRestriction(from, to, value);
    }

    /// @inheritdoc IIssuanceToken
    function messageForTransferRestriction(uint8 restrictionCode) external view returns (string memory) {
        return _messages.message(restrictionCode);
    }

    /// @inheritdoc IERC7943Fungible
    function canSend(address account) external view returns (bool) {
        uint256 w = _walletWords[account];
        if (!_wVerified(w) || (w >> _W_FROZEN) & 1 != 0) return false;
        return
            _complianceWord & (uint256(RULE_LOCKUP) << _C_RULES) == 0 ||
            _lockupOf(_investors[uint40(w)]) <= block.timestamp;
    }

    /// @inheritdoc IERC7943Fungible
    function canReceive(address account) external view returns (bool) {
        return _receiverCode(_complianceWord, _walletWords[account], false) == CODE_SUCCESS;
    }

    /// @inheritdoc IERC7943Fungible
    function canTransfer(address from, address to, uint256 amount) external view returns (bool) {
        return _detect(_MODE_TRANSFER, from, to, amount) == CODE_SUCCESS;
    }

    /// @inheritdoc IERC7943Fungible
    function getFrozenTokens(address account) external view returns (uint256) {
        return _frozenTokens[account];
    }

    /// @inheritdoc IRecordDateToken
    function isFrozen(address account) external view returns (bool) {
        return (_walletWords[account] >> _W_FROZEN) & 1 != 0;
    }

    /// @inheritdoc IRecordDateToken
    /// @dev The zero address also once the successor no longer belongs to the investor the recovery was for (the
    /// registry relinked it), so payments are held at the frozen lost wallet rather than sent to someone else.
    function walletSuccessor(address lostWallet) external view returns (address) {
        (address next, ) = _successorOf(lostWallet, _walletWords[lostWallet]);
        return next;
    }

    /// @inheritdoc IRecordDateToken
    /// @dev Also reverts with {SecurityTokenUnknownRecordDate} unless `timepoint` is a scheduled record date.
    function balanceOfAt(address account, uint256 timepoint) external view returns (uint256) {
        return _balanceAt(account, _walletWords[account], _recordIndex(timepoint));
    }

    /// @inheritdoc IRecordDateToken
    /// @dev One storage word for the record date's index and one for the holder (balance, mark, freeze, whether it
    /// has a successor, its holder index); a recovered holder adds two words per hop. Chains are acyclic and hold wallets of one
    /// investor; one longer than 8 hops reverts with {SecurityTokenRecoveryMismatch}.
    function recordPosition(
        address holder,
        uint256 timepoint
    ) external view returns (uint256 balance, address recipient, bool recipientFrozen, uint256 holderIndex_) {
        uint256 index = _recordIndex(timepoint);
        uint256 w = _walletWords[holder];
        balance = _balanceAt(holder, w, index);
        holderIndex_ = uint32(w >> _W_HOLDER_INDEX);
        recipient = holder;
        for (uint256 hops; ; ++hops) {
            (address next, uint256 wn) = _successorOf(recipient, w);
            if (next == address(0)) break;
            if (hops == _MAX_SUCCESSOR_HOPS) revert SecurityTokenRecoveryMismatch(holder, recipient);
            recipient = next;
            w = wn;
        }
        recipientFrozen = (w >> _W_FROZEN) & 1 != 0;
    }

    /// @inheritdoc IRecordDateToken
    /// @dev Given on a wallet's first credit, in the order of first credits (1, 2, ...); 0 for a wallet never
    /// credited (and for every wallet after 2**32 - 1 indexes, which this token will not see).
    function holderIndex(address account) external view returns (uint256) {
        return uint32(_walletWords[account] >> _W_HOLDER_INDEX);
    }

    /// @inheritdoc IRecordDateToken
    /// @dev Same rules as {balanceOfAt}.
    function totalSupplyAt(uint256 timepoint) external view returns (uint256) {
        uint256 index = _recordIndex(timepoint);
        uint256 word = _supplyWord;
        return index >= word >> _SUPPLY_MARK_SHIFT ? word & _SUPPLY_MASK : _recordedValue(_supplyRecords, index);
    }

    /// @notice The current timepoint: the block timestamp (ERC-6372).
    function clock() public view returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ISecurityToken
    function identityRegistry() external view returns (address) {
        return _registry;
    }

    /// @inheritdoc ISecurityToken
    function compliance() external view returns (Compliance memory) {
        return _loadCompliance();
    }

    /// @inheritdoc ISecurityToken
    function complianceHook() external view returns (address) {
        return _hook;
    }

    /// @inheritdoc ISecurityToken
    function isCountryListed(uint16 country, bool allowlist) external view returns (bool) {
        return _listed(allowlist ? _allowedCountries : _blockedCountries, country);
    }

    /// @inheritdoc ISecurityToken
    function investorBalance(uint40 investorKey) external view returns (uint256) {
        uint256 x = _investors[investorKey];
        return x & _SHARED != 0 ? x & _BALANCE_MASK : balanceOf(address(uint160(x)));
    }

    /// @inheritdoc ISecurityToken
    function lockupOf(address account) external view returns (uint64) {
        return uint64(_lockupOf(_investors[_loadWallet(account).investorKey]));
    }

    /// @inheritdoc ISecurityToken
    function paused() external view returns (bool) {
        return _loadCompliance().paused;
    }

    /// @inheritdoc ISecurityToken
    function recordDates() external view returns (uint48[] memory) {
        return _recordDates;
    }

    /// @inheritdoc IERC165
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(AccessControlDefaultAdminRules, IERC165) returns (bool) {
        return interfaceId == type(IERC7943Fungible).interfaceId || super.supportsInterface(interfaceId);
    }

    // ===== INTERNAL =====

    /// @dev The single choke point of balance changes. The mode comes from the operation: mint (`from == 0`), burn
    /// (`to == 0`), forced transfer and recovery (recognised by the entry point's selector, callable only by agents),
    /// otherwise a holder transfer. Checks first (same code path as {detectTransferRestriction}), then the record-date
    /// history and the ERC-20 balances (both in the wallet words, one write per wallet), and per-investor balances
    /// with the investor count. The compliance record, each wallet and each investor are one storage word each, read
    /// once. Reverts and emits exactly as OpenZeppelin's `ERC20._update` (whose storage it replaces).
    function _update(address from, address to, uint256 value) internal override {
        uint256 c0 = _complianceWord;
        uint256 c = c0;
        {
            uint256 nextRecord = uint40(c >> _C_NEXT_RECORD);
            if (nextRecord != 0 && nextRecord < block.timestamp) c = _roll(c);
        }
        // Zero words stand for "no wallet" (mint or burn side).
        uint256 wf = 0;
        uint256 wt = 0;
        uint256 xf = 0;
        uint256 xt = 0;
        if (from != address(0)) {
            wf = _walletWords[from];
            xf = _investors[uint40(wf)];
        }
        if (to != address(0)) {
            wt = _walletWords[to];
            xt = _investors[uint40(wt)];
        }
        uint8 code = _evaluate(_mode(from, to), c, from, to, value, wf, wt, xf, xt);
        if (code != CODE_SUCCESS) _revertRestricted(code, from, to, value);

        _moveBalance(from, to, value, wf, wt, uint16(c >> _C_RECORDS_PASSED));

        if (value != 0 && (from == address(0) || to == address(0) || uint40(wf) != uint40(wt))) {
            c = _moveInvestorBalance(c, from, to, value, wf, wt, xf, xt);
        }
        if (c != c0) _complianceWord = c;
    }

    // ===== PRIVATE =====

    /// @dev The ERC-20 part of {_update}: records the balances that held at passed record dates (`passed` of them)
    /// on each side's first change after them, moves `value` in the wallet words `wf`/`wt` and the supply.
    function _moveBalance(address from, address to, uint256 value, uint256 wf, uint256 wt, uint256 passed) private {
        if (from == address(0)) {
            if (passed != 0) _recordSupply(passed);
            uint256 word = _supplyWord;
            // Overflow reverts (past 2^256 as in OpenZeppelin's ERC20, past 2^232 through the cast).
            _supplyWord = (word & ~_SUPPLY_MASK) | ((word & _SUPPLY_MASK) + value).toUint208();
        } else {
            uint256 fromBalance = wf >> _W_BALANCE;
            if (fromBalance < value) revert ERC20InsufficientBalance(from, fromBalance, value);
            uint256 debited = passed != 0 ? _recordBalance(from, wf, passed) : wf;
            // Cannot underflow: value <= fromBalance, the high 128 bits.
            unchecked {
                debited -= value << _W_BALANCE;
            }
            _walletWords[from] = debited;
            if (to == from) wt = debited;
        }
        if (to == address(0)) {
            if (passed != 0) _recordSupply(passed);
            // Cannot underflow or touch the mark: value <= fromBalance <= supply, the word's low 232 bits.
            unchecked {
                _supplyWord -= value;
            }
        } else {
            if (to != from && passed != 0) wt = _recordBalance(to, wt, passed);
            // A wallet's first credit gives it a holder index (a wallet without one never held a balance).
            if (value != 0 && uint32(wt >> _W_HOLDER_INDEX) == 0) wt |= _newHolderIndex() << _W_HOLDER_INDEX;
            uint256 toBalance = ((wt >> _W_BALANCE) + value).toUint96();
            _walletWords[to] = (wt & _W_BELOW_BALANCE) | (toBalance << _W_BALANCE);
        }
        emit Transfer(from, to, value);
    }

    /// @dev Moves `value` between two different investors' summed balances (or in/out of supply), keeps the
    /// investor count in compliance word `c` and returns it, and caches the receiver's country-rule epoch.
    function _moveInvestorBalance(
        uint256 c,
        address from,
        address to,
        uint256 value,
        uint256 wf,
        uint256 wt,
        uint256 xf,
        uint256 xt
    ) private returns (uint256) {
        if (from != address(0)) {
            // Cannot underflow: the investor balance is the sum of its wallets' balances, and `from` had `value`.
            // The investor count then is at least 1.
            unchecked {
                if (xf & _SHARED != 0) {
                    uint256 balance = (xf & _BALANCE_MASK) - value;
                    if (balance == 0) c -= 1 << _C_INVESTOR_COUNT;
                    _investors[uint40(wf)] = (xf & ~_BALANCE_MASK) | balance;
                } else if (wf >> _W_BALANCE == value) {
                    c -= 1 << _C_INVESTOR_COUNT; // the investor's only wallet is emptied
                }
            }
        }
        if (to != address(0)) {
            uint256 balance = _sum(xt, wt);
            if (balance == 0) {
                if (uint24(c >> _C_INVESTOR_COUNT) == type(uint24).max) {
                    revert SecurityTokenRestricted(CODE_MAX_INVESTORS, from, to, value);
                }
                c += 1 << _C_INVESTOR_COUNT;
            }
            // the receiver's country passed the current rules above: cache the epoch (with the summed balance)
            uint256 x = (xt & ~(_MASK24 << _EPOCH_SHIFT)) | (uint256(uint24(c >> _C_RULES_EPOCH)) << _EPOCH_SHIFT);
            if (xt & _SHARED != 0) x = (x & ~_BALANCE_MASK) | uint256(balance + value).toUint176();
            if (x != xt) _investors[uint40(wt)] = x;
        }
        return c;
    }

    function _mode(address from, address to) private pure returns (uint8) {
        bytes4 sig = msg.sig;
        if (sig == IERC7943Fungible.forcedTransfer.selector) return _MODE_FORCED;
        if (sig == ISecurityToken.recoverWallet.selector) return _MODE_RECOVERY;
        if (from == address(0)) return _MODE_MINT;
        if (to == address(0)) return _MODE_BURN;
        return _MODE_TRANSFER;
    }

    function _detect(uint8 mode, address from, address to, uint256 value) private view returns (uint8) {
        uint256 wf = 0;
        uint256 xf = 0;
        if (from != address(0)) {
            wf = _walletWords[from];
            xf = _investors[uint40(wf)];
        }
        uint256 wt = _walletWords[to];
        return _evaluate(mode, _complianceWord, from, to, value, wf, wt, xf, _investors[uint40(wt)]);
    }

    /// @dev `c`: compliance word; `wf`/`wt`: wallet words; `xf`/`xt`: investor words of sender and receiver.
    function _evaluate(
        uint8 mode,
        uint256 c,
        address from,
        address to,
        uint256 value,
        uint256 wf,
        uint256 wt,
        uint256 xf,
        uint256 xt
    ) private view returns (uint8 code) {
        if (mode == _MODE_BURN) return CODE_SUCCESS;
        if (mode == _MODE_RECOVERY) return _wVerified(wt) ? CODE_SUCCESS : CODE_RECEIVER_NOT_VERIFIED;
        if (mode == _MODE_TRANSFER) {
            if (c & 1 != 0) return CODE_PAUSED;
            if ((c >> _C_TRANSFERS_DISABLED) & 1 != 0) return CODE_TRANSFERS_DISABLED;
            code = _senderCode(c, from, value, wf, xf);
            if (code != CODE_SUCCESS) return code;
        }
        code = _receiverCode(c, wt, uint24(xt >> _EPOCH_SHIFT) == uint24(c >> _C_RULES_EPOCH));
        if (code != CODE_SUCCESS) return code;
        if (value != 0 && (from == address(0) || uint40(wf) != uint40(wt))) {
            code = _limitCode(c, from, value, _sum(xf, wf), _sum(xt, wt));
            if (code != CODE_SUCCESS) return code;
        }
        if (mode != _MODE_FORCED && c & (uint256(RULE_HOOK) << _C_RULES) != 0) {
            if (!_hookAllows(from, to, value)) return CODE_HOOK_REJECTED;
        }
    }

    /// @dev Asks the hook with a gas cap and copies at most one word of its answer: a revert, running out of gas,
    /// no code, a short answer or any word but 1 is a refusal. Never reverts (views must not, ERC-7943).
    function _hookAllows(address from, address to, uint256 value) private view returns (bool allowed) {
        bytes memory data = abi.encodeCall(IComplianceHook.canTransfer, (from, to, value));
        address hook = _hook;
        uint256 gasCap = _HOOK_GAS;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            // the answer goes to scratch space (0x00-0x1f); longer return data is never copied
            let ok := staticcall(gasCap, hook, add(data, 0x20), mload(data), 0x00, 0x20)
            allowed := and(and(ok, gt(returndatasize(), 0x1f)), eq(mload(0x00), 1))
        }
    }

    function _senderCode(uint256 c, address from, uint256 value, uint256 wf, uint256 xf) private view returns (uint8) {
        if (!_wVerified(wf)) return CODE_SENDER_NOT_VERIFIED;
        if ((wf >> _W_FROZEN) & 1 != 0) return CODE_SENDER_FROZEN;
        if (c & (uint256(RULE_LOCKUP) << _C_RULES) != 0 && _lockupOf(xf) > block.timestamp) {
            return CODE_SENDER_LOCKED_UP;
        }
        if ((wf >> _W_HAS_FROZEN_TOKENS) & 1 != 0) {
            uint256 balance = wf >> _W_BALANCE;
            if (value <= balance && value > _unfrozen(from, balance)) return CODE_INSUFFICIENT_UNFROZEN;
        }
        return CODE_SUCCESS;
    }

    /// @dev `countryCached`: the receiver's investor passed the country rules under the current rules epoch.
    function _receiverCode(uint256 c, uint256 wt, bool countryCached) private view returns (uint8) {
        if (!_wVerified(wt)) return CODE_RECEIVER_NOT_VERIFIED;
        if ((wt >> _W_FROZEN) & 1 != 0) return CODE_RECEIVER_FROZEN;
        uint256 rules = uint8(c >> _C_RULES);
        if (!countryCached) {
            uint16 country = uint16(wt >> _W_COUNTRY);
            if (rules & RULE_COUNTRY_ALLOWLIST != 0 && !_listed(_allowedCountries, country)) {
                return CODE_COUNTRY_NOT_ALLOWED;
            }
            if (rules & RULE_COUNTRY_BLOCKLIST != 0 && _listed(_blockedCountries, country)) {
                return CODE_COUNTRY_NOT_ALLOWED;
            }
        }
        if (rules & RULE_INVESTOR_CLASS != 0) {
            uint256 required = uint8(c >> _C_REQUIRED_CLASSES);
            if (uint8(wt >> _W_CLASS) & required != required) return CODE_INVESTOR_CLASS_REQUIRED;
        }
        return CODE_SUCCESS;
    }

    /// @dev The summed balance of an investor (word `x`), one of whose wallets has word `w`.
    function _sum(uint256 x, uint256 w) private pure returns (uint256) {
        return x & _SHARED != 0 ? x & _BALANCE_MASK : w >> _W_BALANCE;
    }

    /// @dev Max balance and max investors, for a credit that moves value between different investors (with summed
    /// balances `fromSum` and `toSum`).
    function _limitCode(
        uint256 c,
        address from,
        uint256 value,
        uint256 fromSum,
        uint256 toBalance
    ) private pure returns (uint8) {
        if (c & (uint256(RULE_MAX_BALANCE) << _C_RULES) != 0) {
            uint256 maxBalance = uint96(c >> _C_MAX_BALANCE);
            if (toBalance > maxBalance || value > maxBalance - toBalance) return CODE_MAX_BALANCE;
        }
        if (
            c & (uint256(RULE_MAX_INVESTORS) << _C_RULES) != 0 &&
            toBalance == 0 &&
            uint24(c >> _C_INVESTOR_COUNT) >= uint24(c >> _C_MAX_INVESTORS) &&
            (from == address(0) || fromSum != value)
        ) return CODE_MAX_INVESTORS;
        return CODE_SUCCESS;
    }

    function _revertRestricted(uint8 code, address from, address to, uint256 value) private view {
        if (code == CODE_INSUFFICIENT_UNFROZEN) {
            revert ERC7943InsufficientUnfrozenBalance(from, value, _unfrozen(from, balanceOf(from)));
        }
        revert SecurityTokenRestricted(code, from, to, value);
    }

    /// @dev A verified spender is decided on its wallet word alone; the trusted-operator slot is read only for a
    /// spender that is not one, so the gas of an ordinary `transferFrom` does not change.
    function _spenderAllowed(address spender, address from) private view returns (bool) {
        if (spender == from) return true;
        uint256 ws = _walletWords[spender];
        return (_wVerified(ws) && (ws >> _W_FROZEN) & 1 == 0) || _trustedOperators[spender];
    }

    function _unfrozen(address account, uint256 balance) private view returns (uint256) {
        uint256 frozen = _frozenTokens[account];
        return balance > frozen ? balance - frozen : 0;
    }

    /// @dev Linked to an investor whose KYC (as pushed by the registry, 0 when revoked) has not expired.
    function _wVerified(uint256 w) private view returns (bool) {
        return uint40(w) != 0 && uint40(w >> _W_KYC_EXPIRY) > block.timestamp;
    }

    function _listed(uint256[4] storage bits, uint16 country) private view returns (bool) {
        if (country > _MAX_COUNTRY) return false;
        return (bits[country >> 8] >> (country & 0xff)) & 1 == 1;
    }

    /// @dev Shrinks the frozen amount of `account` so that `amount` can leave it (agent burns and forced transfers).
    function _releaseFrozen(address account, uint256 amount) private {
        uint256 frozen = _frozenTokens[account];
        if (frozen == 0) return;
        uint256 balance = balanceOf(account);
        if (amount > balance) return; // the ERC-20 balance check reverts
        uint256 unfrozen = balance > frozen ? balance - frozen : 0;
        // Cannot underflow: amount - unfrozen <= balance - unfrozen = min(balance, frozen) <= frozen.
        if (amount > unfrozen) _setFrozenTokens(account, frozen - (amount - unfrozen));
    }

    function _setFrozenTokens(address account, uint256 amount) private {
        _frozenTokens[account] = amount;
        _setWalletFlag(account, _W_HAS_FROZEN_TOKENS, amount != 0);
        emit Frozen(account, amount);
    }

    function _setAddressFrozen(address account, bool frozen) private {
        _setWalletFlag(account, _W_FROZEN, frozen);
        emit AddressFrozen(account, frozen, _msgSender());
    }

    /// @dev Sets or clears the one-bit flag at `bit` of `account`'s wallet word, leaving the rest of the word as is.
    function _setWalletFlag(address account, uint256 bit, bool on) private {
        uint256 w = _walletWords[account];
        _walletWords[account] = on ? w | (uint256(1) << bit) : w & ~(uint256(1) << bit);
    }

    function _setIdentity(address wallet, uint40 key, uint16 country, uint40 expiry, uint8 classFlags) private {
        Wallet memory w = _loadWallet(wallet);
        if (w.investorKey != key) {
            if (w.balance != 0) revert SecurityTokenWalletHoldsBalance(wallet, w.balance);
            if (w.investorKey != 0) _unlinkFromInvestor(w.investorKey, wallet);
            if (key != 0) _linkToInvestor(key, wallet);
            // Linked to another investor: a recovered address no longer forwards its payments. Unlinking alone keeps
            // the successor, so the former investor's entitlements still reach the new wallet.
            if (key != 0 && w.hasSuccessor) {
                _clearSuccessor(wallet);
                w.hasSuccessor = false;
            }
        }
        w.investorKey = key;
        w.kycExpiry = expiry;
        w.country = country;
        w.classFlags = classFlags;
        _storeWallet(wallet, w);
        if (key != 0) {
            // registered, and epoch 0: the country may have changed, so check it again on the next credit
            _investors[key] = (_investors[key] & ~(_MASK24 << _EPOCH_SHIFT)) | _REGISTERED;
        }
        emit IdentityUpdated(wallet, key, country, expiry, classFlags);
    }

    /// @dev `wallet` (holding nothing) leaves investor `key`: forget it if it was the investor's only wallet.
    function _unlinkFromInvestor(uint40 key, address wallet) private {
        uint256 x = _investors[key];
        if (x & _SHARED == 0 && address(uint160(x)) == wallet) _investors[key] = x & ~_BALANCE_MASK;
    }

    /// @dev `wallet` (holding nothing) joins investor `key`: it becomes its only wallet, or, next to another one, the
    /// investor switches for good to a summed balance (the other wallet's balance, as this one holds nothing).
    function _linkToInvestor(uint40 key, address wallet) private {
        uint256 x = _investors[key];
        if (x & _SHARED != 0) return;
        address only = address(uint160(x));
        if (only == address(0)) _investors[key] = x | uint160(wallet);
        else if (only != wallet) _investors[key] = (x & ~_BALANCE_MASK) | _SHARED | balanceOf(only);
    }

    function _writeLockup(address account, uint64 until, bool overwrite) private {
        uint40 key = _loadWallet(account).investorKey;
        if (key == 0) revert SecurityTokenUnknownInvestor(account);
        uint256 x = _investors[key];
        uint256 lockup = _lockupOf(x);
        uint256 requested = uint256(until).toUint48();
        if (overwrite || requested > lockup) {
            lockup = requested;
            _investors[key] = (x & ~(uint256(type(uint48).max) << _LOCKUP_SHIFT)) | (lockup << _LOCKUP_SHIFT);
        }
        emit LockupUpdated(account, key, until, uint64(lockup));
    }

    /// @dev Advances the records-passed count of compliance word `c` over every scheduled record date before now.
    /// Binary search over the dates not yet passed (ascending): at most 16 reads, however many dates passed since the
    /// last balance change (a linear walk cost ~984 gas per date).
    function _roll(uint256 c) private view returns (uint256) {
        uint256 n = _recordDates.length;
        uint256 i = uint16(c >> _C_RECORDS_PASSED);
        uint256 high = n;
        while (i < high) {
            uint256 mid = (i + high) / 2;
            if (_recordDates[mid] < block.timestamp) i = mid + 1;
            else high = mid;
        }
        // i <= n <= 2**16 - 1 (scheduling refuses more); record dates fit 40 bits (checked when scheduled)
        uint256 next = i < n ? _recordDates[i] : 0;
        c &= ~((uint256(type(uint16).max) << _C_RECORDS_PASSED) | (_MASK40 << _C_NEXT_RECORD));
        return c | (i << _C_RECORDS_PASSED) | (next << _C_NEXT_RECORD);
    }

    function _loadCompliance() private view returns (Compliance memory c) {
        uint256 word = _complianceWord;
        c.paused = word & 1 != 0;
        c.transfersDisabled = (word >> _C_TRANSFERS_DISABLED) & 1 != 0;
        c.rules = uint8(word >> _C_RULES);
        c.requiredClasses = uint8(word >> _C_REQUIRED_CLASSES);
        c.investorCount = uint24(word >> _C_INVESTOR_COUNT);
        c.maxInvestors = uint24(word >> _C_MAX_INVESTORS);
        c.recordsPassed = uint16(word >> _C_RECORDS_PASSED);
        c.nextRecordDate = uint40(word >> _C_NEXT_RECORD);
        c.maxBalance = uint96(word >> _C_MAX_BALANCE);
        c.rulesEpoch = uint24(word >> _C_RULES_EPOCH);
    }

    function _storeCompliance(Compliance memory c) private {
        _complianceWord =
            (c.paused ? 1 : 0) |
            (c.transfersDisabled ? 1 << _C_TRANSFERS_DISABLED : 0) |
            (uint256(c.rules) << _C_RULES) |
            (uint256(c.requiredClasses) << _C_REQUIRED_CLASSES) |
            (uint256(c.investorCount) << _C_INVESTOR_COUNT) |
            (uint256(c.maxInvestors) << _C_MAX_INVESTORS) |
            (uint256(c.recordsPassed) << _C_RECORDS_PASSED) |
            (uint256(c.nextRecordDate) << _C_NEXT_RECORD) |
            (uint256(c.maxBalance) << _C_MAX_BALANCE) |
            (uint256(c.rulesEpoch) << _C_RULES_EPOCH);
    }

    function _loadWallet(address wallet) private view returns (Wallet memory w) {
        uint256 word = _walletWords[wallet];
        w.investorKey = uint40(word);
        w.kycExpiry = uint40(word >> _W_KYC_EXPIRY);
        w.country = uint16(word >> _W_COUNTRY);
        w.classFlags = uint8(word >> _W_CLASS);
        w.frozen = (word >> _W_FROZEN) & 1 != 0;
        w.hasFrozenTokens = (word >> _W_HAS_FROZEN_TOKENS) & 1 != 0;
        w.hasSuccessor = (word >> _W_HAS_SUCCESSOR) & 1 != 0;
        w.historyMark = uint16(word >> _W_HISTORY_MARK);
        w.holderIndex = uint32(word >> _W_HOLDER_INDEX);
        w.balance = uint96(word >> _W_BALANCE);
    }

    function _storeWallet(address wallet, Wallet memory w) private {
        _walletWords[wallet] =
            uint256(w.investorKey) |
            (uint256(w.kycExpiry) << _W_KYC_EXPIRY) |
            (uint256(w.country) << _W_COUNTRY) |
            (uint256(w.classFlags) << _W_CLASS) |
            (w.frozen ? 1 << _W_FROZEN : 0) |
            (w.hasFrozenTokens ? 1 << _W_HAS_FROZEN_TOKENS : 0) |
            (w.hasSuccessor ? 1 << _W_HAS_SUCCESSOR : 0) |
            (uint256(w.historyMark) << _W_HISTORY_MARK) |
            (uint256(w.holderIndex) << _W_HOLDER_INDEX) |
            (uint256(w.balance) << _W_BALANCE);
    }

    function _lockupOf(uint256 investor) private pure returns (uint256) {
        return (investor >> _LOCKUP_SHIFT) & type(uint48).max;
    }

    function _nextEpoch(uint24 epoch) private pure returns (uint24) {
        unchecked {
            ++epoch; // wraps after 2**24 - 1 rule changes; 0 is skipped as it is every investor's initial epoch
        }
        return epoch == 0 ? 1 : epoch;
    }

    /// @dev Before the first change after record dates `mark..passed-1`, keep the balance that held for them; returns
    /// wallet word `w` with the new mark (the caller writes it with the balance change).
    function _recordBalance(address account, uint256 w, uint256 passed) private returns (uint256) {
        uint256 mark = uint16(w >> _W_HISTORY_MARK);
        if (mark >= passed) return w;
        uint256 balance = w >> _W_BALANCE;
        // mark < passed <= 2**16 - 1; the balance fits 128 bits
        if (balance != 0) _balanceRecords[account].push(Record(uint24(mark), uint24(passed - 1), uint208(balance)));
        return (w & ~(_MASK16 << _W_HISTORY_MARK)) | (passed << _W_HISTORY_MARK);
    }

    function _recordSupply(uint256 passed) private {
        uint256 word = _supplyWord;
        uint256 mark = word >> _SUPPLY_MARK_SHIFT;
        if (mark >= passed) return;
        uint256 supply = word & _SUPPLY_MASK;
        // mark < passed <= 2**16 - 1; the supply fits 208 bits
        if (supply != 0) _supplyRecords.push(Record(uint24(mark), uint24(passed - 1), uint208(supply)));
        _supplyWord = (word & ~(_MASK16 << _SUPPLY_MARK_SHIFT)) | (passed << _SUPPLY_MARK_SHIFT);
    }

    /// @dev Gives out the next holder index (1, 2, ...), counted in the supply word; 0 (no index) once 2**32 - 1
    /// are given, so a wallet is never refused for it (a distributor then keeps its flags by address).
    function _newHolderIndex() private returns (uint256 index) {
        uint256 word = _supplyWord;
        index = uint32(word >> _SUPPLY_INDEX_SHIFT);
        if (index == type(uint32).max) return 0;
        // index < 2**32 - 1: the increment stays in bits 208-239
        unchecked {
            ++index;
            _supplyWord = word + (uint256(1) << _SUPPLY_INDEX_SHIFT);
        }
    }

    /// @dev Index of the record date `timepoint` (one storage read); reverts if it is not in the past or not a
    /// record date.
    function _recordIndex(uint256 timepoint) private view returns (uint256) {
        uint48 now_ = clock();
        if (timepoint >= now_) revert SecurityTokenFutureLookup(timepoint, now_);
        // timepoint < now_ fits 48 bits
        uint256 indexPlusOne = _recordDateIndex[uint48(timepoint)];
        if (indexPlusOne == 0) revert SecurityTokenUnknownRecordDate(timepoint);
        return indexPlusOne - 1;
    }

    /// @dev Balance of `account` (wallet word `w`) at record date `index`: recorded if the date was fixed before the
    /// wallet's last change (its mark), else the current balance.
    function _balanceAt(address account, uint256 w, uint256 index) private view returns (uint256) {
        return
            index >= uint16(w >> _W_HISTORY_MARK) ? w >> _W_BALANCE : _recordedValue(_balanceRecords[account], index);
    }

    /// @dev The successor of `wallet` (wallet word `w`) and the successor's word, or zero when it has none or the
    /// successor no longer belongs to the investor the recovery was for.
    function _successorOf(address wallet, uint256 w) private view returns (address next, uint256 wn) {
        if ((w >> _W_HAS_SUCCESSOR) & 1 == 0) return (address(0), 0);
        uint256 s = _successors[wallet];
        next = address(uint160(s));
        wn = _walletWords[next];
        if (uint40(wn) != uint40(s >> 160)) return (address(0), 0);
    }

    /// @dev Forgets the successor of `wallet`; returns whether it had one. Emits {WalletSuccessorCleared}.
    function _clearSuccessor(address wallet) private returns (bool) {
        address former = address(uint160(_successors[wallet]));
        delete _successors[wallet];
        _walletWords[wallet] &= ~(uint256(1) << _W_HAS_SUCCESSOR);
        emit WalletSuccessorCleared(wallet, former);
        return true;
    }

    /// @dev Value for a record date `index` fixed before the last change, from the records; a date without a record
    /// had a zero value.
    function _recordedValue(Record[] storage records, uint256 index) private view returns (uint256) {
        uint256 low = 0;
        uint256 high = records.length;
        while (low < high) {
            uint256 mid = (low + high) / 2;
            if (records[mid].first <= index) low = mid + 1;
            else high = mid;
        }
        if (low == 0) return 0;
        Record memory r = records[low - 1];
        return index <= r.last ? r.value : 0;
    }
}
