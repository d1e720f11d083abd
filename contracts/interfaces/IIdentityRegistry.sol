// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice An investor's identity in the registry: an opaque 32-byte reference chosen by the KYC side (for example a
/// hash of the provider's applicant id). Several wallets may point to one investor.
type InvestorId is bytes32;

/// @notice Whether `id` is the zero id (not an investor).
function isZero(InvestorId id) pure returns (bool) {
    return InvestorId.unwrap(id) == bytes32(0);
}

/// @notice Whether two investor ids are equal.
function equals(InvestorId a, InvestorId b) pure returns (bool) {
    return InvestorId.unwrap(a) == InvestorId.unwrap(b);
}

using {isZero, equals} for InvestorId global;

/// @title IIdentityRegistry
/// @notice Wallet -> investor registry shared by several security tokens. Per investor: country (ISO 3166-1 numeric),
/// KYC expiry, investor class flags, a revocation flag and the time of the current decision. Investors are registered
/// by a KYC agent, or by anyone presenting an EIP-712 attestation signed by a trusted KYC provider key (bound to this
/// registry and chain by the EIP-712 domain, with an issue time, a deadline and a one-shot nonce); an attestation
/// issued before the investor's current decision is refused. Every change of a wallet's profile is pushed to the
/// bound tokens ({IIdentityListener}).
///
/// A wallet holding tokens never changes investor, whether or not its token is bound at that moment: a token once
/// bound stays known to the registry after it is unbound ("detached"); a wallet that holds a balance in a detached
/// token can be neither unlinked nor linked, the profile pushes a detached token misses are logged, and rebinding it
/// replays them first.
interface IIdentityRegistry {
    /// @notice An investor's stored data.
    /// @param key Compact key the registry assigned to the investor (1, 2, ...), used by tokens to key state.
    /// @param country ISO 3166-1 numeric country code (1..999).
    /// @param kycExpiry Unix time the KYC stops being valid.
    /// @param classFlags Investor class bit flags.
    /// @param revoked Whether a KYC agent revoked the investor.
    /// @param walletCount Number of linked wallets.
    /// @param decidedAt Time of the current decision: the block time of the last KYC agent write (register, update,
    /// add or remove a wallet, revoke) or the issue time of the last attestation used, whichever came last.
    /// Attestations issued before it are refused.
    struct Investor {
        uint40 key;
        uint16 country;
        uint40 kycExpiry;
        uint8 classFlags;
        bool revoked;
        uint8 walletCount;
        uint40 decidedAt;
    }

    /// @notice An attestation a trusted KYC provider signs (EIP-712 struct `KycAttestation`).
    /// @param investorId The investor.
    /// @param wallet The wallet to link to the investor.
    /// @param country ISO 3166-1 numeric country code.
    /// @param kycExpiry Unix time the KYC stops being valid.
    /// @param classFlags Investor class bit flags.
    /// @param issuedAt Unix time the provider took the decision; refused if in the future or before the investor's
    /// current decision ({Investor-decidedAt}).
    /// @param nonce One-shot nonce of the signing provider (any unused value).
    /// @param deadline Unix time after which the attestation can no longer be used.
    struct KycAttestation {
        InvestorId investorId;
        address wallet;
        uint16 country;
        uint40 kycExpiry;
        uint8 classFlags;
        uint40 issuedAt;
        uint256 nonce;
        uint256 deadline;
    }

    /// @notice Emitted when an investor is created or its data changes.
    /// @param investorId The investor.
    /// @param key The investor's compact key.
    /// @param country Country after the change.
    /// @param kycExpiry KYC expiry after the change.
    /// @param classFlags Class flags after the change.
    /// @param revoked Revocation flag after the change.
    /// @param actor The KYC agent, or the provider whose attestation was used.
    event InvestorUpdated(
        InvestorId indexed investorId,
        uint40 indexed key,
        uint16 country,
        uint40 kycExpiry,
        uint8 classFlags,
        bool revoked,
        address indexed actor
    );

    /// @notice Emitted when a wallet is linked to an investor.
    event WalletLinked(address indexed wallet, InvestorId indexed investorId, uint40 key, uint8 walletCount);

    /// @notice Emitted when a wallet is unlinked from its investor.
    event WalletUnlinked(address indexed wallet, InvestorId indexed investorId, uint40 key, uint8 walletCount);

    /// @notice Emitted when an attestation was used.
    /// @param issuedAt The attestation's issue time, now the investor's decision time.
    event AttestationUsed(
        address indexed provider,
        uint256 indexed nonce,
        InvestorId indexed investorId,
        address wallet,
        uint40 issuedAt
    );

    /// @notice Emitted when a provider cancelled one of its nonces before use.
    event AttestationCancelled(address indexed provider, uint256 indexed nonce);

    /// @notice Emitted when a KYC provider key is trusted or distrusted.
    event TrustedProviderSet(address indexed provider, bool trusted);

    /// @notice Emitted when a token starts or stops receiving identity updates.
    /// @param tokenCount Number of bound tokens after the change (detached tokens not counted).
    event TokenBound(address indexed token, bool bound, uint256 tokenCount);

    /// @notice Emitted when the current profiles of wallets a detached token missed were pushed to it.
    /// @param token The detached (or rebinding) token.
    /// @param fromIndex Index in the missed-push log of the first entry replayed.
    /// @param toIndex Index after the last entry replayed; the token's replay cursor.
    /// @param pending Entries of the log still to replay to the token.
    event MissedPushesReplayed(address indexed token, uint256 fromIndex, uint256 toIndex, uint256 pending);

    /// @notice The zero investor id was given.
    error IdentityRegistryInvalidInvestorId();
    /// @notice The zero address was given as a wallet or token.
    error IdentityRegistryZeroAddress();
    /// @notice `country` is not an ISO 3166-1 numeric code (1..999).
    error IdentityRegistryInvalidCountry(uint16 country);
    /// @notice The investor does not exist.
    error IdentityRegistryUnknownInvestor(InvestorId investorId);
    /// @notice The investor is revoked; only a KYC agent can reinstate it.
    error IdentityRegistryInvestorRevoked(InvestorId investorId);
    /// @notice `wallet` is already linked to `investorId`.
    error IdentityRegistryWalletAlreadyLinked(address wallet, InvestorId investorId);
    /// @notice `wallet` is not linked to any investor.
    error IdentityRegistryWalletNotLinked(address wallet);
    /// @notice The investor already has `max` wallets.
    error IdentityRegistryTooManyWallets(InvestorId investorId, uint256 max);
    /// @notice The registry already serves `max` tokens.
    error IdentityRegistryTooManyTokens(uint256 max);
    /// @notice `token` is already bound (`bound == true`) or not bound (`bound == false`).
    error IdentityRegistryTokenBinding(address token, bool bound);
    /// @notice The attestation's deadline passed.
    error IdentityRegistryAttestationExpired(uint256 deadline, uint256 timestamp);
    /// @notice The attestation's signer is not a trusted provider.
    error IdentityRegistryUntrustedProvider(address signer);
    /// @notice `nonce` of `provider` was already used or cancelled.
    error IdentityRegistryNonceUsed(address provider, uint256 nonce);
    /// @notice The attestation was issued (`issuedAt`) before the investor's current decision (`decidedAt`).
    error IdentityRegistryStaleAttestation(InvestorId investorId, uint40 issuedAt, uint40 decidedAt);
    /// @notice The attestation's issue time is after the block time.
    error IdentityRegistryAttestationFromFuture(uint40 issuedAt, uint256 timestamp);
    /// @notice `wallet` holds `balance` of the detached `token`, so it cannot change investor.
    error IdentityRegistryWalletHoldsBalance(address wallet, address token, uint256 balance);
    /// @notice A token the registry never knew already has `supply` tokens out; bind tokens before issuing.
    error IdentityRegistryTokenHasSupply(address token, uint256 supply);
    /// @notice `token` is not a detached token (bound now, or never bound).
    error IdentityRegistryTokenNotDetached(address token);

    /// @notice Creates the investor, or updates its data, and links `wallet` to it unless it is the zero address or
    /// already linked to it. Clears a revocation; the decision time becomes the block time. Caller needs the KYC agent
    /// role.
    function registerInvestor(
        InvestorId investorId,
        uint16 country,
        uint40 kycExpiry,
        uint8 classFlags,
        address wallet
    ) external;

    /// @notice Same as {registerInvestor}, authorised by an attestation of a trusted provider. Anyone may submit it.
    /// A revoked investor cannot be reinstated this way, and an attestation issued before the investor's current
    /// decision is refused; the decision time becomes the attestation's issue time.
    function registerWithAttestation(KycAttestation calldata attestation, bytes calldata signature) external;

    /// @notice Links another wallet to an existing investor; the decision time becomes the block time. Caller needs
    /// the KYC agent role. Refused while the wallet holds a balance in a detached token.
    function addWallet(InvestorId investorId, address wallet) external;

    /// @notice Unlinks `wallet` from its investor; the investor's decision time becomes the block time. Caller needs the
    /// KYC agent role. Bound tokens refuse (and so revert this) while the wallet holds a balance there; the registry
    /// refuses it while the wallet holds a balance in a detached token.
    function removeWallet(address wallet) external;

    /// @notice Revokes the investor: none of its wallets is verified any more; the decision time becomes the block
    /// time, so no attestation issued before the revocation can be used. Caller needs the KYC agent role.
    function revokeInvestor(InvestorId investorId) external;

    /// @notice Marks `nonce` of the calling provider as used so an attestation carrying it can never be submitted.
    function cancelAttestation(uint256 nonce) external;

    /// @notice Trusts or distrusts a KYC provider signing key. Caller needs the admin role.
    function setTrustedProvider(address provider, bool trusted) external;

    /// @notice Starts (`bound`) or stops pushing identity updates to `token`. Caller needs the admin role, or the
    /// token-binder role (a token factory) to bind a token never bound before.
    /// Unbinding detaches the token: it stays known (and counts against the token limit), wallets holding its tokens
    /// keep their investor, and the pushes it misses are logged. Rebinding a detached token first replays the current
    /// profiles of the logged wallets to it. A token bound for the first time must have no supply.
    function setTokenBinding(address token, bool bound) external;

    /// @notice Pushes the current profiles of up to `maxWallets` logged wallets that the detached `token` missed, and
    /// advances its replay cursor (anyone; lets a long log be replayed in several transactions before rebinding).
    /// @return pending Log entries still to replay to the token.
    function replayMissedPushes(address token, uint256 maxWallets) external returns (uint256 pending);

    /// @notice The investor `wallet` belongs to, or the zero id.
    function investorOf(address wallet) external view returns (InvestorId);

    /// @notice The stored data of an investor (all zero if unknown).
    function investor(InvestorId investorId) external view returns (Investor memory);

    /// @notice The wallets linked to an investor.
    function walletsOf(InvestorId investorId) external view returns (address[] memory);

    /// @notice Whether `wallet` belongs to a non-revoked investor whose KYC has not expired.
    function isVerified(address wallet) external view returns (bool);

    /// @notice The profile of `wallet` as pushed to tokens: investor key (0 if unlinked), country, effective KYC expiry
    /// (0 if revoked or unlinked) and class flags.
    function profileOf(
        address wallet
    ) external view returns (uint40 investorKey, uint16 country, uint40 kycExpiry, uint8 classFlags);

    /// @notice Whether `provider` is a trusted KYC provider key.
    function isTrustedProvider(address provider) external view returns (bool);

    /// @notice Whether `nonce` of `provider` was used or cancelled.
    function isNonceUsed(address provider, uint256 nonce) external view returns (bool);

    /// @notice The tokens that receive identity updates.
    function boundTokens() external view returns (address[] memory);

    /// @notice The tokens that were bound and are unbound now: they still guard wallet moves and get replayed pushes.
    function detachedTokens() external view returns (address[] memory);

    /// @notice Number of logged missed pushes still to replay to the detached `token` (0 if it is not detached).
    function pendingReplay(address token) external view returns (uint256);

    /// @notice The EIP-712 digest of `attestation` that a provider signs.
    function attestationDigest(KycAttestation calldata attestation) external view returns (bytes32);
}
