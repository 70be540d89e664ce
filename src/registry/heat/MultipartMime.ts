/**
 * OS::Heat::MultipartMime (heat/engine/resources/openstack/heat/multi_part.py): the parts as one
 * MIME multipart message, as Python's email package writes it (cloud-init reads this as user_data).
 * Heat's boundary is random on every create; heatshift derives it from the content so that an
 * unchanged template gives unchanged user_data (no needless server replacement).
 */
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { PropertiesSchema, RegistryEntry } from "../types";
import { configAttributes, configResource } from "./SoftwareConfig";

export const properties: PropertiesSchema = {
  group: { type: "String", default: "Heat::Ungrouped" },
  parts: {
    type: "List",
    default: [],
    items: {
      type: "Map",
      keys: {
        config: { type: "String", required: true },
        filename: { type: "String" },
        type: { type: "String", default: "text", allowed: ["text", "multipart"] },
        subtype: { type: "String" },
      },
    },
  },
};

/** One part after resolution: the text and how to label it. */
export interface MimePart {
  readonly config: string;
  readonly type?: string;
  readonly filename?: string;
  readonly subtype?: string;
}

interface Leaf {
  readonly text: string;
  readonly subtype: string;
  readonly filename: string;
}

/** Renders the message. A `multipart` part is split into its own parts, as Heat does. */
export function renderMultipartMime(parts: readonly MimePart[]): string {
  const leaves: Leaf[] = [];
  for (const part of parts) {
    if (part.type === "multipart") leaves.push(...splitMultipart(part.config));
    else leaves.push({ text: part.config, subtype: part.subtype ?? "", filename: part.filename ?? "" });
  }
  const bodies = leaves.map(renderPart);
  const boundary = `===============${BigInt("0x" + createHash("sha256").update(bodies.join("\0")).digest("hex").slice(0, 15)).toString().padStart(19, "0").slice(0, 19)}==`;
  let message = `Content-Type: multipart/mixed; boundary="${boundary}"\nMIME-Version: 1.0\n\n`;
  for (const body of bodies) message += `--${boundary}\n${body}\n`;
  return `${message}--${boundary}--\n`;
}

function renderPart(leaf: Leaf): string {
  // Heat takes the subtype from the file name's stem when none is given (os.path.splitext(...)[0]).
  const subtype = leaf.subtype || (leaf.filename ? leaf.filename.replace(/(?!^)\.[^./]*$/, "") : "plain");
  const ascii = /^[\x00-\x7f]*$/.test(leaf.text);
  let headers = `Content-Type: text/${subtype}; charset="${ascii ? "us-ascii" : "utf-8"}"\nMIME-Version: 1.0\n`;
  headers += `Content-Transfer-Encoding: ${ascii ? "7bit" : "base64"}\n`;
  if (leaf.filename) headers += `Content-Disposition: attachment; filename="${leaf.filename}"\n`;
  const payload = ascii ? leaf.text : wrapBase64(Buffer.from(leaf.text, "utf8").toString("base64"));
  return `${headers}\n${payload}`;
}

function wrapBase64(text: string): string {
  return (text.match(/.{1,76}/g) ?? []).join("\n") + "\n";
}

/** The text parts of a multipart message (Heat: email.message_from_string, then each payload). */
function splitMultipart(message: string): Leaf[] {
  const boundary = /boundary="?([^"\n;]+)"?/i.exec(message)?.[1];
  if (!boundary) return [];
  const chunks = message.split(`--${boundary}`).slice(1, -1);
  return chunks.map((chunk) => {
    const body = chunk.replace(/^\n/, "");
    const split = body.indexOf("\n\n");
    const head = split < 0 ? body : body.slice(0, split);
    let text = split < 0 ? "" : body.slice(split + 2).replace(/\n$/, "");
    const subtype = /Content-Type:\s*text\/([^;\s]+)/i.exec(head)?.[1] ?? "plain";
    const filename = /filename="?([^"\n]+)"?/i.exec(head)?.[1] ?? "";
    if (/Content-Transfer-Encoding:\s*base64/i.test(head)) text = Buffer.from(text, "base64").toString("utf8");
    return { text, subtype, filename };
  });
}

export const multipartMimeEntry: RegistryEntry = {
  type: "OS::Heat::MultipartMime",
  pulumiTypes: [],
  properties,
  attributes: configAttributes,
  create: (ctx) =>
    configResource(
      pulumi.output(ctx.properties.parts as pulumi.Input<MimePart[]>).apply((parts) => renderMultipartMime(parts ?? [])),
    ),
};
