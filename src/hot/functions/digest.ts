import { createHash } from "crypto";
import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { FunctionContext, FunctionDefinition, FunctionNode } from "./types";

/**
 * Python's `hashlib.algorithms_available` (Debian's Python 3.11 with OpenSSL 3) and the Node
 * name of each. `caseInsensitive`: OpenSSL also accepts the name in upper case (Heat passes the
 * name as written to `hashlib.new`); Python's own sha3/blake2 names must be lower case.
 */
const ALGORITHMS: Readonly<Record<string, { readonly node?: string; readonly caseInsensitive: boolean }>> = {
  md5: { node: "md5", caseInsensitive: true },
  "md5-sha1": { node: "md5-sha1", caseInsensitive: true },
  ripemd160: { node: "ripemd160", caseInsensitive: true },
  sha1: { node: "sha1", caseInsensitive: true },
  sha224: { node: "sha224", caseInsensitive: true },
  sha256: { node: "sha256", caseInsensitive: true },
  sha384: { node: "sha384", caseInsensitive: true },
  sha512: { node: "sha512", caseInsensitive: true },
  sm3: { node: "sm3", caseInsensitive: true },
  sha512_224: { node: "sha512-224", caseInsensitive: false },
  sha512_256: { node: "sha512-256", caseInsensitive: false },
  sha3_224: { node: "sha3-224", caseInsensitive: false },
  sha3_256: { node: "sha3-256", caseInsensitive: false },
  sha3_384: { node: "sha3-384", caseInsensitive: false },
  sha3_512: { node: "sha3-512", caseInsensitive: false },
  blake2b: { node: "blake2b512", caseInsensitive: false },
  blake2s: { node: "blake2s256", caseInsensitive: false },
  // Variable-length digests: Heat's `hexdigest()` without a length fails for them.
  shake_128: { caseInsensitive: false },
  shake_256: { caseInsensitive: false },
};

/** Heat's Digest on plain arguments: the lower-case hex digest of the value's Latin-1 bytes. */
export function digest(fnName: string, args: unknown): string {
  if (!Array.isArray(args) || !args.every((a) => typeof a === "string")) {
    throw new FunctionError(`Argument to function "${fnName}" must be a list of strings`);
  }
  if (args.length !== 2) {
    throw new FunctionError(`Function "${fnName}" usage: ["<algorithm>", "<value>"]`);
  }
  const [algorithm, value] = args as string[];
  const known = ALGORITHMS[algorithm.toLowerCase()];
  if (known === undefined) {
    throw new FunctionError(`Algorithm must be one of ${Object.keys(ALGORITHMS).sort().join(", ")}`);
  }
  if (known.node === undefined) {
    throw new FunctionError(`Algorithm ${algorithm} has a variable-length digest, which "${fnName}" cannot produce`);
  }
  if (algorithm !== algorithm.toLowerCase() && !known.caseInsensitive) {
    throw new FunctionError(`unsupported hash type ${algorithm}`);
  }
  const wide = [...value].findIndex((ch) => ch.codePointAt(0)! > 0xff);
  if (wide >= 0) {
    throw new FunctionError(
      `"${fnName}" hashes the Latin-1 bytes of the value, and character ${JSON.stringify([...value][wide])} at position ${wide} has none`,
    );
  }
  return createHash(known.node).update(Buffer.from(value, "latin1")).digest("hex");
}

/** `digest: [algorithm, value]` (from 2015-04-30). */
export class DigestNode extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (args) => digest(this.fnName, args));
  }
}

export const digestDefinition: FunctionDefinition = {
  heatClass: "Digest",
  create: (call) => new DigestNode(call.fnName, call.args, call.location),
};
