import "server-only";
// The client behind the current request (page, server action or route handler): its address,
// its User-Agent, and whether it reached us over HTTPS.
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { clientAddress } from "./client-address";

export type Client = { address: string | null; userAgent: string | null; secure: boolean };

export function clientOf(h: Headers): Client {
  return {
    address: clientAddress(h.get("x-forwarded-for"), env().HERALD_TRUSTED_PROXIES),
    userAgent: h.get("user-agent")?.slice(0, 512) || null,
    // Next sets X-Forwarded-Proto from the socket when no proxy did.
    secure: h.get("x-forwarded-proto") === "https",
  };
}

export async function requestClient(): Promise<Client> {
  return clientOf(await headers());
}
