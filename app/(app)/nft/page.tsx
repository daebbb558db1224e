import { NftCollection } from "@/components/nft/nft-collection";
import { PageEvents } from "@/lib/client/page-events";
import { getCollection } from "@/lib/domain/nft/get-collection";
import { signedIn } from "../signed-in";

export const metadata = { title: "NFTs · Herald" };

export default async function NftPage() {
  const { user, cursor } = await signedIn();
  const collection = await getCollection(user.id);
  return (
    <PageEvents since={cursor}>
      <NftCollection collection={collection} />
    </PageEvents>
  );
}
