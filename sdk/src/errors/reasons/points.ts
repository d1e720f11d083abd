import { at, type RevertReasonFormatter } from "./format.js";

/** @internal Sentences for the points programs' errors. */
export const pointsReasons: Readonly<Record<string, RevertReasonFormatter>> = {
  PointsUnknownProgram: (a) => `Points program ${a.programId} does not exist.`,
  PointsProgramPaused: (a) => `Points program ${a.programId} is paused.`,
  PointsProgramEnded: (a) => `Points program ${a.programId} ended at ${at(a.endsAt)}.`,
  PointsNoNft: (a) => `${a.account} holds no NFT of the collection that gates program ${a.programId}.`,
  PointsRefIdUsed: (a) => `Reference id ${a.refId} was already used.`,
  PointsRefIdNotOwned: (a) => `Reference id ${a.refId} is not in ${a.account}'s own range.`,
  PointsZeroAmount: () => `The amount of points is zero.`,
  PointsInvalidAccount: (a) => `${a.account} cannot hold points.`,
  PointsInsufficientBalance: (a) =>
    `${a.account} has ${a.balance} points in program ${a.programId}, less than the ${a.needed} needed.`,
  PointsVoucherExpired: (a) => `The voucher expired at ${at(a.deadline)} (block time ${at(a.timestamp)}).`,
  PointsVoucherInvalidSigner: (a) =>
    `The voucher's signer ${a.signer} does not hold the issuer role (wrong key, program, chain or tampered field).`,
  PointsAuthorizationExpired: (a) => `The spend authorisation expired at ${at(a.deadline)}.`,
};
