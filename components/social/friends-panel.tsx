"use client";
import { Button, Callout, Card, Flex, Heading, Text, TextField } from "@radix-ui/themes";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { acceptFriendRequestAction, sendFriendRequestAction } from "@/app/(app)/social/actions";
import { useRealtimeEvent } from "@/lib/client/realtime";
import type { FriendsView } from "@/lib/domain/social/types";
import { friendRequestSchema } from "@/lib/validations/social";

/** Friends and requests, as the server last rendered them; re-read when a request changes. */
export function FriendsPanel(props: { view: FriendsView }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  useRealtimeEvent("friend_request", () => router.refresh());

  async function request(e: FormEvent) {
    e.preventDefault();
    const parsed = friendRequestSchema.safeParse({ email });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Check the address");
    setPending(true);
    const result = await sendFriendRequestAction(parsed.data);
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setEmail("");
    toast.success(
      result.data.status === "accepted" ? `You and ${result.data.name} are now friends` : `Friend request sent to ${result.data.name}`,
    );
    router.refresh();
  }
  async function accept(requestId: string) {
    const result = await acceptFriendRequestAction({ requestId });
    if (!result.ok) return void toast.error(result.error.message);
    toast.success(`You and ${result.data.name} are now friends`);
    router.refresh();
  }

  const { friends, incoming, outgoing } = props.view;
  return (
    <Card size="2" asChild>
      <section aria-labelledby="friends-heading" data-testid="friends">
        <Heading size="4" id="friends-heading" mb="2">
          Friends
        </Heading>
        {friends.length === 0 ? (
          <Text as="p" color="gray">
            No friends yet. Add someone by email below.
          </Text>
        ) : (
          <ul className="plain-list">
            {friends.map((f) => (
              <li key={f.id}>{f.name}</li>
            ))}
          </ul>
        )}
        {incoming.length > 0 && (
          <>
            <Heading as="h3" size="2" mt="3" mb="1">
              Waiting for you
            </Heading>
            <ul className="plain-list">
              {incoming.map((r) => (
                <li key={r.requestId}>
                  <Flex align="center" justify="between" gap="2">
                    <span>{r.person.name}</span>
                    <Button size="1" onClick={() => void accept(r.requestId)} aria-label={`Accept ${r.person.name}`}>
                      Accept
                    </Button>
                  </Flex>
                </li>
              ))}
            </ul>
          </>
        )}
        {outgoing.length > 0 && (
          <Text as="p" size="2" color="gray" mt="2">
            Sent: {outgoing.map((r) => r.person.name).join(", ")} (waiting for them)
          </Text>
        )}
        <form onSubmit={request} noValidate>
          <Flex gap="2" mt="3" wrap="wrap">
            <TextField.Root
              style={{ flex: 1, minWidth: "12ch" }}
              type="email"
              placeholder="friend@example.com"
              aria-label="Friend's email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <Button type="submit" disabled={pending}>
              Add friend
            </Button>
          </Flex>
          {error && (
            <Callout.Root color="red" role="alert" size="1" mt="2">
              <Callout.Text>{error}</Callout.Text>
            </Callout.Root>
          )}
        </form>
      </section>
    </Card>
  );
}
