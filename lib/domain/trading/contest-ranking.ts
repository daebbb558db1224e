// The weekly trading contest: entries ranked by the PnL realised this week.
export type Standing = { userId: string; score: number; joinedAt: Date };
export type RankChange = { userId: string; from: number | null; to: number };

/** ISO week id, e.g. "weekly-2026-W48": everyone's contest for the week that contains `date`. */
export function contestIdFor(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day); // the Thursday of this week decides its year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `weekly-${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** Ranks 1..n: higher score first; ties go to whoever joined first. */
export function rankStandings(entries: Standing[]): Map<string, number> {
  const sorted = [...entries].sort(
    (a, b) => b.score - a.score || a.joinedAt.getTime() - b.joinedAt.getTime() || a.userId.localeCompare(b.userId),
  );
  return new Map(sorted.map((e, i) => [e.userId, i + 1]));
}

/** Whose rank moved between two rankings (a new entry counts as a change). */
export function rankChanges(before: Map<string, number | null>, after: Map<string, number>): RankChange[] {
  const changes: RankChange[] = [];
  for (const [userId, to] of after) {
    const from = before.get(userId) ?? null;
    if (from !== to) changes.push({ userId, from, to });
  }
  return changes;
}

export function rankMessage(change: RankChange, contestName: string): string {
  if (change.from === null) return `You entered the ${contestName} at #${change.to}`;
  return change.to < change.from
    ? `You moved up to #${change.to} in the ${contestName}!`
    : `You dropped to #${change.to} in the ${contestName}`;
}
