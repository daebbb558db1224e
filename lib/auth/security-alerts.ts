import "server-only";
// Security alerts about the account itself, through the one notification module: in the app when
// the user is online; otherwise at once on its offline channel (SMS, the priority of
// security_alert), through quiet hours, even if a stream opens meanwhile (lib/notify/routing.ts).
import type { EventPayload } from "@/lib/events/catalogue";
import { notify } from "@/lib/notify/notify";
import { log } from "@/lib/log";
import type { Client } from "./request-client";
import { describeUserAgent } from "./user-agent";

function where(client: Pick<Client, "address" | "userAgent">) {
  const device = describeUserAgent(client.userAgent);
  return { device, ...(client.address ? { ip: client.address } : {}), text: `${device}${client.address ? ` (${client.address})` : ""}` };
}

/** Never fails the sign-in or reset it reports on: a failure is logged. */
async function send(userId: string, message: string, data: EventPayload<"security_alert">): Promise<void> {
  await notify([userId], { type: "security_alert", message, data }).catch((err) => log().error({ err, user: userId }, "security alert failed"));
}

export async function alertNewDevice(userId: string, client: Pick<Client, "address" | "userAgent">): Promise<void> {
  const { text, ...data } = where(client);
  await send(userId, `New sign-in to your Herald account from ${text}. Not you? Reset your password.`, { kind: "new_device", ...data });
}

export async function alertPasswordReset(userId: string, client: Pick<Client, "address" | "userAgent">): Promise<void> {
  const { text, ...data } = where(client);
  await send(userId, `Your Herald password was changed from ${text}, and your other sessions were signed out. Not you? Reset it again now.`, {
    kind: "password_reset",
    ...data,
  });
}
