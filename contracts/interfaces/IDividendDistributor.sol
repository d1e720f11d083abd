// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IRecordDateToken} from "./IRecordDateToken.sol";

/// @title IDividendDistributor
/// @notice Pays revenue, deposited in any ERC-20, to the holders of a security token pro rata to their balances at a
/// record date. Entitlements are read from the token's balance history, so creating a distribution and claiming from
/// it cost the same for ten holders as for ten thousand.
///
/// Entitlement of a holder = balanceAt(holder, recordDate) * amount / denominator, rounded down, where
/// denominator = totalSupplyAt(recordDate) - the record-date balances of the excluded addresses. The rounding dust
/// (less than one smallest unit per holder) stays in the contract and is reclaimed with the unclaimed remainder.
///
/// Money safety: one holder never blocks another. {claimFor} settles each holder on its own: a holder whose payment
/// cannot be made (frozen wallet, recovery chain the token cannot resolve, payout token refusing the transfer, tax
/// due with no tax wallet) has its entitlement held ({EntitlementHeld}, {ClaimSkipped}), which the remainder never
/// takes, and {releaseHeld} pays it once the cause is gone.
interface IDividendDistributor {
    /// @notice Lifecycle of a distribution.
    enum Status {
        None, // no such distribution
        Active, // claims open (until the claim deadline)
        Cancelled, // refunded to its creator before any claim
        Reclaimed // the unclaimed remainder went back to its creator after the deadline
    }

    /// @notice Why {claimFor} could not pay a holder (see {ClaimSkipped}).
    enum SkipReason {
        RecordUnavailable, // the token could not report the holder's record balance: nothing changed, still claimable
        RecipientUnresolved, // the token could not resolve where the holder's payment goes (recovery chain): held
        TaxWalletUnset, // tax is due but no tax wallet is configured: held
        PayoutFailed // the payout token refused a transfer (e.g. a blacklisted holder or tax wallet): held
    }

    /// @notice A distribution. `claimed` counts gross entitlements already settled, including those held; `held` is
    /// the part of `claimed` still parked for holders that could not be paid; `reclaimed` is what {reclaim} returned.
    struct Distribution {
        IRecordDateToken token;
        uint48 recordDate;
        uint48 claimDeadline;
        IERC20 payoutToken;
        Status status;
        address creator;
        uint128 amount;
        uint128 claimed;
        uint256 denominator;
        uint128 held;
        uint128 reclaimed;
    }

    // ===== Events =====

    /// @notice A distribution was created and funded with `amount` (what the contract actually received).
    /// @param excludedSupply the sum of the excluded addresses' balances at the record date.
    /// @param denominator `totalSupplyAtRecord - excludedSupply`, the shares the amount is divided among.
    event DistributionCreated(
        uint256 indexed distributionId,
        address indexed token,
        address indexed payoutToken,
        address creator,
        uint256 amount,
        uint48 recordDate,
        uint48 claimDeadline,
        uint256 totalSupplyAtRecord,
        uint256 excludedSupply,
        uint256 denominator,
        address[] excluded
    );

    /// @notice A holder's entitlement was paid. `recipient` is the holder, or the wallet that replaced it through
    /// wallet recovery; `withheld` went to `taxWallet` at `taxRateBps` (`taxWallet` is zero when nothing was
    /// withheld); `gross == withheld + net`.
    event Claimed(
        uint256 indexed distributionId,
        address indexed holder,
        address indexed recipient,
        address caller,
        uint256 shares,
        uint256 gross,
        uint256 withheld,
        uint256 net,
        uint16 taxRateBps,
        address taxWallet
    );

    /// @notice A holder's entitlement was set aside during a push settlement (frozen wallet, or a {ClaimSkipped}
    /// reason); it is paid by {releaseHeld} once the cause is gone, and is never reclaimed.
    event EntitlementHeld(uint256 indexed distributionId, address indexed holder, uint256 shares, uint256 gross);

    /// @notice {claimFor} could not pay `holder` for `reason` and went on with the others. `held` is the gross
    /// entitlement set aside for it ({EntitlementHeld} is emitted too), zero for `RecordUnavailable` (nothing
    /// changed: the holder can still claim or be pushed again).
    event ClaimSkipped(uint256 indexed distributionId, address indexed holder, SkipReason reason, uint256 held);

    /// @notice A distribution was cancelled before any claim and `refund` went back to the remainder recipient (the
    /// creator unless {RemainderRecipientSet} named another wallet).
    event DistributionCancelled(uint256 indexed distributionId, address indexed creator, uint256 refund);

    /// @notice After the claim deadline, the unclaimed remainder (unclaimed entitlements and rounding dust) went to
    /// the remainder recipient (the creator unless {RemainderRecipientSet} named another wallet).
    event Reclaimed(uint256 indexed distributionId, address indexed creator, uint256 amount);

    /// @notice Remainders (cancellation refunds, reclaims) now go to `recipient`; the zero address means each
    /// distribution's creator.
    event RemainderRecipientSet(address indexed recipient);

    /// @notice A holder's withholding tax rate changed.
    event WithholdingRateSet(address indexed holder, uint16 rateBps);

    /// @notice The wallet that receives withheld tax changed.
    event TaxWalletSet(address indexed taxWallet);

    // ===== Errors =====

    /// @notice `distributionId` does not exist.
    error DividendUnknownDistribution(uint256 distributionId);
    /// @notice The distribution is not in the status the operation needs.
    error DividendWrongStatus(uint256 distributionId, Status status);
    /// @notice A zero address was given where an address is required.
    error DividendZeroAddress();
    /// @notice The deposited amount is zero (or the payout token delivered nothing).
    error DividendZeroAmount();
    /// @notice The amount exceeds what a distribution can hold (2^96 - 1).
    error DividendAmountTooLarge(uint256 amount);
    /// @notice The eligible supply at the record date exceeds what a distribution can divide by (2^160 - 1).
    error DividendSupplyTooLarge(uint256 eligibleSupply);
    /// @notice The record date is not a past timepoint of the token's clock.
    error DividendRecordDateNotPast(uint256 recordDate, uint256 clock);
    /// @notice The claim deadline is not in the future.
    error DividendDeadlineNotFuture(uint256 claimDeadline, uint256 currentTime);
    /// @notice No shares remain once the excluded balances are taken out of the supply at the record date.
    error DividendNoEligibleSupply(uint256 totalSupplyAtRecord, uint256 excludedSupply);
    /// @notice An address appears twice in the exclusion list.
    error DividendDuplicateExclusion(address account);
    /// @notice The holder is excluded from this distribution.
    error DividendHolderExcluded(uint256 distributionId, address holder);
    /// @notice The holder is frozen by the token's agent; the entitlement stays claimable until it is unfrozen.
    error DividendHolderFrozen(uint256 distributionId, address holder);
    /// @notice The holder already claimed (or had its share held) for this distribution.
    error DividendAlreadyClaimed(uint256 distributionId, address holder);
    /// @notice The holder has no entitlement in this distribution.
    error DividendNothingToClaim(uint256 distributionId, address holder);
    /// @notice Nothing is held for this holder in this distribution.
    error DividendNothingHeld(uint256 distributionId, address holder);
    /// @notice The claim period ended at `claimDeadline`.
    error DividendClaimPeriodEnded(uint256 distributionId, uint256 claimDeadline);
    /// @notice The claim period is still open until `claimDeadline`.
    error DividendClaimPeriodOpen(uint256 distributionId, uint256 claimDeadline);
    /// @notice Only the creator of a distribution may cancel it, and only the creator or the admin reclaim it.
    error DividendNotCreator(uint256 distributionId, address caller);
    /// @notice Someone already claimed, so the distribution can no longer be cancelled.
    error DividendClaimsStarted(uint256 distributionId, uint256 claimed);
    /// @notice A withholding rate above 100%.
    error DividendInvalidTaxRate(uint256 rateBps);
    /// @notice Tax is due but no tax wallet is configured.
    error DividendTaxWalletUnset();
    /// @notice An entry point reserved to the distributor itself was called from outside.
    error DividendOnlySelf(address caller);

    // ===== Issuer =====

    /// @notice Creates a distribution of `amount` of `payoutToken` (pulled from the caller) to the holders of
    /// `token` at `recordDate`, claimable until `claimDeadline`; `excluded` addresses (treasury, issuer wallets) get
    /// nothing and their balances are taken out of the denominator.
    ///
    /// Requirements: caller has the distributor role; `recordDate < token.clock()`; `claimDeadline > now`;
    /// `amount > 0`; no duplicate in `excluded`; some eligible supply remains.
    ///
    /// Emits {DistributionCreated}.
    /// @return distributionId the new distribution's id (sequential from 1).
    function createDistribution(
        IRecordDateToken token,
        IERC20 payoutToken,
        uint256 amount,
        uint48 recordDate,
        uint48 claimDeadline,
        address[] calldata excluded
    ) external returns (uint256 distributionId);

    /// @notice Cancels a distribution nobody has claimed from and refunds it in full to the remainder recipient.
    /// Requirements: caller is the creator; status Active; nothing claimed or held. Emits {DistributionCancelled}.
    function cancelDistribution(uint256 distributionId) external;

    /// @notice After the claim deadline, sends the unclaimed remainder (including rounding dust) to the remainder
    /// recipient. Amounts held for holders stay. Requirements: caller is the creator or has the default admin role;
    /// status Active; deadline passed. Emits {Reclaimed}.
    function reclaim(uint256 distributionId) external returns (uint256 amount);

    /// @notice Sends future remainders (refunds of cancelled distributions, reclaims) to `recipient` instead of the
    /// creator, e.g. when the creator's wallet can no longer receive the payout token; zero restores the creator.
    /// Requirements: caller has the default admin role. Emits {RemainderRecipientSet}.
    function setRemainderRecipient(address recipient) external;

    // ===== Holders and operators =====

    /// @notice Pays the caller's entitlement in `distributionId`.
    /// Emits {Claimed}.
    function claim(uint256 distributionId) external returns (uint256 net);

    /// @notice Pays the caller's entitlement in each of `distributionIds`, skipping those that are closed or with
    /// nothing to pay; consecutive payments in the same payout token to the same wallet are made in one transfer.
    /// Reverts for a frozen holder. Emits one {Claimed} per distribution paid.
    function claimMany(uint256[] calldata distributionIds) external returns (uint256 totalNet);

    /// @notice Pushes payment of `holders`' entitlements (automatic settlement): anyone may call it, the money goes
    /// to each holder (or its recovery successor), never to the caller. Holders already paid, excluded or with
    /// nothing due are skipped silently; a holder that cannot be paid never makes the call revert: its entitlement
    /// is held for it ({EntitlementHeld}; frozen holders) or it is skipped with a reason ({ClaimSkipped}).
    /// @return paid how many holders were paid in this call.
    function claimFor(uint256 distributionId, address[] calldata holders) external returns (uint256 paid);

    /// @notice Pays an entitlement held for `holder` once the cause is gone (its wallet is no longer frozen, the
    /// token resolves its recovery chain, the payout token accepts the transfers). Anyone may call it.
    /// Emits {Claimed}.
    function releaseHeld(uint256 distributionId, address holder) external returns (uint256 net);

    // ===== Tax =====

    /// @notice Sets `holder`'s withholding rate in basis points (e.g. 1540 for Korea's 15.4%), applied when paid.
    /// Requirements: caller has the tax admin role; `rateBps <= 10_000`. Emits {WithholdingRateSet}.
    function setWithholdingRate(address holder, uint16 rateBps) external;

    /// @notice Sets the wallet that receives withheld tax. Requirements: tax admin role; non-zero. Emits {TaxWalletSet}.
    function setTaxWallet(address newTaxWallet) external;

    // ===== Views =====

    /// @notice The stored distribution.
    function distribution(uint256 distributionId) external view returns (Distribution memory);

    /// @notice How many distributions exist (ids run from 1 to this).
    function distributionCount() external view returns (uint256);

    /// @notice What `holder` would be paid now in `distributionId`: gross entitlement, tax withheld and net.
    /// Zero when already claimed, excluded, or the distribution is not claimable.
    function claimable(
        uint256 distributionId,
        address holder
    ) external view returns (uint256 gross, uint256 withheld, uint256 net);

    /// @notice Net claimable amounts of `holder` for each of `distributionIds` (for portfolio views).
    function claimableMany(
        uint256[] calldata distributionIds,
        address holder
    ) external view returns (uint256[] memory net);

    /// @notice Gross entitlement of `holder` in `distributionId`, whether claimed or not (0 if excluded).
    function entitlementOf(uint256 distributionId, address holder) external view returns (uint256);

    /// @notice Whether `holder` was paid (or had its share held) in `distributionId`.
    function isClaimed(uint256 distributionId, address holder) external view returns (bool);

    /// @notice Whether `account` is excluded from `distributionId`.
    function isExcluded(uint256 distributionId, address account) external view returns (bool);

    /// @notice The gross amount held for `holder` in `distributionId`.
    function heldFor(uint256 distributionId, address holder) external view returns (uint256);

    /// @notice `holder`'s withholding rate in basis points.
    function withholdingRateOf(address holder) external view returns (uint16);

    /// @notice The wallet that receives withheld tax.
    function taxWallet() external view returns (address);

    /// @notice Where remainders go; the zero address means each distribution's creator.
    function remainderRecipient() external view returns (address);
}
