import "server-only";
// The weekly contest's bookkeeping: realised PnL goes into the user's entry, the contest is
// re-ranked, and everyone whose rank moved hears about it. Re-ranks run one at a time.
import { prisma } from "@/lib/db/client";
import { notify } from "@/lib/notify/notify";
import { processWide } from "@/lib/service";
import { contestIdFor, rankChanges, rankMessage, rankStandings } from "./contest-ranking";

export const CONTEST_NAME = "weekly trading contest";

/** The tail of this process's re-rank queue. */
const queue = () => processWide("contest-queue", (): { tail: Promise<unknown> } => ({ tail: Promise.resolve() }));

function serialized<T>(work: () => Promise<T>): Promise<T> {
  const q = queue();
  const next = q.tail.then(work, work);
  q.tail = next.catch(() => undefined);
  return next;
}

/** Enters the user in this week's contest (no-op when already in), adding `pnl` to their score. */
export function recordContestPnl(userId: string, pnl: number, now = new Date()): Promise<void> {
  const contestId = contestIdFor(now);
  return serialized(async () => {
    const db = await prisma();
    await db.contestEntry.upsert({
      where: { contestId_userId: { contestId, userId } },
      create: { contestId, userId, score: pnl },
      update: pnl === 0 ? {} : { score: { increment: pnl } },
    });
    await rerank(contestId);
  });
}

async function rerank(contestId: string): Promise<void> {
  const db = await prisma();
  const entries = await db.contestEntry.findMany({ where: { contestId } });
  const before = new Map(entries.map((e) => [e.userId, e.rank]));
  for (const change of rankChanges(before, rankStandings(entries))) {
    await db.contestEntry.update({
      where: { contestId_userId: { contestId, userId: change.userId } },
      data: { rank: change.to },
    });
    await notify([change.userId], {
      type: "competition_ranking",
      message: rankMessage(change, CONTEST_NAME),
      data: { rank: change.to, previousRank: change.from, contest: contestId },
    });
  }
}
