// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ISecurityToken} from "../../contracts/interfaces/ISecurityToken.sol";
import {TokenPlainERC20} from "../../contracts/mocks/TokenPlainERC20.sol";
import {TokenFixture} from "./TokenFixture.sol";

/// @dev Issue 19: a trusted operator (a settlement contract) skips only the spender rule (code 14) of transferFrom.
contract SecurityTokenTrustedOperatorTest is TokenFixture {
    uint8 internal constant CODE_RECEIVER_NOT_VERIFIED = 4;
    uint8 internal constant CODE_SENDER_FROZEN = 5;
    uint8 internal constant CODE_SPENDER_NOT_ALLOWED = 14;

    address internal settlement;

    function setUp() public override {
        super.setUp();
        settlement = address(new TokenPlainERC20()); // any contract: the token only needs code there
        token.mint(alice, 100e18);
        vm.prank(alice);
        token.approve(settlement, type(uint256).max);
    }

    function test_transferFrom_unverifiedContractSpenderRefusedWithCode14() public {
        assertEq(token.detectTransferFromRestriction(settlement, alice, bob, 1e18), CODE_SPENDER_NOT_ALLOWED, "view");
        vm.prank(settlement);
        vm.expectRevert(_restricted(CODE_SPENDER_NOT_ALLOWED, alice, bob, 1e18));
        token.transferFrom(alice, bob, 1e18);
    }

    function test_setTrustedOperator_admitsTheOperatorAsSpender() public {
        vm.expectEmit(address(token));
        emit ISecurityToken.TrustedOperatorSet(settlement, true, address(this));
        token.setTrustedOperator(settlement, true);
        assertTrue(token.isTrustedOperator(settlement), "trusted");
        assertEq(token.detectTransferFromRestriction(settlement, alice, bob, 1e18), 0, "view");
        vm.prank(settlement);
        token.transferFrom(alice, bob, 1e18);
        assertEq(token.balanceOf(bob), 1e18, "moved");
        assertEq(token.allowance(alice, settlement), type(uint256).max, "infinite allowance kept");
    }

    function test_setTrustedOperator_everyOtherRuleStillApplies() public {
        token.setTrustedOperator(settlement, true);
        assertEq(token.detectTransferFromRestriction(settlement, alice, stranger, 1e18), 4, "receiver");
        vm.prank(settlement);
        vm.expectRevert(_restricted(CODE_RECEIVER_NOT_VERIFIED, alice, stranger, 1e18));
        token.transferFrom(alice, stranger, 1e18);
        token.setAddressFrozen(alice, true);
        vm.prank(settlement);
        vm.expectRevert(_restricted(CODE_SENDER_FROZEN, alice, bob, 1e18));
        token.transferFrom(alice, bob, 1e18);
        token.setAddressFrozen(alice, false);
        token.mint(bob, 1e18); // bob approved nothing
        vm.prank(settlement);
        vm.expectRevert(
            abi.encodeWithSignature("ERC20InsufficientAllowance(address,uint256,uint256)", settlement, 0, 1e18)
        );
        token.transferFrom(bob, alice, 1e18);
    }

    function test_setTrustedOperator_revokingRestoresCode14() public {
        token.setTrustedOperator(settlement, true);
        vm.expectEmit(address(token));
        emit ISecurityToken.TrustedOperatorSet(settlement, false, address(this));
        token.setTrustedOperator(settlement, false);
        assertFalse(token.isTrustedOperator(settlement), "revoked");
        vm.prank(settlement);
        vm.expectRevert(_restricted(CODE_SPENDER_NOT_ALLOWED, alice, bob, 1e18));
        token.transferFrom(alice, bob, 1e18);
    }

    function test_setTrustedOperator_revertsForAnAccountWithoutCode() public {
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenOperatorWithoutCode.selector, stranger));
        token.setTrustedOperator(stranger, true);
        token.setTrustedOperator(stranger, false); // revoking takes any address
    }

    function test_setTrustedOperator_revertsForANonComplianceOfficer() public {
        bytes32 role = token.COMPLIANCE_ROLE();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role));
        token.setTrustedOperator(settlement, true);
    }
}
