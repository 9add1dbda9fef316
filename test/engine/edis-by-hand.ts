import * as https from "node:https";
import * as net from "node:net";
import type { EdisSimulator } from "pulumi-reinstall-simulator";

/**
 * EDIS calls made by hand, outside the provider: what an earlier release's run did to a VPS, replayed on a fresh
 * simulator before the current provider meets that run's state.
 */

type Props = Record<string, unknown>;

/** A form POST, EDIS's only kind of call. The simulator's CA is trusted through NODE_EXTRA_CA_CERTS. */
function postForm(url: string, fields: Record<string, string>): Promise<Props> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve(JSON.parse(text) as Props));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Recreates, in the fresh simulator, the reinstall 0.1.0 started: get/auth, then set/reinstall with the recorded inputs. */
export async function startEdisReinstall(sim: EdisSimulator, inputs: Props): Promise<void> {
  const kvmId = inputs.kvmId as string;
  const auth = await postForm(`${sim.sessionUrl}/kvm/v2/get/auth`, { email: sim.credentials.email, pw: sim.credentials.password, kvm_id: kvmId });
  const entry = (auth.data as Record<string, { api_host: string; signature: string; valid_until: number }>)[kvmId];
  const answer = await postForm(`https://${entry.api_host}/kvm/v2/set/reinstall`, {
    kvm_id: kvmId,
    signature: entry.signature,
    valid_until: String(entry.valid_until),
    image: inputs.image as string,
    password: inputs.password as string,
    ...(inputs.cloudInitUserData ? { cloudinit_user_data: inputs.cloudInitUserData as string } : {}),
  });
  expect(answer).toEqual({ status: "success" });
}

/** Whether the stand-in port accepts a connection: a closed one answers with a reset. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let failed = false;
    socket.on("connect", () => socket.end());
    socket.on("data", () => undefined);
    socket.on("error", () => (failed = true));
    socket.on("close", () => resolve(!failed));
  });
}

/** Waits for `condition` to hold: for what other processes do on their own (a warning logged, a stand-in port closing). */
export async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition());) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}
