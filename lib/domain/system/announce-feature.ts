import "server-only";
import { broadcast } from "@/lib/notify/notify";

export async function announceFeature(input: { message: string; pairs: string[] }) {
  const result = await broadcast({
    type: "feature_announcement",
    message: `🆕 ${input.message}`,
    data: input.pairs.length > 0 ? { pairs: input.pairs } : {},
  });
  return { id: result.envelope.id };
}
