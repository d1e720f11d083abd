// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IIdentityListener
/// @notice Implemented by tokens bound to an identity registry: the registry pushes every change of a wallet's
/// identity profile, so a token reads identity from its own storage on transfers instead of calling the registry.
interface IIdentityListener {
    /// @notice A wallet's profile changed in the registry. Only the registry may call this.
    /// @param wallet The wallet.
    /// @param investorKey The registry's compact key of the wallet's investor; 0 when the wallet is unlinked.
    /// @param country ISO 3166-1 numeric country code of the investor.
    /// @param kycExpiry Unix time the KYC stops being valid; 0 when revoked or unlinked.
    /// @param classFlags Investor class bit flags (e.g. accredited, professional).
    function onIdentityUpdated(
        address wallet,
        uint40 investorKey,
        uint16 country,
        uint40 kycExpiry,
        uint8 classFlags
    ) external;
}
