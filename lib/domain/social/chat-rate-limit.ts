// How fast one person may post to chat: at most `max` messages in any `windowMs`. Pure, so the
// rule is tested on its own; the caller counts the messages from the database (shared by every
// instance), not from memory.
export const CHAT_RATE = { max: 5, windowMs: 10_000 } as const;

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

/** `recent`: the sender's message times within the window, any order. */
export function chatRateDecision(recent: Date[], now: Date, rule: { max: number; windowMs: number } = CHAT_RATE): RateDecision {
  const since = now.getTime() - rule.windowMs;
  const inWindow = recent.map((d) => d.getTime()).filter((t) => t > since).sort((a, b) => a - b);
  if (inWindow.length < rule.max) return { ok: true };
  // The oldest message that still counts must leave the window before another may go.
  const oldest = inWindow[inWindow.length - rule.max]!;
  return { ok: false, retryAfterMs: Math.max(1, oldest + rule.windowMs - now.getTime()) };
}
