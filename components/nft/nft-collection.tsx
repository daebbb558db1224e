"use client";
// The collection, live: `nft_upgrade_status` moves each running job's progress bar, and the
// durable completion events refresh the collection in place (no reload).
import { Badge, Button, Card, Flex, Heading, Progress, Text } from "@radix-ui/themes";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { mintNftAction, upgradeNftAction } from "@/app/(app)/nft/actions";
import { withFeedback } from "@/components/action-feedback";
import { useRealtimeEvent } from "@/lib/client/realtime";
import type { Collection } from "@/lib/domain/nft/get-collection";
import { MAX_LEVEL, stageFor, type JobKind } from "@/lib/domain/nft/progress";

type Live = { jobId: string; kind: JobKind; progress: number; stage: string };
type JobView = { id: string; kind: JobKind; progress: number };

export function NftCollection({ collection }: { collection: Collection }) {
  const router = useRouter();
  // Live progress by NFT id (upgrades) or job id (mints); a job's progress only moves forward.
  const [live, setLive] = useState<Record<string, Live>>({});
  const [pending, setPending] = useState<string | null>(null);

  const track = (key: string, next: Live) =>
    setLive((all) => {
      const prev = all[key];
      if (prev && prev.jobId === next.jobId && prev.progress >= next.progress) return all;
      return { ...all, [key]: next };
    });

  useRealtimeEvent("nft_upgrade_status", (event) => {
    const d = event.data;
    const jobId = String(d.upgradeId);
    const kind = d.kind ?? "UPGRADE";
    const key = kind === "MINT" ? jobId : String(d.nftId);
    track(key, { jobId, kind, progress: d.progress, stage: d.stage ?? stageFor(kind, d.progress) });
  });
  const refresh = () => router.refresh();
  useRealtimeEvent("nft_upgrade_completed", refresh);
  useRealtimeEvent("nft_mint_completed", refresh);
  useRealtimeEvent("badge_earned", refresh);

  async function upgrade(nftId: string) {
    setPending(nftId);
    const result = await withFeedback(upgradeNftAction({ nftId }));
    setPending(null);
    if (result.ok) track(nftId, { jobId: result.data.id, kind: "UPGRADE", progress: result.data.progress, stage: stageFor("UPGRADE", 0) });
  }

  async function mint() {
    setPending("mint");
    const result = await withFeedback(mintNftAction());
    setPending(null);
    if (result.ok) track(result.data.id, { jobId: result.data.id, kind: "MINT", progress: 0, stage: stageFor("MINT", 0) });
  }

  const serverMints = new Map(collection.mints.map((m) => [m.id, m]));
  const liveMints = Object.values(live).filter((l) => l.kind === "MINT" && l.progress < 100 && !serverMints.has(l.jobId));
  const mints: JobView[] = [...collection.mints, ...liveMints.map((l) => ({ id: l.jobId, kind: l.kind, progress: l.progress }))];

  return (
    <>
      <Flex justify="between" align="center" wrap="wrap" gap="3">
        <Heading as="h1" size="7">
          Your NFTs
        </Heading>
        <Button onClick={mint} disabled={pending === "mint" || mints.length > 0}>
          Mint a new NFT
        </Button>
      </Flex>
      <section aria-label="Badges" className="card">
        <Heading as="h2" size="4" mb="2">
          Badges
        </Heading>
        {collection.badges.length === 0 ? (
          <Text color="gray">Upgrade an NFT to earn your first badge.</Text>
        ) : (
          <Flex gap="2" wrap="wrap" data-testid="badges">
            {collection.badges.map((b) => (
              <Badge key={b.badgeId} color="amber" size="2">
                🏆 {b.name}
              </Badge>
            ))}
          </Flex>
        )}
      </section>
      <ul className="page-grid" aria-label="Collection" style={{ listStyle: "none", padding: 0 }}>
        {collection.nfts.map((nft) => (
          <li key={nft.id}>
            <NftCard nft={nft} live={live[nft.id]} busy={pending === nft.id} onUpgrade={() => upgrade(nft.id)} />
          </li>
        ))}
        {mints.map((job) => (
          <li key={job.id}>
            <Card>
              <div className="nft-art" style={{ background: "repeating-linear-gradient(45deg,#2a3040,#2a3040 10px,#1c2130 10px,#1c2130 20px)" }}>
                ?
              </div>
              <Heading as="h3" size="3" mt="2">
                Minting…
              </Heading>
              <JobProgress label="Mint progress" kind="MINT" progress={Math.max(job.progress, live[job.id]?.progress ?? 0)} />
            </Card>
          </li>
        ))}
      </ul>
      {collection.nfts.length === 0 && mints.length === 0 && <Text color="gray">No NFTs yet: mint your first one.</Text>}
    </>
  );
}

function NftCard(props: {
  nft: Collection["nfts"][number];
  live: Live | undefined;
  busy: boolean;
  onUpgrade: () => void;
}) {
  const { nft, live } = props;
  const job = nft.job;
  // A running job shows where it stands (server value after a reload, live value as it moves); a
  // job that finished on this page keeps its full bar until the next upgrade starts.
  const progress = job ? Math.max(job.progress, live?.jobId === job.id ? live.progress : 0) : live?.progress;
  const running = !!job && (progress ?? 0) < 100;
  return (
    <Card data-testid={`nft-${nft.id}`} aria-label={nft.name}>
      <div className="nft-art" style={{ background: artFor(nft.id, nft.level) }} aria-hidden>
        Lv {nft.level}
      </div>
      <Flex justify="between" align="center" mt="2" gap="2" wrap="wrap">
        <Heading as="h3" size="3">
          {nft.name}
        </Heading>
        <Badge data-testid="nft-level" size="2">
          Level {nft.level}
        </Badge>
      </Flex>
      {progress !== undefined && (
        <JobProgress label={`Upgrade progress for ${nft.name}`} kind="UPGRADE" progress={progress} stage={live?.stage} />
      )}
      <Button
        mt="3"
        style={{ width: "100%" }}
        onClick={props.onUpgrade}
        disabled={running || props.busy || nft.level >= MAX_LEVEL}
        aria-label={`Upgrade ${nft.name} to level ${nft.level + 1}`}
      >
        {nft.level >= MAX_LEVEL ? "Max level" : running ? "Upgrading…" : `Upgrade to Level ${nft.level + 1}`}
      </Button>
    </Card>
  );
}

function JobProgress(props: { label: string; kind: JobKind; progress: number; stage?: string }) {
  return (
    <div style={{ marginTop: 10 }}>
      <Flex justify="between">
        <Text size="1" color="gray">
          {props.progress >= 100 ? stageFor(props.kind, 100) : (props.stage ?? stageFor(props.kind, props.progress))}
        </Text>
        <Text size="1" className="num">
          {props.progress}%
        </Text>
      </Flex>
      <Progress value={props.progress} aria-label={props.label} size="2" />
    </div>
  );
}

/** A stable gradient per NFT; higher levels glow warmer. */
function artFor(id: string, level: number): string {
  let x = 0x811c9dc5;
  for (const ch of id) x = Math.imul(x ^ ch.charCodeAt(0), 0x01000193);
  const h = (x >>> 0) % 360;
  const warm = (h + 40 + level * 25) % 360;
  return `linear-gradient(135deg, hsl(${h} 70% 45%), hsl(${warm} 80% 55%))`;
}
