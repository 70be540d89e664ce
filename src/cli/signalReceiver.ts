/** `heatshift signal-receiver`: runs the signal receiver until SIGINT/SIGTERM. */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { startSignalReceiver } from "../signal/server";
import { CliCommand, CliError, UsageError } from "./command";

const USAGE = `usage: heatshift signal-receiver --data DIR [--listen HOST:PORT] [--public-url URL] [--admin-token-file FILE] [--quiet]

Runs the Heat-compatible signal receiver that WaitConditionHandle/WaitCondition use.

  --data DIR               durable store and admin token (DIR/admin-token, created if missing)  (required)
  --listen HOST:PORT       address to listen on; port 0 picks a free one   (default 127.0.0.1:8000)
  --public-url URL         base URL instances use to reach it, e.g. http://203.0.113.5:8000
                           (default http://HOST:PORT of --listen)
  --admin-token-file FILE  read the admin token from FILE instead of DIR/admin-token
                           (the environment variable HEATSHIFT_SIGNAL_ADMIN_TOKEN also works)
  --quiet                  no event lines on stderr

Prints "listening on <url>" on stdout once it accepts requests. Tokens are never printed.`;

/** Parses HOST:PORT (IPv6 as [::1]:PORT). */
export function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535) throw new UsageError(`--listen must be HOST:PORT such as 127.0.0.1:8000 (port 0..65535), got ${JSON.stringify(value)}`);
  return { host: match[1] ?? match[2], port };
}

export const signalReceiverCommand: CliCommand = {
  name: "signal-receiver",
  summary: "run the signal receiver for WaitConditionHandle/WaitCondition",
  usage: USAGE,
  async run(args) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: {
          data: { type: "string" },
          listen: { type: "string", default: "127.0.0.1:8000" },
          "public-url": { type: "string" },
          "admin-token-file": { type: "string" },
          quiet: { type: "boolean", default: false },
        },
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (values.data === undefined) throw new UsageError("--data DIR is required (where signals are stored durably)");
    const { host, port } = parseListen(values.listen as string);
    const publicUrl = values["public-url"];
    if (publicUrl !== undefined && !/^https?:\/\/[^/\s]+\/?$/.test(publicUrl)) {
      throw new UsageError(`--public-url must be a base URL such as http://203.0.113.5:8000 (no path), got ${JSON.stringify(publicUrl)}`);
    }
    let adminToken = process.env.HEATSHIFT_SIGNAL_ADMIN_TOKEN || undefined;
    const tokenFile = values["admin-token-file"];
    if (tokenFile !== undefined) {
      try {
        adminToken = fs.readFileSync(tokenFile, "utf8").trim();
      } catch (error) {
        throw new CliError(`cannot read --admin-token-file ${tokenFile}: ${(error as Error).message}`);
      }
    }
    if (adminToken !== undefined && adminToken.length < 22) throw new CliError("the admin token must have at least 128 bits (22 base64 characters)");
    const log = values.quiet ? undefined : (line: string): void => void process.stderr.write(`${new Date().toISOString()} ${line}\n`);
    const receiver = await startSignalReceiver({ dataDir: path.resolve(values.data), host, port, publicUrl, adminToken, log }).catch((error: Error) => {
      throw new CliError(error.message);
    });
    process.stdout.write(`listening on ${receiver.url} (endpoints use ${receiver.publicUrl}; data in ${path.resolve(values.data)})\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        resolve();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    await receiver.close();
    return 0;
  },
};
