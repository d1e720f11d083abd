// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

import {IERC7943Fungible} from "./IERC7943Fungible.sol";
import {IIdentityListener} from "./IIdentityListener.sol";
import {IIssuanceToken} from "./IIssuanceToken.sol";
import {IRecordDateToken} from "./IRecordDateToken.sol";

/// @title ISecurityToken
/// @notice A permissioned ERC-20 (with EIP-2612 permit) for revenue rights: only wallets verified in the identity
/// registry may hold it, built-in compliance rules apply per investor (not per wallet), agents can issue, burn,
/// freeze, force transfers and recover wallets, and balances are kept as of scheduled record dates. The EIP-712
/// domain of permit is readable through ERC-5267 `eip712Domain()`.
///
/// Restriction codes (ERC-1404, also carried by {SecurityTokenRestricted}):
/// 0 none, 1 paused, 2 transfers disabled, 3 sender not verified, 4 receiver not verified, 5 sender frozen,
/// 6 receiver frozen, 7 insufficient unfrozen balance (reverts with `ERC7943InsufficientUnfrozenBalance`),
/// 8 sender locked up, 9 receiver country not allowed, 10 receiver lacks required investor class,
/// 11 maximum number of investors reached, 12 maximum balance per investor exceeded, 13 rejected by compliance hook,
/// 14 spender not allowed (transferFrom by a spender that is neither a verified, unfrozen wallet nor a trusted
/// operator; a trusted operator skips only this check, every rule on `from` and `to` still applies).
interface ISecurityToken is
    IERC20,
    IERC20Permit,
    IERC5267,
    IERC7943Fungible,
    IRecordDateToken,
    IIssuanceToken,
    IIdentityListener
{
    /// @notice The compliance configuration and counters, as one record.
    /// @param paused Whether holder transfers are paused (emergency stop by the pauser).
    /// @param transfersDisabled Whether holder-to-holder transfers are switched off by the compliance officer.
    /// @param rules Enabled rule bits: 1 max investors, 2 max balance, 4 country allowlist, 8 country blocklist,
    /// 16 lock-up, 32 investor class, 64 external hook (set by {setComplianceHook}).
    /// @param requiredClasses Class flags a receiver must all have while rule 32 is on.
    /// @param investorCount Investors (not wallets) with a non-zero balance.
    /// @param maxInvestors Maximum investor count while rule 1 is on.
    /// @param recordsPassed Number of record dates whose balances are fixed (lazily updated by balance changes).
    /// @param nextRecordDate The next scheduled record date not yet fixed, or 0.
    /// @param maxBalance Maximum balance per investor while rule 2 is on.
    /// @param rulesEpoch Bumped on every rule or country-list change; an investor whose country passed the country
    /// rules under the current epoch is not checked against the country lists again.
    struct Compliance {
        bool paused;
        bool transfersDisabled;
        uint8 rules;
        uint8 requiredClasses;
        uint24 investorCount;
        uint24 maxInvestors;
        uint16 recordsPassed;
        uint40 nextRecordDate;
        uint96 maxBalance;
        uint24 rulesEpoch;
    }

    /// @notice Emitted when the registry pushed (or {syncIdentity} copied) a wallet's identity profile.
    event IdentityUpdated(
        address indexed wallet,
        uint40 indexed investorKey,
        uint16 country,
        uint40 kycExpiry,
        uint8 classFlags
    );

    /// @notice Emitted when an agent freezes or unfreezes a whole address.
    event AddressFrozen(address indexed account, bool frozen, address indexed agent);

    /// @notice Emitted after a wallet recovery moved everything of `lostWallet` to `newWallet`.
    /// @param lostWallet The lost wallet (left frozen, with `newWallet` as its successor).
    /// @param newWallet The new wallet of the same investor.
    /// @param investorKey The investor's registry key.
    /// @param amount The balance moved.
    /// @param frozenTokens The frozen amount moved (added to the new wallet's).
    /// @param addressFrozen Whether the lost wallet was frozen as a whole (the new wallet then is too).
    event WalletRecovered(
        address indexed lostWallet,
        address indexed newWallet,
        uint40 indexed investorKey,
        uint256 amount,
        uint256 frozenTokens,
        bool addressFrozen
    );

    /// @notice Emitted when `wallet` stops pointing to the successor a recovery gave it: it was recovered into (it is
    /// an active wallet again), or the registry linked it to another investor.
    /// @param wallet The formerly recovered wallet.
    /// @param formerSuccessor The successor it pointed to.
    event WalletSuccessorCleared(address indexed wallet, address indexed formerSuccessor);

    /// @notice Emitted when an investor's lock-up changes or an extension is requested.
    /// @param account The wallet named in the call.
    /// @param investorKey The investor whose lock-up it is.
    /// @param requested The time requested.
    /// @param lockupUntil The lock-up in force after the call.
    event LockupUpdated(address indexed account, uint40 indexed investorKey, uint64 requested, uint64 lockupUntil);

    /// @notice Emitted when the compliance officer changes the rules.
    event RulesUpdated(uint8 rules, uint8 requiredClasses, uint24 maxInvestors, uint96 maxBalance);

    /// @notice Emitted when holder transfers are switched on or off.
    event TransfersEnabledSet(bool enabled);

    /// @notice Emitted when a country enters or leaves the allowlist (`allowlist`) or the blocklist.
    event CountryListed(uint16 indexed country, bool allowlist, bool listed);

    /// @notice Emitted when the external compliance hook changes (zero address: none).
    event ComplianceHookSet(address indexed hook);

    /// @notice Emitted when the pauser pauses holder transfers.
    event Paused(address account);

    /// @notice Emitted when the pauser resumes holder transfers.
    event Unpaused(address account);

    /// @notice Emitted when a record date is scheduled.
    event RecordDateScheduled(uint48 indexed timepoint, uint256 index);

    /// @notice Emitted when the last scheduled record date is cancelled before it came.
    event RecordDateCancelled(uint48 indexed timepoint, uint256 index);

    /// @notice Emitted when the compliance officer trusts or stops trusting a settlement contract as a spender.
    /// @param operator The contract (e.g. the secondary market).
    /// @param trusted Whether it may now call `transferFrom` without being a verified wallet itself.
    /// @param officer The compliance officer who set it.
    event TrustedOperatorSet(address indexed operator, bool trusted, address indexed officer);

    /// @notice The permit's deadline passed.
    error ERC2612ExpiredSignature(uint256 deadline);
    /// @notice The permit was signed by `signer`, not `owner`.
    error ERC2612InvalidSigner(address signer, address owner);
    /// @notice The move of `value` from `from` to `to` is refused with ERC-1404 `code`.
    error SecurityTokenRestricted(uint8 code, address from, address to, uint256 value);
    /// @notice Only the identity registry may push identity updates.
    error SecurityTokenUnauthorizedRegistry(address caller);
    /// @notice The token was created without an identity registry.
    error SecurityTokenZeroRegistry();
    /// @notice `wallet` holds `balance`, so its investor link cannot change.
    error SecurityTokenWalletHoldsBalance(address wallet, uint256 balance);
    /// @notice `lostWallet` cannot be recovered into `newWallet` (not the same investor, or the same wallet).
    error SecurityTokenRecoveryMismatch(address lostWallet, address newWallet);
    /// @notice `account` is not linked to an investor.
    error SecurityTokenUnknownInvestor(address account);
    /// @notice Arrays of different lengths were given.
    error SecurityTokenArrayLengthMismatch(uint256 a, uint256 b);
    /// @notice A compliance hook must be a contract (`hook` has no code).
    error SecurityTokenHookWithoutCode(address hook);
    /// @notice Rule bits outside the known rules were given (the hook bit is set through {setComplianceHook}).
    error SecurityTokenInvalidRules(uint8 rules);
    /// @notice `country` is not an ISO 3166-1 numeric code (1..999).
    error SecurityTokenInvalidCountry(uint16 country);
    /// @notice The pause state is already `paused`.
    error SecurityTokenPauseUnchanged(bool paused);
    /// @notice A lookup at `timepoint` is not in the past (`clock` is now).
    error SecurityTokenFutureLookup(uint256 timepoint, uint48 clock);
    /// @notice `timepoint` is not a scheduled record date.
    error SecurityTokenUnknownRecordDate(uint256 timepoint);
    /// @notice A record date must be after `minimum` (now, and the last scheduled one).
    error SecurityTokenInvalidRecordDate(uint48 timepoint, uint48 minimum);
    /// @notice A trusted operator must be a contract (`operator` has no code).
    error SecurityTokenOperatorWithoutCode(address operator);
    /// @notice Only the last scheduled record date can be cancelled, and only before it comes.
    error SecurityTokenRecordDateNotCancellable(uint48 timepoint);

    /// @notice ERC-1404 code for `spender` moving `value` from `from` to `to` with transferFrom (code 14 when the
    /// spender may not act; otherwise as {detectTransferRestriction}).
    function detectTransferFromRestriction(
        address spender,
        address from,
        address to,
        uint256 value
    ) external view returns (uint8);

    /// @notice Issues to several receivers (agent). Requirements: equal lengths; each mint as {mint}.
    function batchMint(address[] calldata to, uint256[] calldata amounts) external;

    /// @notice Burns `amount` of `account` (agent). Frozen tokens may be burnt; the frozen amount then shrinks first.
    /// Emits {Frozen} (if it shrank) then {Transfer}.
    function burn(address account, uint256 amount) external;

    /// @notice Freezes or unfreezes the whole address (agent). Emits {AddressFrozen}.
    function setAddressFrozen(address account, bool frozen) external;

    /// @notice Batch {setAddressFrozen}.
    function batchSetAddressFrozen(address[] calldata accounts, bool[] calldata frozen) external;

    /// @notice Transfers from the caller to several receivers, each under the rules of {transfer}.
    function batchTransfer(address[] calldata to, uint256[] calldata amounts) external returns (bool);

    /// @notice Moves the whole balance, the frozen amount, the address freeze and (as it is per investor) the lock-up
    /// of `lostWallet` to `newWallet`, a verified wallet of the same investor; freezes `lostWallet` and records
    /// `newWallet` as its successor (agent). `newWallet` may be a formerly recovered wallet of the investor (the old
    /// key was found again): its own successor is cleared and the freeze the recovery put on it is replaced by the
    /// lost wallet's, so successor chains never form a cycle. Emits {Frozen}, {Transfer}, {WalletSuccessorCleared},
    /// {AddressFrozen}, {WalletRecovered}.
    function recoverWallet(address lostWallet, address newWallet) external;

    /// @notice Sets the lock-up of the investor owning `account` to exactly `until` (compliance officer; may shorten).
    function setLockup(address account, uint64 until) external;

    /// @notice Sets the rules (compliance officer). Emits {RulesUpdated}.
    function setRules(uint8 rules, uint8 requiredClasses, uint24 maxInvestors, uint96 maxBalance) external;

    /// @notice Switches holder transfers on or off (compliance officer). Emits {TransfersEnabledSet}.
    function setTransfersEnabled(bool enabled) external;

    /// @notice Lists or unlists countries on the allowlist or the blocklist (compliance officer).
    function setCountries(uint16[] calldata countries, bool allowlist, bool listed) external;

    /// @notice Sets (or clears with the zero address) the external compliance hook (compliance officer). The hook
    /// must have code. It is called with a gas cap and a bounded return copy: a hook that reverts, runs out of gas,
    /// has no code or answers anything but ABI `true` refuses (code 13); views never revert because of it.
    function setComplianceHook(address hook) external;

    /// @notice Pauses holder transfers (pauser). Agent operations continue.
    function pause() external;

    /// @notice Resumes holder transfers (pauser).
    function unpause() external;

    /// @notice Schedules a record date (record-date role): after `timepoint`, balances at its end are kept.
    function scheduleRecordDate(uint48 timepoint) external;

    /// @notice Cancels the last scheduled record date before it comes (record-date role).
    function cancelRecordDate(uint48 timepoint) external;

    /// @notice Copies the registry's current profiles of `wallets` into the token (anyone; for wallets registered
    /// before the token was bound to the registry).
    function syncIdentity(address[] calldata wallets) external;

    /// @notice Trusts or stops trusting `operator` as a `transferFrom` spender (compliance officer). A trusted operator
    /// skips only the spender rule (code 14): sender and receiver rules, freezes, pause and the allowance still
    /// apply. Emits {TrustedOperatorSet}.
    function setTrustedOperator(address operator, bool trusted) external;

    /// @notice Whether `operator` is a trusted operator (see {setTrustedOperator}).
    function isTrustedOperator(address operator) external view returns (bool);

    /// @notice The identity registry (fixed at deployment).
    function identityRegistry() external view returns (address);

    /// @notice The compliance configuration and counters.
    function compliance() external view returns (Compliance memory);

    /// @notice The external compliance hook, or the zero address.
    function complianceHook() external view returns (address);

    /// @notice Whether a country is listed on the allowlist (`allowlist`) or the blocklist.
    function isCountryListed(uint16 country, bool allowlist) external view returns (bool);

    /// @notice The summed balance of an investor over all its wallets.
    function investorBalance(uint40 investorKey) external view returns (uint256);

    /// @notice The lock-up end of the investor owning `account` (0 if none).
    function lockupOf(address account) external view returns (uint64);

    /// @notice Whether holder transfers are paused.
    function paused() external view returns (bool);

    /// @notice All scheduled record dates, ascending.
    function recordDates() external view returns (uint48[] memory);
}
