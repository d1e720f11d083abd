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
/// KYC expiry, investor class flags and a revocation flag. Investors are registered by a KYC agent, or by anyone
/// presenting an EIP-712 attestation signed by a trusted KYC provider key (bound to this registry and chain by the
/// EIP-712 domain, with a deadline and a one-shot nonce). Every change of a wallet's profile is pushed to the bound
/// tokens ({IIdentityListener}).
interface IIdentityRegistry {
    /// @notice An investor's stored data.
    /// @param key Compact key the registry assigned to the investor (1, 2, ...), used by tokens to key state.
    /// @param country ISO 3166-1 numeric country code (1..999).
    /// @param kycExpiry Unix time the KYC stops being valid.
    /// @param classFlags Investor class bit flags.
    /// @param revoked Whether a KYC agent revoked the investor.
    /// @param walletCount Number of linked wallets.
    struct Investor {
        uint40 key;
        uint16 country;
        uint40 kycExpiry;
        uint8 classFlags;
        bool revoked;
        uint8 walletCount;
    }

    /// @notice An attestation a trusted KYC provider signs (EIP-712 struct `KycAttestation`).
    /// @param investorId The investor.
    /// @param wallet The wallet to link to the investor.
    /// @param country ISO 3166-1 numeric country code.
    /// @param kycExpiry Unix time the KYC stops being valid.
    /// @param classFlags Investor class bit flags.
    /// @param nonce One-shot nonce of the signing provider (any unused value).
    /// @param deadline Unix time after which the attestation can no longer be used.
    struct KycAttestation {
        InvestorId investorId;
        address wallet;
        uint16 country;
        uint40 kycExpiry;
        uint8 classFlags;
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
    event AttestationUsed(
        address indexed provider,
        uint256 indexed nonce,
        InvestorId indexed investorId,
        address wallet
    );

    /// @notice Emitted when a provider cancelled one of its nonces before use.
    event AttestationCancelled(address indexed provider, uint256 indexed nonce);

    /// @notice Emitted when a KYC provider key is trusted or distrusted.
    event TrustedProviderSet(address indexed provider, bool trusted);

    /// @notice Emitted when a token starts or stops receiving identity updates.
    event TokenBound(address indexed token, bool bound, uint256 tokenCount);

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

    /// @notice Creates the investor, or updates its data, and links `wallet` to it unless it is the zero address or
    /// already linked to it. Clears a revocation. Caller needs the KYC agent role.
    function registerInvestor(
        InvestorId investorId,
        uint16 country,
        uint40 kycExpiry,
        uint8 classFlags,
        address wallet
    ) external;

    /// @notice Same as {registerInvestor}, authorised by an attestation of a trusted provider. Anyone may submit it.
    /// A revoked investor cannot be reinstated this way.
    function registerWithAttestation(KycAttestation calldata attestation, bytes calldata signature) external;

    /// @notice Links another wallet to an existing investor. Caller needs the KYC agent role.
    function addWallet(InvestorId investorId, address wallet) external;

    /// @notice Unlinks `wallet` from its investor. Caller needs the KYC agent role. Bound tokens refuse (and so
    /// revert this) while the wallet holds a balance there.
    function removeWallet(address wallet) external;

    /// @notice Revokes the investor: none of its wallets is verified any more. Caller needs the KYC agent role.
    function revokeInvestor(InvestorId investorId) external;

    /// @notice Marks `nonce` of the calling provider as used so an attestation carrying it can never be submitted.
    function cancelAttestation(uint256 nonce) external;

    /// @notice Trusts or distrusts a KYC provider signing key. Caller needs the admin role.
    function setTrustedProvider(address provider, bool trusted) external;

    /// @notice Starts (`bound`) or stops pushing identity updates to `token`. Caller needs the admin role.
    function setTokenBinding(address token, bool bound) external;

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

    /// @notice The EIP-712 digest of `attestation` that a provider signs.
    function attestationDigest(KycAttestation calldata attestation) external view returns (bytes32);
}
