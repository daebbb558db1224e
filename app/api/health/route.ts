import { database } from "@/lib/db/client";

export async function GET() {
  await database();
  return Response.json({ ok: true });
}
