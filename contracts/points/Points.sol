// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// solhint-disable-next-line max-line-length
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {ERC165Checker} from "@openzeppelin/contracts/utils/introspection/ERC165Checker.sol";

import {IPoints} from "../interfaces/IPoints.sol";

/// @title Points
/// @notice Non-transferable, NFT-gated points, several programs (e.g. seasons) per deployment, kept exactly-once in
/// sync with an off-chain database through refIds and complete events. See {IPoints} and the README ("Points").
///
/// Model:
/// - Balances live per (programId, account) and change only in {_credit} and {_debit}; the program total is the sum
///   of its balances. There is no transfer, approve or ERC-20/ERC-1155 surface.
/// - Every grant and spend consumes a refId from one deployment-wide bitmap (256 refIds per storage word), so a
///   backend ledger entry maps to at most one on-chain movement across all programs.
/// - A program may end (`endsAt`): from then on its points are expired (no grant, no spend); balances stay readable
///   as the final record. A new season is a new program.
///
/// Roles (the default admin moves in two steps with a delay, {AccessControlDefaultAdminRules}):
/// - `PROGRAM_MANAGER_ROLE`: creates programs, sets their gate and end.
/// - `PAUSER_ROLE`: pauses and unpauses a program.
/// - `ISSUER_ROLE`: grants directly; its keys also sign vouchers (revoking the role voids outstanding vouchers).
/// - `OPERATOR_ROLE`: submits holders' spend authorisations naming it.
///
/// EIP-712: the domain is {EIP712_NAME}, {EIP712_VERSION}, the chain id and this contract's address (ERC-5267
/// {eip712Domain}), so a signature is valid on one deployment of one chain only. It is implemented here rather than
/// inherited from OpenZeppelin's `EIP712`/`SignatureChecker` because in OpenZeppelin 5.7 those import `Strings` and
/// `Bytes`, which use `mcopy` and do not compile for our `paris` target. The separator is cached and recomputed if
/// the chain id changes (a fork).
///
/// External calls are read-only (STATICCALL): the gate's `balanceOf` and a contract wallet's ERC-1271 check; no
/// path can re-enter.
///
/// Gate modes ({IPoints-GateMode}): `Holder` (default) asks "does the account hold a qualifying NFT now", so one NFT
/// handed from wallet to wallet lets each wallet earn; `TokenBound` binds every grant to an ERC-721 token id the
/// account owns at grant time and lets each token id earn once per program or per epoch (one bitmap per program and
/// epoch, 256 token ids per storage word).
///
/// WARNING: the gate is evaluated when a grant executes (for a voucher: at redemption, not at signing). A holder
/// who sells the NFT before redeeming cannot redeem.
/// WARNING: a holder's own {spend} must use a refId of the holder's namespace (see {holderRefId}); this stops anyone
/// from burning a refId that the backend reserved for a grant. Issuer and operator paths accept any refId.
contract Points is IPoints, IERC5267, AccessControlDefaultAdminRules {
    // ===== TYPES =====

    /// @dev Storage layout of a program: slot 0 packs erc721, endsAt, gated, paused, exists, gateMode (32 bytes), so the checks
    /// every grant and spend makes cost one storage read.
    struct Program {
        address erc721;
        uint64 endsAt;
        bool gated;
        bool paused;
        bool exists;
        GateMode gateMode;
        address erc1155;
        uint64 epochLength;
        uint256 erc1155Id;
        uint256 totalPoints;
    }

    // ===== CONSTANTS =====

    /// @notice Creates programs and sets their gate and end.
    bytes32 public constant PROGRAM_MANAGER_ROLE = keccak256("POINTS_PROGRAM_MANAGER_ROLE");
    /// @notice Pauses and unpauses programs.
    bytes32 public constant PAUSER_ROLE = keccak256("POINTS_PAUSER_ROLE");
    /// @notice Grants points and signs vouchers.
    bytes32 public constant ISSUER_ROLE = keccak256("POINTS_ISSUER_ROLE");
    /// @notice Submits spend authorisations signed by holders.
    bytes32 public constant OPERATOR_ROLE = keccak256("POINTS_OPERATOR_ROLE");

    /// @notice EIP-712 type hash of {IPoints-Voucher}.
    bytes32 public constant VOUCHER_TYPEHASH = keccak256(
        "Voucher(uint256 programId,address account,uint256 amount,uint256 refId,uint256 deadline)"
    );
    /// @notice EIP-712 type hash of {IPoints-TokenVoucher}.
    bytes32 public constant TOKEN_VOUCHER_TYPEHASH = keccak256(
        "TokenVoucher(uint256 programId,address account,uint256 tokenId,uint256 amount,uint256 refId,uint256 deadline)"
    );
    /// @notice EIP-712 type hash of {IPoints-SpendAuthorization}.
    bytes32 public constant SPEND_AUTHORIZATION_TYPEHASH = keccak256(
        "SpendAuthorization(uint256 programId,address account,address operator,uint256 amount,uint256 refId,"
        "uint256 nonce,uint256 deadline)"
    );

    /// @notice EIP-712 domain name.
    string public constant EIP712_NAME = "stokit Points";
    /// @notice EIP-712 domain version.
    string public constant EIP712_VERSION = "1";
    /// @dev keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")
    bytes32 private constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    /// @dev A refId's namespace is its top 160 bits: `refId >> NAMESPACE_SHIFT`.
    uint256 private constant NAMESPACE_SHIFT = 96;

    // ===== STATE =====

    uint256 private immutable _cachedChainId;
    bytes32 private immutable _cachedDomainSeparator;

    mapping(uint256 programId => Program) private _programs;
    uint256 private _programCount;
    mapping(uint256 programId => mapping(address account => uint256 points)) private _balances;
    /// @dev Bit `refId & 0xff` of word `refId >> 8` is set once the refId is used.
    mapping(uint256 wordIndex => uint256 word) private _usedRefIds;
    mapping(address account => uint256 nonce) private _nonces;
    /// @dev Bit `tokenId & 0xff` of word `tokenId >> 8` is set once the token id earned in that program and epoch.
    mapping(uint256 programId => mapping(uint256 epoch => mapping(uint256 wordIndex => uint256 word)))
        private _redeemedTokens;

    // ===== CONSTRUCTOR =====

    /// @param initialAdmin The default admin (grants the other roles).
    /// @param adminDelay Delay of a default-admin handover, in seconds.
    constructor(address initialAdmin, uint48 adminDelay) AccessControlDefaultAdminRules(adminDelay, initialAdmin) {
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = _buildDomainSeparator();
    }

    // ===== PROGRAM MANAGEMENT =====

    /// @inheritdoc IPoints
    function createProgram(
        Gate calldata gate,
        uint64 endsAt
    ) external onlyRole(PROGRAM_MANAGER_ROLE) returns (uint256 programId) {
        _validateGate(gate);
        _validateEnd(endsAt);
        programId = ++_programCount;
        Program storage p = _programs[programId];
        p.exists = true;
        p.endsAt = endsAt;
        _storeGate(p, gate);
        emit ProgramCreated(programId, gate, endsAt, msg.sender);
    }

    /// @inheritdoc IPoints
    function setProgramGate(uint256 programId, Gate calldata gate) external onlyRole(PROGRAM_MANAGER_ROLE) {
        Program storage p = _runningProgram(programId);
        _validateGate(gate);
        GateMode mode = p.gateMode;
        if (mode == GateMode.TokenBound && (!gate.enabled || gate.erc721 == address(0))) {
            revert PointsInvalidGateMode(programId, mode);
        }
        _storeGate(p, gate);
        emit ProgramGateUpdated(programId, gate, msg.sender);
    }

    /// @inheritdoc IPoints
    function setProgramGateMode(
        uint256 programId,
        GateMode mode,
        uint64 epochLength
    ) external onlyRole(PROGRAM_MANAGER_ROLE) {
        Program storage p = _runningProgram(programId);
        if (mode == GateMode.TokenBound) {
            if (!p.gated || p.erc721 == address(0)) revert PointsInvalidGateMode(programId, mode);
        } else {
            epochLength = 0;
        }
        p.gateMode = mode;
        p.epochLength = epochLength;
        emit ProgramGateModeUpdated(programId, mode, epochLength, msg.sender);
    }

    /// @inheritdoc IPoints
    function setProgramEnd(uint256 programId, uint64 endsAt) external onlyRole(PROGRAM_MANAGER_ROLE) {
        Program storage p = _runningProgram(programId);
        _validateEnd(endsAt);
        p.endsAt = endsAt;
        emit ProgramEndUpdated(programId, endsAt, msg.sender);
    }

    /// @inheritdoc IPoints
    function pauseProgram(uint256 programId) external onlyRole(PAUSER_ROLE) {
        Program storage p = _existingProgram(programId);
        if (p.paused) revert PointsProgramPaused(programId);
        p.paused = true;
        emit ProgramPaused(programId, msg.sender);
    }

    /// @inheritdoc IPoints
    function unpauseProgram(uint256 programId) external onlyRole(PAUSER_ROLE) {
        Program storage p = _existingProgram(programId);
        if (!p.paused) revert PointsProgramNotPaused(programId);
        p.paused = false;
        emit ProgramUnpaused(programId, msg.sender);
    }

    // ===== GRANTS =====

    /// @inheritdoc IPoints
    function grant(uint256 programId, address account, uint256 amount, uint256 refId) external onlyRole(ISSUER_ROLE) {
        _grantOne(programId, account, amount, refId, msg.sender);
    }

    /// @inheritdoc IPoints
    function grantBatch(uint256 programId, Grant[] calldata grants) external onlyRole(ISSUER_ROLE) {
        uint256 n = grants.length;
        if (n == 0) revert PointsEmptyBatch();
        Program storage p = _openProgram(programId);
        bool gated = p.gated;
        if (gated && p.gateMode == GateMode.TokenBound) revert PointsTokenIdRequired(programId);
        uint256 total = p.totalPoints;
        for (uint256 i = 0; i < n; ++i) {
            Grant calldata g = grants[i];
            _checkRecipient(g.account, g.amount);
            if (gated) _checkGate(p, programId, g.account);
            total = _credit(programId, g.account, g.amount, g.refId, total, msg.sender);
        }
        p.totalPoints = total;
    }

    /// @inheritdoc IPoints
    function redeemVoucher(Voucher calldata voucher, bytes calldata signature) external {
        if (block.timestamp > voucher.deadline) revert PointsVoucherExpired(voucher.deadline, block.timestamp);
        // The third value only details a malformed signature; `err` alone decides.
        // slither-disable-next-line unused-return
        (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(_voucherDigest(voucher), signature);
        if (err != ECDSA.RecoverError.NoError || !hasRole(ISSUER_ROLE, signer)) {
            revert PointsVoucherInvalidSigner(signer);
        }
        _grantOne(voucher.programId, voucher.account, voucher.amount, voucher.refId, signer);
    }

    /// @inheritdoc IPoints
    function grantForToken(
        uint256 programId,
        address account,
        uint256 tokenId,
        uint256 amount,
        uint256 refId
    ) external onlyRole(ISSUER_ROLE) {
        _grantForToken(programId, account, tokenId, amount, refId, msg.sender);
    }

    /// @inheritdoc IPoints
    function redeemTokenVoucher(TokenVoucher calldata voucher, bytes calldata signature) external {
        if (block.timestamp > voucher.deadline) revert PointsVoucherExpired(voucher.deadline, block.timestamp);
        bytes32 digest = _typedDataDigest(keccak256(abi.encode(TOKEN_VOUCHER_TYPEHASH, voucher)));
        // The third value only details a malformed signature; `err` alone decides.
        // slither-disable-next-line unused-return
        (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err != ECDSA.RecoverError.NoError || !hasRole(ISSUER_ROLE, signer)) {
            revert PointsVoucherInvalidSigner(signer);
        }
        _grantForToken(voucher.programId, voucher.account, voucher.tokenId, voucher.amount, voucher.refId, signer);
    }

    // ===== SPENDS =====

    /// @inheritdoc IPoints
    function spend(uint256 programId, uint256 amount, uint256 refId) external {
        if (refId >> NAMESPACE_SHIFT != uint160(msg.sender)) revert PointsRefIdNotOwned(refId, msg.sender);
        _debit(programId, msg.sender, amount, refId);
    }

    /// @inheritdoc IPoints
    function spendWithAuthorization(
        SpendAuthorization calldata auth,
        bytes calldata signature
    ) external onlyRole(OPERATOR_ROLE) {
        if (msg.sender != auth.operator) revert PointsAuthorizationWrongOperator(auth.operator, msg.sender);
        if (block.timestamp > auth.deadline) revert PointsAuthorizationExpired(auth.deadline, block.timestamp);
        address account = auth.account;
        uint256 expected = _nonces[account];
        if (auth.nonce != expected) revert PointsAuthorizationInvalidNonce(account, expected, auth.nonce);
        if (!_isValidSignature(account, _spendAuthorizationDigest(auth), signature)) {
            revert PointsAuthorizationInvalidSignature(account);
        }
        // bound: a nonce grows by one per use, it cannot reach 2**256 - 1
        unchecked {
            _nonces[account] = expected + 1;
        }
        _debit(auth.programId, account, auth.amount, auth.refId);
    }

    /// @inheritdoc IPoints
    function cancelSpendAuthorizations() external {
        uint256 next;
        // bound: a nonce grows by one per use, it cannot reach 2**256 - 1
        unchecked {
            next = _nonces[msg.sender] + 1;
        }
        _nonces[msg.sender] = next;
        emit SpendAuthorizationsCancelled(msg.sender, next);
    }

    // ===== VIEWS =====

    /// @inheritdoc IPoints
    function balanceOf(uint256 programId, address account) external view returns (uint256) {
        return _balances[programId][account];
    }

    /// @inheritdoc IPoints
    function totalPoints(uint256 programId) external view returns (uint256) {
        return _programs[programId].totalPoints;
    }

    /// @inheritdoc IPoints
    function program(uint256 programId) external view returns (ProgramInfo memory info) {
        Program storage p = _existingProgram(programId);
        info.gate = Gate({erc721: p.erc721, erc1155: p.erc1155, erc1155Id: p.erc1155Id, enabled: p.gated});
        info.endsAt = p.endsAt;
        info.paused = p.paused;
        info.totalPoints = p.totalPoints;
    }

    /// @inheritdoc IPoints
    function programCount() external view returns (uint256) {
        return _programCount;
    }

    /// @inheritdoc IPoints
    function isProgramOpen(uint256 programId) external view returns (bool) {
        Program storage p = _programs[programId];
        return p.exists && !p.paused && !_ended(p.endsAt);
    }

    /// @inheritdoc IPoints
    function isEligible(uint256 programId, address account) external view returns (bool) {
        Program storage p = _existingProgram(programId);
        return !p.gated || _holdsNft(p, account);
    }

    /// @inheritdoc IPoints
    function gateModeOf(uint256 programId) external view returns (GateMode mode, uint64 epochLength) {
        Program storage p = _existingProgram(programId);
        return (p.gateMode, p.epochLength);
    }

    /// @inheritdoc IPoints
    function isTokenRedeemed(uint256 programId, uint256 tokenId) external view returns (bool) {
        Program storage p = _existingProgram(programId);
        uint256 word = _redeemedTokens[programId][_epochOf(p.epochLength)][tokenId >> 8];
        return word & (1 << (tokenId & 0xff)) != 0;
    }

    /// @inheritdoc IPoints
    function isRefIdUsed(uint256 refId) external view returns (bool) {
        return _usedRefIds[refId >> 8] & (1 << (refId & 0xff)) != 0;
    }

    /// @inheritdoc IPoints
    function holderRefId(address account, uint96 sequence) external pure returns (uint256) {
        return (uint256(uint160(account)) << NAMESPACE_SHIFT) | sequence;
    }

    /// @inheritdoc IPoints
    function nonces(address account) external view returns (uint256) {
        return _nonces[account];
    }

    /// @inheritdoc IPoints
    function hashVoucher(Voucher calldata voucher) external view returns (bytes32) {
        return _voucherDigest(voucher);
    }

    /// @inheritdoc IPoints
    function hashTokenVoucher(TokenVoucher calldata voucher) external view returns (bytes32) {
        return _typedDataDigest(keccak256(abi.encode(TOKEN_VOUCHER_TYPEHASH, voucher)));
    }

    /// @inheritdoc IPoints
    function hashSpendAuthorization(SpendAuthorization calldata auth) external view returns (bytes32) {
        return _spendAuthorizationDigest(auth);
    }

    /// @inheritdoc IPoints
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparator();
    }

    /// @inheritdoc IERC5267
    function eip712Domain()
        external
        view
        returns (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        // 0x0f: name, version, chainId and verifyingContract are set; no salt, no extensions
        return (hex"0f", EIP712_NAME, EIP712_VERSION, block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    // ===== PRIVATE: BALANCE CHANGES =====

    /// @dev The single-grant path shared by {grant} and {redeemVoucher}.
    function _grantOne(uint256 programId, address account, uint256 amount, uint256 refId, address issuer) private {
        Program storage p = _openProgram(programId);
        _checkRecipient(account, amount);
        if (p.gated) {
            if (p.gateMode == GateMode.TokenBound) revert PointsTokenIdRequired(programId);
            _checkGate(p, programId, account);
        }
        p.totalPoints = _credit(programId, account, amount, refId, p.totalPoints, issuer);
    }

    /// @dev The token-bound grant path shared by {grantForToken} and {redeemTokenVoucher}: `TokenBound` implies an
    /// enabled gate with an ERC-721 collection (enforced when the mode or the gate is set).
    function _grantForToken(
        uint256 programId,
        address account,
        uint256 tokenId,
        uint256 amount,
        uint256 refId,
        address issuer
    ) private {
        Program storage p = _openProgram(programId);
        _checkRecipient(account, amount);
        if (p.gateMode != GateMode.TokenBound) revert PointsNotTokenBound(programId);
        if (!_ownsToken(p.erc721, tokenId, account)) revert PointsTokenNotOwned(programId, tokenId, account);
        uint256 epoch = _epochOf(p.epochLength);
        mapping(uint256 wordIndex => uint256 word) storage redeemed = _redeemedTokens[programId][epoch];
        uint256 mask = 1 << (tokenId & 0xff);
        uint256 word = redeemed[tokenId >> 8];
        if (word & mask != 0) revert PointsTokenAlreadyRedeemed(programId, tokenId, epoch);
        redeemed[tokenId >> 8] = word | mask;
        p.totalPoints = _credit(programId, account, amount, refId, p.totalPoints, issuer);
        emit PointsTokenRedeemed(programId, tokenId, epoch, account, refId);
    }

    /// @dev Credits `amount` to `account`, given the program total `total` before it; returns the new total, which the
    /// caller stores (once per batch). The caller checked the program, the recipient and the gate.
    function _credit(
        uint256 programId,
        address account,
        uint256 amount,
        uint256 refId,
        uint256 total,
        address issuer
    ) private returns (uint256 newTotal) {
        _useRefId(refId);
        newTotal = total + amount;
        uint256 balance;
        // bound: balance <= total (the total is the sum of balances) and total + amount did not overflow above
        unchecked {
            balance = _balances[programId][account] + amount;
        }
        _balances[programId][account] = balance;
        emit PointsGranted(programId, account, refId, amount, balance, newTotal, issuer, msg.sender);
    }

    /// @dev Debits `amount` from `account`. The caller checked who may spend.
    function _debit(uint256 programId, address account, uint256 amount, uint256 refId) private {
        Program storage p = _openProgram(programId);
        if (amount == 0) revert PointsZeroAmount();
        _useRefId(refId);
        uint256 balance = _balances[programId][account];
        if (balance < amount) revert PointsInsufficientBalance(programId, account, balance, amount);
        uint256 total;
        // bound: amount <= balance <= total (the total is the sum of balances)
        unchecked {
            balance -= amount;
            total = p.totalPoints - amount;
        }
        _balances[programId][account] = balance;
        p.totalPoints = total;
        emit PointsSpent(programId, account, refId, amount, balance, total, msg.sender);
    }

    /// @dev Marks `refId` used, or reverts if it already was.
    function _useRefId(uint256 refId) private {
        uint256 wordIndex = refId >> 8;
        uint256 mask = 1 << (refId & 0xff);
        uint256 word = _usedRefIds[wordIndex];
        if (word & mask != 0) revert PointsRefIdUsed(refId);
        _usedRefIds[wordIndex] = word | mask;
    }

    // ===== PRIVATE: CHECKS =====

    function _checkRecipient(address account, uint256 amount) private pure {
        if (account == address(0)) revert PointsInvalidAccount(account);
        if (amount == 0) revert PointsZeroAmount();
    }

    function _checkGate(Program storage p, uint256 programId, address account) private view {
        if (!_holdsNft(p, account)) revert PointsNoNft(programId, account);
    }

    /// @dev ERC-721 first (the usual case: one call); the ERC-1155 id only if that fails.
    function _holdsNft(Program storage p, address account) private view returns (bool) {
        address erc721 = p.erc721;
        if (erc721 != address(0) && IERC721(erc721).balanceOf(account) != 0) return true;
        address erc1155 = p.erc1155;
        return erc1155 != address(0) && IERC1155(erc1155).balanceOf(account, p.erc1155Id) != 0;
    }

    /// @dev Whether `account` owns `tokenId` of `erc721`; a reverting `ownerOf` (no such token) means no.
    function _ownsToken(address erc721, uint256 tokenId, address account) private view returns (bool) {
        try IERC721(erc721).ownerOf(tokenId) returns (address owner) {
            return owner == account;
        } catch {
            return false;
        }
    }

    /// @dev The current epoch of a program with `epochLength` seconds per epoch (0: a single epoch, 0).
    function _epochOf(uint64 epochLength) private view returns (uint256) {
        return epochLength == 0 ? 0 : block.timestamp / epochLength;
    }

    function _existingProgram(uint256 programId) private view returns (Program storage p) {
        p = _programs[programId];
        if (!p.exists) revert PointsUnknownProgram(programId);
    }

    /// @dev An existing program that has not ended (it may be paused): its configuration may still change.
    function _runningProgram(uint256 programId) private view returns (Program storage p) {
        p = _existingProgram(programId);
        uint64 endsAt = p.endsAt;
        if (_ended(endsAt)) revert PointsProgramEnded(programId, endsAt);
    }

    /// @dev An existing, running, unpaused program: grants and spends may happen.
    function _openProgram(uint256 programId) private view returns (Program storage p) {
        p = _runningProgram(programId);
        if (p.paused) revert PointsProgramPaused(programId);
    }

    function _ended(uint64 endsAt) private view returns (bool) {
        return endsAt != 0 && block.timestamp >= endsAt;
    }

    function _validateGate(Gate calldata gate) private view {
        if (gate.erc721 != address(0) && !ERC165Checker.supportsInterface(gate.erc721, type(IERC721).interfaceId)) {
            revert PointsInvalidCollection(gate.erc721);
        }
        if (gate.erc1155 != address(0) && !ERC165Checker.supportsInterface(gate.erc1155, type(IERC1155).interfaceId)) {
            revert PointsInvalidCollection(gate.erc1155);
        }
        if (gate.enabled && gate.erc721 == address(0) && gate.erc1155 == address(0)) revert PointsEmptyGate();
    }

    function _validateEnd(uint64 endsAt) private view {
        if (endsAt != 0 && endsAt <= block.timestamp) revert PointsInvalidEnd(endsAt);
    }

    function _storeGate(Program storage p, Gate calldata gate) private {
        p.erc721 = gate.erc721;
        p.gated = gate.enabled;
        p.erc1155 = gate.erc1155;
        p.erc1155Id = gate.erc1155Id;
    }

    // ===== PRIVATE: EIP-712 AND SIGNATURES =====

    function _voucherDigest(Voucher calldata voucher) private view returns (bytes32) {
        return _typedDataDigest(keccak256(abi.encode(VOUCHER_TYPEHASH, voucher)));
    }

    function _spendAuthorizationDigest(SpendAuthorization calldata auth) private view returns (bytes32) {
        return _typedDataDigest(keccak256(abi.encode(SPEND_AUTHORIZATION_TYPEHASH, auth)));
    }

    /// @dev EIP-712 `hashTypedData`: keccak256("\x19\x01" ‖ domainSeparator ‖ structHash).
    function _typedDataDigest(bytes32 structHash) private view returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", _domainSeparator(), structHash));
    }

    function _domainSeparator() private view returns (bytes32) {
        return block.chainid == _cachedChainId ? _cachedDomainSeparator : _buildDomainSeparator();
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    DOMAIN_TYPEHASH,
                    keccak256(bytes(EIP712_NAME)),
                    keccak256(bytes(EIP712_VERSION)),
                    block.chainid,
                    address(this)
                )
            );
    }

    /// @dev ECDSA for accounts without code, ERC-1271 for contract wallets (e.g. smart wallets on Base).
    function _isValidSignature(address account, bytes32 digest, bytes calldata signature) private view returns (bool) {
        if (account.code.length == 0) {
            // The third value only details a malformed signature; `err` alone decides.
            // slither-disable-next-line unused-return
            (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(digest, signature);
            return err == ECDSA.RecoverError.NoError && signer == account;
        }
        // A low-level staticcall so that a wallet that reverts or returns garbage means "invalid", not a revert.
        // slither-disable-next-line low-level-calls
        (bool ok, bytes memory result) = account.staticcall(
            abi.encodeCall(IERC1271.isValidSignature, (digest, signature))
        );
        return ok && result.length >= 32 && abi.decode(result, (bytes4)) == IERC1271.isValidSignature.selector;
    }
}
