// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DividendDistributor} from "../../contracts/dividends/DividendDistributor.sol";
import {InitcodeChunk} from "../../contracts/factory/InitcodeChunk.sol";
import {IpSecurityToken} from "../../contracts/factory/IpSecurityToken.sol";
import {OfferingFactory} from "../../contracts/factory/OfferingFactory.sol";
import {TokenFactory} from "../../contracts/factory/TokenFactory.sol";
import {IIssuanceToken} from "../../contracts/interfaces/IIssuanceToken.sol";
import {IOffering} from "../../contracts/interfaces/IOffering.sol";
import {IOfferingFactory} from "../../contracts/interfaces/IOfferingFactory.sol";
import {IPriceOracle} from "../../contracts/interfaces/IPriceOracle.sol";
import {ITokenFactory} from "../../contracts/interfaces/ITokenFactory.sol";
import {OfferingMockStablecoin} from "../../contracts/mocks/OfferingMockStablecoin.sol";
import {Offering} from "../../contracts/offering/Offering.sol";
import {IdentityRegistry} from "../../contracts/token/IdentityRegistry.sol";
import {Test} from "../utils/Test.sol";

/// @dev Shared parts (registry, distributor, a 6-decimals stablecoin), both factories built from data contracts the
/// way the ignition module builds them (creation code split in two chunks), and this contract holding every role.
abstract contract FactoryFixture is Test {
    uint40 internal constant START = 1_700_000_000;
    bytes32 internal constant TOKEN_BINDER_ROLE = keccak256("TOKEN_BINDER_ROLE");

    IdentityRegistry internal registry;
    DividendDistributor internal distributor;
    OfferingMockStablecoin internal usdc;
    OfferingFactory internal offeringFactory;
    TokenFactory internal tokenFactory;
    address[] internal tokenChunks;
    address[] internal offeringChunks;

    address internal agent;
    address internal compliance;
    address internal pauser;
    address internal lockup;
    address internal recordDate;
    address internal issuer;
    address internal stranger;

    function setUp() public virtual {
        vm.warp(START);
        agent = makeAddr("agent");
        compliance = makeAddr("compliance");
        pauser = makeAddr("pauser");
        lockup = makeAddr("lockup");
        recordDate = makeAddr("recordDate");
        issuer = makeAddr("issuer");
        stranger = makeAddr("stranger");

        registry = new IdentityRegistry(0, address(this));
        distributor = new DividendDistributor(address(this), 0);
        usdc = new OfferingMockStablecoin("USD Coin", "USDC", 6);
        offeringChunks = _chunks(type(Offering).creationCode);
        offeringFactory = new OfferingFactory(address(this), 0, offeringChunks, keccak256(type(Offering).creationCode));
        tokenChunks = _chunks(type(IpSecurityToken).creationCode);
        tokenFactory = _tokenFactory(address(registry));
        registry.grantRole(TOKEN_BINDER_ROLE, address(tokenFactory));
        registry.grantRole(registry.KYC_AGENT_ROLE(), address(this));
        tokenFactory.grantRole(tokenFactory.TOKEN_CREATOR_ROLE(), address(this));
        offeringFactory.grantRole(offeringFactory.OFFERING_CREATOR_ROLE(), address(this));
    }

    function _tokenFactory(address registry_) internal returns (TokenFactory) {
        return
            new TokenFactory(
                address(this),
                0,
                registry_,
                address(distributor),
                address(offeringFactory),
                tokenChunks,
                keccak256(type(IpSecurityToken).creationCode)
            );
    }

    /// @dev `code` in two data contracts, as ignition/modules/Factory.ts splits it.
    function _chunks(bytes memory code) internal returns (address[] memory chunks) {
        uint256 half = (code.length + 1) / 2;
        chunks = new address[](2);
        chunks[0] = address(new InitcodeChunk(_slice(code, 0, half)));
        chunks[1] = address(new InitcodeChunk(_slice(code, half, code.length)));
    }

    function _slice(bytes memory code, uint256 from, uint256 to) internal pure returns (bytes memory out) {
        out = new bytes(to - from);
        for (uint256 i = from; i < to; ++i) {
            out[i - from] = code[i];
        }
    }

    function _roles() internal view returns (ITokenFactory.TokenRoles memory) {
        return
            ITokenFactory.TokenRoles({
                admin: address(this),
                adminDelay: 0,
                agent: agent,
                compliance: compliance,
                pauser: pauser,
                lockup: lockup,
                recordDate: recordDate
            });
    }

    function _params(bytes32 ipId) internal view returns (ITokenFactory.TokenParams memory) {
        return
            ITokenFactory.TokenParams({
                ipId: ipId,
                name: "Moonlit Webtoon Revenue Right",
                symbol: "MOON",
                uri: "ipfs://moonlit",
                roles: _roles()
            });
    }

    function _offeringParams(address token) internal view returns (IOfferingFactory.OfferingParams memory) {
        return
            IOfferingFactory.OfferingParams({
                terms: IOffering.Terms({
                    token: IIssuanceToken(token),
                    paymentToken: usdc,
                    price: 2_000_000,
                    minSubscription: 10_000_000,
                    maxSubscription: 100_000_000_000,
                    softCap: 100e18,
                    hardCap: 10_000e18,
                    startTime: START + 1 hours,
                    endTime: START + 8 days,
                    lockupEnd: START + 38 days,
                    treasury: issuer,
                    oracle: IPriceOracle(address(0)),
                    oracleAsset: address(0)
                }),
                admin: address(this),
                adminDelay: 0,
                issuer: issuer,
                operator: address(0)
            });
    }
}
