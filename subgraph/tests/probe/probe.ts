// A probe mapping for the harness's own tests: each export exercises one part of the host ABI from the AssemblyScript
// side (graph-ts 0.38), so layouts are checked against real compiled code rather than against the harness itself.
// Compiled by tests/probe/build.ts with the same asc flags graph-cli uses.
import {
  Address,
  BigDecimal,
  BigInt,
  ByteArray,
  Bytes,
  crypto,
  dataSource,
  Entity,
  ethereum,
  ipfs,
  json,
  log,
  store,
  Value,
} from "@graphprotocol/graph-ts";

export function echoString(s: string): string {
  return s + "|" + s.length.toString();
}

export function bytesInfo(b: Bytes): string {
  return b.toHexString() + ":" + b.length.toString();
}

export function bigIntArithmetic(x: BigInt, y: BigInt): string {
  return [
    x.plus(y).toString(),
    x.minus(y).toString(),
    x.times(y).toString(),
    x.div(y).toString(),
    x.mod(y).toString(),
    x.pow(3).toString(),
    x.leftShift(8).toString(),
    x.rightShift(4).toString(),
    x.bitOr(y).toString(),
    x.bitAnd(y).toString(),
    x.toHex(),
    BigInt.fromString("-123456789012345678901234567890").toString(),
    BigInt.fromI32(-129).toString(),
  ].join(",");
}

export function bigIntBytes(x: BigInt): string {
  return Bytes.fromByteArray(changetype<ByteArray>(x)).toHexString();
}

export function bigDecimalArithmetic(a: string, b: string): string {
  const x = BigDecimal.fromString(a);
  const y = BigDecimal.fromString(b);
  return [
    x.plus(y).toString(),
    x.minus(y).toString(),
    x.times(y).toString(),
    x.div(y).toString(),
    x.equals(y) ? "eq" : "ne",
    BigInt.fromI32(10).divDecimal(y).toString(),
  ].join(",");
}

export function keccak(s: string): string {
  return crypto.keccak256(ByteArray.fromUTF8(s)).toHexString();
}

export function conversions(s: string): string {
  const address = Address.fromString(s);
  return [address.toHexString(), address.toBase58(), Bytes.fromUTF8("héllo\u0000").toString()].join(",");
}

/** Loads an entity the host wrote, grows its entries array (the runtime renews a host-made block) and saves it. */
export function growEntity(id: string): string {
  const entity = store.get("Thing", id);
  if (entity == null) return "missing";
  entity.set("extra", Value.fromString("grown"));
  entity.set("count", Value.fromI32(entity.getI32("count") + 1));
  entity.set("amount", Value.fromBigInt(entity.getBigInt("amount").times(BigInt.fromI32(2))));
  store.set("Thing", id, entity);
  return entity.getString("name") + ":" + entity.entries.length.toString();
}

export function saveThing(id: string, name: string): void {
  const entity = new Entity();
  entity.set("name", Value.fromString(name));
  entity.set("count", Value.fromI32(1));
  entity.set("amount", Value.fromBigInt(BigInt.fromI32(21)));
  entity.set("tags", Value.fromStringArray(["a", "b"]));
  store.set("Thing", id, entity);
}

export function saveThingWithoutName(id: string): void {
  const entity = new Entity();
  entity.set("count", Value.fromI32(1));
  entity.set("amount", Value.fromBigInt(BigInt.fromI32(1)));
  store.set("Thing", id, entity);
}

export function saveUndefinedField(id: string): void {
  const entity = new Entity();
  entity.set("name", Value.fromString("x"));
  entity.set("count", Value.fromI32(1));
  entity.set("amount", Value.fromBigInt(BigInt.fromI32(1)));
  entity.set("colour", Value.fromString("red"));
  store.set("Thing", id, entity);
}

export function saveWrongType(id: string): void {
  const entity = new Entity();
  entity.set("name", Value.fromI32(7));
  entity.set("count", Value.fromI32(1));
  entity.set("amount", Value.fromBigInt(BigInt.fromI32(1)));
  store.set("Thing", id, entity);
}

export function saveNote(id: Bytes, text: string): void {
  const entity = new Entity();
  entity.set("text", Value.fromString(text));
  store.set("Note", id.toHexString(), entity);
}

export function removeNote(id: Bytes): void {
  store.remove("Note", id.toHexString());
}

export function saveThenFail(id: string): void {
  saveThing(id, "doomed");
  log.critical("giving up on {}", [id]);
}

export function logInfo(msg: string): void {
  log.info("info {}", [msg]);
  log.warning("warn {}", [msg]);
}

export function abortWith(msg: string): void {
  assert(false, msg);
}

export function callIpfs(): void {
  ipfs.cat("QmTest");
}

export function callContract(address: Address): void {
  ethereum.call(
    new ethereum.SmartContractCall("Token", address, "balanceOf", "balanceOf(address):(uint256)", [
      ethereum.Value.fromAddress(address),
    ]),
  );
}

export function encodeDecode(address: Address, amount: BigInt): string {
  const tuple = new ethereum.Tuple();
  tuple.push(ethereum.Value.fromAddress(address));
  tuple.push(ethereum.Value.fromUnsignedBigInt(amount));
  tuple.push(ethereum.Value.fromString("stokit"));
  const encoded = ethereum.encode(ethereum.Value.fromTuple(tuple))!;
  const decoded = ethereum.decode("(address,uint256,string)", encoded)!.toTuple();
  return [
    encoded.toHexString(),
    decoded[0].toAddress().toHexString(),
    decoded[1].toBigInt().toString(),
    decoded[2].toString(),
    ethereum.decode("uint256", Bytes.fromHexString("0x01")) == null ? "null" : "value",
  ].join(",");
}

export function jsonRead(text: string): string {
  const value = json.fromString(text).toObject();
  const big = value.get("big")!.toBigInt().toString();
  const small = value.get("small")!.toI64().toString();
  const list = value.get("list")!.toArray();
  const failed = json.try_fromString("{not json").isError ? "error" : "ok";
  return [big, small, list.length.toString(), list[1].toString(), failed].join(",");
}

export function dataSourceInfo(): string {
  return (
    dataSource.network() + "," + dataSource.address().toHexString() + "," + dataSource.context().getString("label")
  );
}

export function createFromTemplate(address: Address): void {
  dataSource.create("Missing", [address.toHexString()]);
}

/** Reads every field of the event the host wrote (layouts of Event, Block, Transaction, Receipt and params). */
export function describeEvent(event: ethereum.Event): string {
  const baseFee = event.block.baseFeePerGas;
  const to = event.transaction.to;
  const parts: string[] = [
    event.address.toHexString(),
    event.logIndex.toString(),
    event.transactionLogIndex.toString(),
    event.block.hash.toHexString(),
    event.block.number.toString(),
    event.block.timestamp.toString(),
    event.block.author.toHexString(),
    baseFee ? baseFee.toString() : "nobasefee",
    event.transaction.hash.toHexString(),
    event.transaction.from.toHexString(),
    to ? to.toHexString() : "create",
    event.transaction.nonce.toString(),
    event.transaction.input.length.toString(),
  ];
  for (let i = 0; i < event.parameters.length; i++) {
    const p = event.parameters[i];
    parts.push(p.name + "=" + p.value.kind.toString());
  }
  const receipt = event.receipt;
  if (receipt == null) {
    parts.push("noreceipt");
  } else {
    parts.push(receipt.gasUsed.toString());
    parts.push(receipt.logs.length.toString());
    parts.push(receipt.logs[0].topics[0].toHexString());
    parts.push(receipt.status.toString());
  }
  return parts.join(";");
}

export function inBlockName(id: string): string {
  const entity = store.get_in_block("Thing", id);
  return entity == null ? "none" : entity.getString("name");
}

export function saveNoteFor(id: Bytes, text: string, thing: string): void {
  const entity = new Entity();
  entity.set("text", Value.fromString(text));
  entity.set("thing", Value.fromString(thing));
  store.set("Note", id.toHexString(), entity);
}

export function relatedNotes(id: string): string {
  const notes = store.loadRelated("Thing", id, "notes");
  const texts: string[] = [];
  for (let i = 0; i < notes.length; i++) texts.push(notes[i].getString("text"));
  return texts.join(",");
}

/** Factory handler for the template test: starts indexing the child contract named in the event. */
export function handleSpawned(event: ethereum.Event): void {
  dataSource.create("Child", [event.parameters[0].value.toAddress().toHexString()]);
}

/** Template handler: records which data source saw which log. */
export function handlePing(event: ethereum.Event): void {
  const entity = new Entity();
  entity.set("text", Value.fromString(dataSource.address().toHexString() + "@" + event.logIndex.toString()));
  store.set("Note", event.transaction.hash.concatI32(event.logIndex.toI32()).toHexString(), entity);
}
