// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Offering} from "../../contracts/offering/Offering.sol";
import {IOffering} from "../../contracts/interfaces/IOffering.sol";
import {IIssuanceToken} from "../../contracts/interfaces/IIssuanceToken.sol";
import {IPriceOracle} from "../../contracts/interfaces/IPriceOracle.sol";
import {OfferingMockToken} from "../../contracts/mocks/OfferingMockToken.sol";
import {OfferingMockStablecoin} from "../../contracts/mocks/OfferingMockStablecoin.sol";
import {OfferingMockPriceOracle} from "../../contracts/mocks/OfferingMockPriceOracle.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "../utils/Test.sol";

/// @dev Shared fixture: a 6-decimal stablecoin, a mock security token whose agent is the offering, an oracle pricing
/// the native coin at 600 USD, and an offering of 10,000 tokens at 2 USDC each (soft cap 1,000 tokens).
abstract contract OfferingTestBase is Test {
    address internal constant NATIVE_KEY = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;
    uint256 internal constant PRICE = 2e6; // 2 USDC per whole token
    uint256 internal constant MIN_SUB = 10e6;
    uint256 internal constant MAX_SUB = 20_000e6;
    uint256 internal constant SOFT_CAP = 1_000e18;
    uint256 internal constant HARD_CAP = 10_000e18;
    uint256 internal constant NATIVE_USD = 600e18;

    OfferingMockToken internal token;
    OfferingMockStablecoin internal usdc;
    OfferingMockPriceOracle internal oracle;
    Offering internal offering;

    address internal admin;
    address internal issuer;
    address internal operator;
    address internal treasury;
    address internal alice;
    address internal bob;
    address internal carol;

    uint64 internal startTime;
    uint64 internal endTime;
    uint64 internal lockupEnd;

    function setUp() public virtual {
        admin = makeAddr("admin");
        issuer = makeAddr("issuer");
        operator = makeAddr("operator");
        treasury = makeAddr("treasury");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        vm.warp(1_800_000_000);
        startTime = uint64(block.timestamp + 1 hours);
        endTime = uint64(block.timestamp + 8 days);
        lockupEnd = endTime + 180 days;

        token = new OfferingMockToken();
        usdc = new OfferingMockStablecoin("USD Coin", "USDC", 6);
        oracle = new OfferingMockPriceOracle();
        oracle.setPrice(NATIVE_KEY, NATIVE_USD);
        offering = new Offering(defaultTerms(), admin, 1 days, issuer, operator);
        token.setAgent(address(offering));
    }

    function defaultTerms() internal view returns (IOffering.Terms memory) {
        return
            IOffering.Terms({
                token: IIssuanceToken(address(token)),
                paymentToken: IERC20(address(usdc)),
                price: PRICE,
                minSubscription: MIN_SUB,
                maxSubscription: MAX_SUB,
                softCap: SOFT_CAP,
                hardCap: HARD_CAP,
                startTime: startTime,
                endTime: endTime,
                lockupEnd: lockupEnd,
                treasury: treasury,
                oracle: IPriceOracle(address(oracle)),
                oracleAsset: NATIVE_KEY
            });
    }

    function fund(address investor, uint256 amount) internal {
        usdc.mint(investor, amount);
        vm.prank(investor);
        usdc.approve(address(offering), type(uint256).max);
    }

    function subscribeAs(address investor, uint256 amount) internal {
        fund(investor, amount);
        vm.prank(investor);
        offering.subscribe(amount);
    }

    function openWindow() internal {
        vm.warp(startTime);
    }

    function closeWindow() internal {
        vm.warp(endTime);
    }

    function finaliseAsIssuer() internal {
        closeWindow();
        vm.prank(issuer);
        offering.finalise();
    }
}
