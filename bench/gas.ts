/**
 * `npm run bench`: gas benchmarks. Placeholder until the benchmark issue: measures the pipeline-check contract so
 * the command and its output path exist. Gas figures are deterministic; they are measured, never timed.
 */
import { network } from "hardhat";

const { ethers } = await network.create();
const counter = await ethers.deployContract("Counter");
const first = await (await counter.increment(1n)).wait();
const second = await (await counter.increment(1n)).wait();
console.log("| operation | gas |\n|---|--:|");
console.log(`| Counter.increment (zero to non-zero) | ${first!.gasUsed} |`);
console.log(`| Counter.increment (non-zero to non-zero) | ${second!.gasUsed} |`);
