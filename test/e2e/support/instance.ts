/**
 * Playing the instance. The fake compute driver runs no guest, so nothing executes the user_data:
 * the test finds the line where `wc_notify` was replaced by the handle's curl_cli and runs it with
 * the real curl, as cloud-init would at the end of the script.
 */
import { execFile } from "child_process";
import { promisify } from "util";

/** The curl_cli line of a rendered heat_2d script, without the template's own `--data-binary '...'`. */
export function signalCommand(userData: string): string {
  const lines = userData.split("\n").filter((line) => /^curl -i -X POST -H 'X-Auth-Token: /.test(line));
  if (lines.length !== 1) {
    throw new Error(`expected exactly one curl_cli line (wc_notify replaced) in the user_data, found ${lines.length}:\n${userData}`);
  }
  return lines[0].replace(/ --data-binary '[^']*'$/, "");
}

/** Runs the signal with the real curl and `--data-binary BODY`; returns the HTTP status and body. */
export async function sendSignal(userData: string, body: Record<string, unknown>): Promise<{ status: number; body: string }> {
  const json = JSON.stringify(body);
  if (json.includes("'")) throw new Error(`the signal body must not contain a single quote: ${json}`);
  const { stdout } = await promisify(execFile)("bash", ["-c", `${signalCommand(userData)} -s --data-binary '${json}'`], { timeout: 60_000 });
  const [head, ...rest] = stdout.split("\r\n\r\n");
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]), body: rest.join("\r\n\r\n").trim() };
}
