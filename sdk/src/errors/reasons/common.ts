import { type RevertReasonFormatter } from "./format.js";

const PANICS: Record<number, string> = {
  0x01: "assertion failed",
  0x11: "arithmetic overflow or underflow",
  0x12: "division or modulo by zero",
  0x21: "invalid enum value",
  0x22: "bad storage byte array",
  0x31: "pop on empty array",
  0x32: "array index out of bounds",
  0x41: "out of memory",
  0x51: "call to an uninitialised function",
};

/** @internal Sentences for the errors every area can meet: OpenZeppelin's ERC-20 (ERC-6093), access control and SafeERC20, `Error(string)` and panics. */
export const commonReasons: Readonly<Record<string, RevertReasonFormatter>> = {
  AccessControlUnauthorizedAccount: (a) => `${a.account} lacks the role ${a.neededRole}.`,
  ERC20InsufficientBalance: (a) => `${a.sender} holds ${a.balance}, less than the ${a.needed} needed.`,
  ERC20InsufficientAllowance: (a) =>
    `${a.spender} may spend ${a.allowance} of the owner's tokens, less than the ${a.needed} needed; approve first.`,
  ERC20InvalidSender: (a) => `${a.sender} cannot send tokens.`,
  ERC20InvalidReceiver: (a) => `${a.receiver} cannot receive tokens.`,
  ERC20InvalidApprover: (a) => `${a.approver} cannot approve.`,
  ERC20InvalidSpender: (a) => `${a.spender} cannot be approved as a spender.`,
  SafeERC20FailedOperation: (a) => `The token ${a.token} refused or failed a transfer.`,
  Error: (a) => `The contract reverted: ${a.message}`,
  Panic: (a) => `The contract panicked with code ${a.code} (${PANICS[Number(a.code)] ?? "unknown panic"}).`,
};
