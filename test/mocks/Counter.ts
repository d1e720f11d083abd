import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers, networkName } = await network.create();

async function deployCounter() {
  const [caller] = await ethers.getSigners();
  const counter = await ethers.deployContract("Counter");
  return { counter, caller };
}

describe(`Counter (pipeline check) on ${networkName}`, function () {
  it("increments and emits the new count", async function () {
    const { counter, caller } = await networkHelpers.loadFixture(deployCounter);
    await expect(counter.increment(5n)).to.emit(counter, "Incremented").withArgs(caller.address, 5n, 5n);
    expect(await counter.count()).to.equal(5n);
  });

  it("refuses to exceed the maximum with the offending values", async function () {
    const { counter } = await networkHelpers.loadFixture(deployCounter);
    const max = await counter.MAX();
    await counter.increment(max);
    await expect(counter.increment(1n))
      .to.be.revertedWithCustomError(counter, "CounterOverflow")
      .withArgs(max, 1n, max);
  });
});
