// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPoints
/// @notice A non-transferable points ledger for NFT holders, run as several programs in one deployment. Balances are
/// per (program, account) and move only through grants (issuer, batch, EIP-712 voucher) and spends (holder, or an
/// operator with the holder's EIP-712 authorisation). Every movement carries a `refId`, the backend's idempotency
/// key, usable once in the whole deployment, and emits an event with the resulting balance and program total, so an
/// off-chain database can rebuild or verify its ledger from events alone.
/// @dev Deliberately not ERC-20/ERC-1155 shaped: no transfer, approve, allowance, `balanceOf(address)`,
/// `totalSupply()`, `decimals()`, and no `Transfer`/`TransferSingle` events, so wallets and explorers do not list it
/// as a tradable token.
///
/// refId namespaces: a refId is a `uint256` whose top 160 bits name its namespace. A holder's own {spend} may only use
/// refIds of the holder's namespace (`uint256(uint160(holder)) << 96 | sequence`), so nobody can burn a refId the
/// backend intends for a grant. Issuer and operator paths accept any refId; the backend should use small dense
/// integers (namespace 0, e.g. a database sequence) because 256 consecutive refIds share one storage word.
interface IPoints {
    // ===== TYPES =====

    /// @notice How a gated program's gate is applied to a grant.
    /// `Holder` (the default): the account holds at least one qualifying NFT when the grant executes. The same NFT
    /// handed from wallet to wallet lets every wallet that holds it at grant time earn.
    /// `TokenBound`: each grant names an ERC-721 token id of the gate's `erc721` that the account owns when the grant
    /// executes ({grantForToken}, {redeemTokenVoucher}), and a token id earns once per program (`epochLength == 0`) or
    /// once per epoch (epoch `block.timestamp / epochLength`). One NFT passed from wallet to wallet earns once.
    enum GateMode {
        Holder,
        TokenBound
    }

    /// @notice Who may earn in a program: holders of at least one token of `erc721`, or at least one unit of
    /// token `erc1155Id` of `erc1155` (either collection may be the zero address), checked when the grant executes.
    /// @param enabled Whether the gate applies; when false anyone may earn.
    /// @param erc721 The ERC-721 collection, or the zero address for none.
    /// @param erc1155 The ERC-1155 collection, or the zero address for none.
    /// @param erc1155Id The ERC-1155 token id that qualifies (ignored when `erc1155` is zero).
    struct Gate {
        bool enabled;
        address erc721;
        address erc1155;
        uint256 erc1155Id;
    }

    /// @notice A program's configuration and state, as returned by {program}.
    /// @param gate The earning gate.
    /// @param endsAt Unix time at which the program ends and its points expire (0 = never).
    /// @param paused Whether grants and spends are suspended.
    /// @param totalPoints Sum of all balances in the program.
    struct ProgramInfo {
        Gate gate;
        uint64 endsAt;
        bool paused;
        uint256 totalPoints;
    }

    /// @notice One entry of a batch grant.
    /// @param account The account credited.
    /// @param amount Points credited (non-zero).
    /// @param refId The idempotency key of this entry.
    struct Grant {
        address account;
        uint256 amount;
        uint256 refId;
    }

    /// @notice A grant signed off-chain by a holder of the issuer role, redeemable by anyone.
    /// EIP-712 type: `Voucher(uint256 programId,address account,uint256 amount,uint256 refId,uint256 deadline)`.
    /// @param programId The program credited.
    /// @param account The account credited.
    /// @param amount Points credited (non-zero).
    /// @param refId The idempotency key.
    /// @param deadline Last unix time (inclusive) at which the voucher may be redeemed.
    struct Voucher {
        uint256 programId;
        address account;
        uint256 amount;
        uint256 refId;
        uint256 deadline;
    }

    /// @notice A grant bound to an NFT, signed off-chain by a holder of the issuer role, redeemable by anyone; for
    /// `TokenBound` programs.
    /// EIP-712 type:
    /// `TokenVoucher(uint256 programId,address account,uint256 tokenId,uint256 amount,uint256 refId,uint256 deadline)`.
    /// @param programId The program credited.
    /// @param account The account credited (must own `tokenId` at redemption).
    /// @param tokenId The ERC-721 token id the grant is bound to.
    /// @param amount Points credited (non-zero).
    /// @param refId The idempotency key.
    /// @param deadline Last unix time (inclusive) at which the voucher may be redeemed.
    struct TokenVoucher {
        uint256 programId;
        address account;
        uint256 tokenId;
        uint256 amount;
        uint256 refId;
        uint256 deadline;
    }

    /// @notice A holder's signed permission for one operator to spend once on the holder's behalf.
    /// EIP-712 type: `SpendAuthorization(uint256 programId,address account,address operator,uint256 amount,`
    /// `uint256 refId,uint256 nonce,uint256 deadline)`.
    /// @param programId The program debited.
    /// @param account The holder debited (the signer; EOA or ERC-1271 contract wallet).
    /// @param operator The only address allowed to submit it (must hold the operator role).
    /// @param amount Points debited (non-zero).
    /// @param refId The idempotency key.
    /// @param nonce The holder's current nonce ({nonces}).
    /// @param deadline Last unix time (inclusive) at which it may be used.
    struct SpendAuthorization {
        uint256 programId;
        address account;
        address operator;
        uint256 amount;
        uint256 refId;
        uint256 nonce;
        uint256 deadline;
    }

    // ===== EVENTS =====

    /// @notice A program was created.
    /// @param programId The new program's id (sequential from 1).
    /// @param gate The earning gate.
    /// @param endsAt End of the program (0 = never).
    /// @param actor The program manager who created it.
    event ProgramCreated(uint256 indexed programId, Gate gate, uint64 endsAt, address actor);

    /// @notice A program's earning gate was replaced.
    /// @param programId The program.
    /// @param gate The new gate.
    /// @param actor The program manager.
    event ProgramGateUpdated(uint256 indexed programId, Gate gate, address actor);

    /// @notice A program's gate mode was set.
    /// @param programId The program.
    /// @param mode The new mode.
    /// @param epochLength For `TokenBound`: seconds per epoch, 0 for once per program (always 0 for `Holder`).
    /// @param actor The program manager.
    event ProgramGateModeUpdated(uint256 indexed programId, GateMode mode, uint64 epochLength, address actor);

    /// @notice A token-bound grant used `tokenId` for `epoch` (emitted after its {PointsGranted}).
    /// @param programId The program.
    /// @param tokenId The ERC-721 token id, now used for this program and epoch.
    /// @param epoch The epoch (0 when the program has no epochs).
    /// @param account The account credited, the token's owner at the time.
    /// @param refId The grant's idempotency key.
    event PointsTokenRedeemed(
        uint256 indexed programId,
        uint256 indexed tokenId,
        uint256 epoch,
        address indexed account,
        uint256 refId
    );

    /// @notice A program's end was changed.
    /// @param programId The program.
    /// @param endsAt The new end (0 = never).
    /// @param actor The program manager.
    event ProgramEndUpdated(uint256 indexed programId, uint64 endsAt, address actor);

    /// @notice A program was paused.
    /// @param programId The program.
    /// @param actor The pauser.
    event ProgramPaused(uint256 indexed programId, address actor);

    /// @notice A program was unpaused.
    /// @param programId The program.
    /// @param actor The pauser.
    event ProgramUnpaused(uint256 indexed programId, address actor);

    /// @notice Points were credited.
    /// @param programId The program.
    /// @param account The account credited.
    /// @param refId The idempotency key, never seen before in this deployment.
    /// @param amount Points credited.
    /// @param balance The account's balance in the program after the grant.
    /// @param totalPoints The program's total after the grant.
    /// @param issuer The issuer who authorised it (the caller, or the voucher's signer).
    /// @param actor The caller (the issuer, or whoever redeemed the voucher).
    event PointsGranted(
        uint256 indexed programId,
        address indexed account,
        uint256 indexed refId,
        uint256 amount,
        uint256 balance,
        uint256 totalPoints,
        address issuer,
        address actor
    );

    /// @notice Points were debited.
    /// @param programId The program.
    /// @param account The holder debited.
    /// @param refId The idempotency key, never seen before in this deployment.
    /// @param amount Points debited.
    /// @param balance The holder's balance in the program after the spend.
    /// @param totalPoints The program's total after the spend.
    /// @param actor The caller (the holder, or the authorised operator).
    event PointsSpent(
        uint256 indexed programId,
        address indexed account,
        uint256 indexed refId,
        uint256 amount,
        uint256 balance,
        uint256 totalPoints,
        address actor
    );

    /// @notice A holder invalidated every outstanding spend authorisation by consuming a nonce.
    /// @param account The holder.
    /// @param nonce The holder's new current nonce.
    event SpendAuthorizationsCancelled(address indexed account, uint256 nonce);

    // ===== ERRORS =====

    /// @notice No program has id `programId`.
    error PointsUnknownProgram(uint256 programId);

    /// @notice The program is paused.
    error PointsProgramPaused(uint256 programId);

    /// @notice Unpausing a program that is not paused.
    error PointsProgramNotPaused(uint256 programId);

    /// @notice The program ended at `endsAt`; its points have expired.
    error PointsProgramEnded(uint256 programId, uint64 endsAt);

    /// @notice A program end must be 0 (never) or in the future; `endsAt` is not.
    error PointsInvalidEnd(uint64 endsAt);

    /// @notice `collection` does not declare the expected ERC-721/ERC-1155 interface through ERC-165.
    error PointsInvalidCollection(address collection);

    /// @notice An enabled gate names no collection.
    error PointsEmptyGate();

    /// @notice `account` holds no qualifying NFT for program `programId`.
    error PointsNoNft(uint256 programId, address account);

    /// @notice Program `programId` is `TokenBound`: its grants must name a token id ({grantForToken},
    /// {redeemTokenVoucher}).
    error PointsTokenIdRequired(uint256 programId);

    /// @notice Program `programId` is not `TokenBound`: use {grant} or {redeemVoucher}.
    error PointsNotTokenBound(uint256 programId);

    /// @notice `TokenBound` needs an enabled gate naming an ERC-721 collection (and stays so while set).
    error PointsInvalidGateMode(uint256 programId, GateMode mode);

    /// @notice `account` does not own token `tokenId` of program `programId`'s ERC-721 collection.
    error PointsTokenNotOwned(uint256 programId, uint256 tokenId, address account);

    /// @notice Token `tokenId` already earned in program `programId` during `epoch`.
    error PointsTokenAlreadyRedeemed(uint256 programId, uint256 tokenId, uint256 epoch);

    /// @notice `refId` was already used by a grant or a spend.
    error PointsRefIdUsed(uint256 refId);

    /// @notice `refId` is not in the namespace of `account` (top 160 bits must equal the account).
    error PointsRefIdNotOwned(uint256 refId, address account);

    /// @notice Amounts must be non-zero.
    error PointsZeroAmount();

    /// @notice Points cannot be credited to the zero address.
    error PointsInvalidAccount(address account);

    /// @notice A batch grant must contain at least one entry.
    error PointsEmptyBatch();

    /// @notice `account` holds `balance` points in program `programId`, less than `needed`.
    error PointsInsufficientBalance(uint256 programId, address account, uint256 balance, uint256 needed);

    /// @notice The voucher's `deadline` passed (now `timestamp`).
    error PointsVoucherExpired(uint256 deadline, uint256 timestamp);

    /// @notice The voucher's signature recovers to `signer`, which does not hold the issuer role (zero when the
    /// signature is malformed).
    error PointsVoucherInvalidSigner(address signer);

    /// @notice The spend authorisation's `deadline` passed (now `timestamp`).
    error PointsAuthorizationExpired(uint256 deadline, uint256 timestamp);

    /// @notice The spend authorisation is not signed by `account`.
    error PointsAuthorizationInvalidSignature(address account);

    /// @notice The spend authorisation names `operator` but `caller` submitted it.
    error PointsAuthorizationWrongOperator(address operator, address caller);

    /// @notice The spend authorisation carries `nonce`, the holder's current nonce is `expected`.
    error PointsAuthorizationInvalidNonce(address account, uint256 expected, uint256 nonce);

    // ===== PROGRAM MANAGEMENT =====

    /// @notice Creates a program with the next id.
    /// Requirements: caller holds the program manager role; an enabled gate names at least one collection; each named
    /// collection declares ERC-721/ERC-1155 through ERC-165; `endsAt` is 0 or in the future.
    /// Emits {ProgramCreated}.
    /// @param gate The earning gate.
    /// @param endsAt End of the program (0 = never).
    /// @return programId The new program's id.
    function createProgram(Gate calldata gate, uint64 endsAt) external returns (uint256 programId);

    /// @notice Replaces a program's earning gate (e.g. switches it off).
    /// Requirements: caller holds the program manager role; the program exists and has not ended; gate as in
    /// {createProgram}.
    /// Emits {ProgramGateUpdated}.
    /// @param programId The program.
    /// @param gate The new gate.
    function setProgramGate(uint256 programId, Gate calldata gate) external;

    /// @notice Sets how a program's gate applies (see {GateMode}). Changing `epochLength` renumbers the epochs, so a
    /// token id may earn again.
    /// Requirements: caller holds the program manager role; the program exists and has not ended; `TokenBound` needs
    /// an enabled gate naming an ERC-721 collection.
    /// Emits {ProgramGateModeUpdated}.
    /// @param programId The program.
    /// @param mode The mode.
    /// @param epochLength For `TokenBound`: seconds per epoch, or 0 for once per program (ignored for `Holder`).
    function setProgramGateMode(uint256 programId, GateMode mode, uint64 epochLength) external;

    /// @notice Moves a program's end (season end) or removes it.
    /// Requirements: caller holds the program manager role; the program exists and has not ended; `endsAt` is 0 or in
    /// the future.
    /// Emits {ProgramEndUpdated}.
    /// @param programId The program.
    /// @param endsAt The new end (0 = never).
    function setProgramEnd(uint256 programId, uint64 endsAt) external;

    /// @notice Suspends grants and spends in a program.
    /// Requirements: caller holds the pauser role; the program exists and is not paused.
    /// Emits {ProgramPaused}.
    /// @param programId The program.
    function pauseProgram(uint256 programId) external;

    /// @notice Resumes grants and spends in a program.
    /// Requirements: caller holds the pauser role; the program exists and is paused.
    /// Emits {ProgramUnpaused}.
    /// @param programId The program.
    function unpauseProgram(uint256 programId) external;

    // ===== GRANTS =====

    /// @notice Credits `amount` points to `account`.
    /// Requirements: caller holds the issuer role; the program exists, is not paused and has not ended; `account` is
    /// not zero and passes the gate; `amount` is non-zero; `refId` is unused.
    /// Emits {PointsGranted}.
    /// @param programId The program.
    /// @param account The account credited.
    /// @param amount Points credited.
    /// @param refId The idempotency key.
    function grant(uint256 programId, address account, uint256 amount, uint256 refId) external;

    /// @notice Credits every entry of `grants`, atomically (one bad entry reverts the batch).
    /// Requirements: as {grant} for every entry; the batch is not empty; refIds are unused and distinct.
    /// Emits {PointsGranted} per entry.
    /// @param programId The program.
    /// @param grants The entries.
    function grantBatch(uint256 programId, Grant[] calldata grants) external;

    /// @notice Applies a voucher signed by a holder of the issuer role. Anyone may submit it.
    /// Requirements: `block.timestamp <= voucher.deadline`; the signature recovers to a current issuer; the rest as
    /// {grant}.
    /// Emits {PointsGranted}.
    /// @param voucher The voucher.
    /// @param signature The issuer's 65-byte EIP-712 signature.
    function redeemVoucher(Voucher calldata voucher, bytes calldata signature) external;

    /// @notice Credits `amount` points to `account` for NFT `tokenId` of a `TokenBound` program.
    /// Requirements: caller holds the issuer role; the program exists, is not paused, has not ended and is
    /// `TokenBound`; `account` is not zero and owns `tokenId` of the gate's ERC-721 collection; the token id has not
    /// earned in this program (and epoch); `amount` is non-zero; `refId` is unused.
    /// Emits {PointsGranted} and {PointsTokenRedeemed}.
    /// @param programId The program.
    /// @param account The account credited.
    /// @param tokenId The ERC-721 token id.
    /// @param amount Points credited.
    /// @param refId The idempotency key.
    function grantForToken(uint256 programId, address account, uint256 tokenId, uint256 amount, uint256 refId) external;

    /// @notice Applies a token voucher signed by a holder of the issuer role. Anyone may submit it.
    /// Requirements: `block.timestamp <= voucher.deadline`; the signature recovers to a current issuer; the rest as
    /// {grantForToken}.
    /// Emits {PointsGranted} and {PointsTokenRedeemed}.
    /// @param voucher The voucher.
    /// @param signature The issuer's 65-byte EIP-712 signature.
    function redeemTokenVoucher(TokenVoucher calldata voucher, bytes calldata signature) external;

    // ===== SPENDS =====

    /// @notice Debits `amount` of the caller's points.
    /// Requirements: the program exists, is not paused and has not ended; `amount` is non-zero and at most the
    /// balance; `refId` is unused and in the caller's namespace ({holderRefId}).
    /// Emits {PointsSpent}.
    /// @param programId The program.
    /// @param amount Points debited.
    /// @param refId The idempotency key.
    function spend(uint256 programId, uint256 amount, uint256 refId) external;

    /// @notice Debits a holder's points with the holder's signed authorisation, consuming the holder's nonce.
    /// Requirements: caller holds the operator role and is `auth.operator`; `block.timestamp <= auth.deadline`;
    /// `auth.nonce` is the holder's current nonce; the signature is the holder's (ECDSA or ERC-1271); the rest as
    /// {spend} except the refId namespace rule.
    /// Emits {PointsSpent}.
    /// @param auth The authorisation.
    /// @param signature The holder's signature.
    function spendWithAuthorization(SpendAuthorization calldata auth, bytes calldata signature) external;

    /// @notice Consumes the caller's current nonce, invalidating every spend authorisation signed with it.
    /// Emits {SpendAuthorizationsCancelled}.
    function cancelSpendAuthorizations() external;

    // ===== VIEWS =====

    /// @notice Points of `account` in `programId` (after the program ends: its final, expired balance).
    /// @param programId The program.
    /// @param account The account.
    /// @return The balance.
    function balanceOf(uint256 programId, address account) external view returns (uint256);

    /// @notice Sum of all balances in `programId`.
    /// @param programId The program.
    /// @return The total.
    function totalPoints(uint256 programId) external view returns (uint256);

    /// @notice A program's configuration and state.
    /// @param programId The program.
    /// @return info The program.
    function program(uint256 programId) external view returns (ProgramInfo memory info);

    /// @notice Number of programs created (ids are 1..programCount).
    /// @return The count.
    function programCount() external view returns (uint256);

    /// @notice Whether the program exists, is not paused and has not ended.
    /// @param programId The program.
    /// @return Whether grants and spends are possible now.
    function isProgramOpen(uint256 programId) external view returns (bool);

    /// @notice Whether `account` passes the program's gate now.
    /// @param programId The program.
    /// @param account The account.
    /// @return Whether a grant to `account` would pass the gate.
    function isEligible(uint256 programId, address account) external view returns (bool);

    /// @notice A program's gate mode and epoch length.
    /// @param programId The program.
    /// @return mode The mode.
    /// @return epochLength Seconds per epoch (0: once per program, or `Holder`).
    function gateModeOf(uint256 programId) external view returns (GateMode mode, uint64 epochLength);

    /// @notice Whether token `tokenId` already earned in `programId` during the current epoch.
    /// @param programId The program.
    /// @param tokenId The ERC-721 token id.
    /// @return Whether a token-bound grant for it would be refused as already redeemed.
    function isTokenRedeemed(uint256 programId, uint256 tokenId) external view returns (bool);

    /// @notice Whether `refId` was used by a grant or a spend.
    /// @param refId The idempotency key.
    /// @return Whether it is used.
    function isRefIdUsed(uint256 refId) external view returns (bool);

    /// @notice The refId `sequence` in `account`'s namespace: `uint256(uint160(account)) << 96 | sequence`.
    /// @param account The holder.
    /// @param sequence Any number the holder's backend chooses.
    /// @return The refId.
    function holderRefId(address account, uint96 sequence) external pure returns (uint256);

    /// @notice The nonce a new spend authorisation of `account` must carry.
    /// @param account The holder.
    /// @return The current nonce.
    function nonces(address account) external view returns (uint256);

    /// @notice The EIP-712 digest of a voucher (what the issuer signs).
    /// @param voucher The voucher.
    /// @return The digest.
    function hashVoucher(Voucher calldata voucher) external view returns (bytes32);

    /// @notice The EIP-712 digest of a token voucher (what the issuer signs).
    /// @param voucher The voucher.
    /// @return The digest.
    function hashTokenVoucher(TokenVoucher calldata voucher) external view returns (bytes32);

    /// @notice The EIP-712 digest of a spend authorisation (what the holder signs).
    /// @param auth The authorisation.
    /// @return The digest.
    function hashSpendAuthorization(SpendAuthorization calldata auth) external view returns (bytes32);

    /// @notice The EIP-712 domain separator (chain id and this contract's address included).
    /// @return The separator.
    function domainSeparator() external view returns (bytes32);
}
