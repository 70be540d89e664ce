/**
 * TypeScript identifiers for HOT names: `router-interface` → `routerInterface`, unique within one
 * generated program, never a reserved word or a name the program itself uses (`pulumi`, `config`...).
 */

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "as implements interface let package private protected public static yield any boolean number string symbol " +
    "await async of type undefined NaN Infinity arguments eval Object Array String Number Boolean Error Promise"
  ).split(" "),
);

/** `router-interface`, `flasky_port`, `OS::stack_name` → `routerInterface`, `flaskyPort`, `osStackName`. */
export function camelCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== "");
  const joined = words
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
    .join("");
  if (joined === "") return "value";
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** Whether `name` can be used as written as a property key or an exported name. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name);
}

/** Whether `name` can be written bare as a property key or after a dot (reserved words can: `{ type: 1 }`, `x.default`). */
export function isPropertyName(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/** Hands out identifiers, each once: a taken one gets the suffix, then a number. */
export class IdentifierScope {
  private readonly taken = new Set<string>(RESERVED);

  /** `reserved`: names the generated program uses itself (imports, `config`). */
  constructor(reserved: readonly string[] = []) {
    reserved.forEach((r) => this.taken.add(r));
  }

  /** Takes `name` as it is (an exported output name); false when it is taken already. */
  reserve(name: string): boolean {
    if (this.taken.has(name)) return false;
    this.taken.add(name);
    return true;
  }

  /** A fresh identifier for `name`; `suffix` (e.g. `Resource`) is tried first when the plain one is taken. */
  allocate(name: string, suffix = ""): string {
    const base = camelCase(name);
    const candidates = [base, ...(suffix === "" ? [] : [base + suffix])];
    for (const candidate of candidates) {
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate);
        return candidate;
      }
    }
    const stem = candidates[candidates.length - 1];
    for (let n = 2; ; n++) {
      if (!this.taken.has(`${stem}${n}`)) {
        this.taken.add(`${stem}${n}`);
        return `${stem}${n}`;
      }
    }
  }
}
