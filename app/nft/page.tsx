import { AppShell } from "@/components/app-shell";
import { NftCollection } from "@/components/nft/nft-collection";
import { requireUserPage } from "@/lib/auth/viewer";
import { getCollection } from "@/lib/domain/nft/get-collection";
import { latestEventId } from "@/lib/realtime/replay";

export const metadata = { title: "NFTs · Herald" };

export default async function NftPage() {
  const user = await requireUserPage();
  const [collection, cursor] = await Promise.all([getCollection(user.id), latestEventId()]);
  return (
    <AppShell userName={user.name ?? user.email ?? "you"} isAdmin={user.role === "ADMIN"} initialCursor={cursor}>
      <NftCollection collection={collection} />
    </AppShell>
  );
}
