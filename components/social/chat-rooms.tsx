"use client";
import { Badge, Button, Callout, Card, Flex, Heading, Text, TextArea } from "@radix-ui/themes";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { postChatMessageAction } from "@/app/(app)/social/actions";
import { useRealtimeEvent } from "@/lib/client/realtime";
import type { ChatMessageView, ChatRoomView } from "@/lib/domain/social/types";
import { CHAT_MAX_LENGTH, chatMessageSchema } from "@/lib/validations/social";

export function ChatRooms(props: { rooms: ChatRoomView[]; me: string }) {
  if (props.rooms.length === 0) {
    return (
      <Card size="2" my="4">
        <Heading size="4">Chat</Heading>
        <Text color="gray">You are not in any chat room yet.</Text>
      </Card>
    );
  }
  // Every room stays mounted, so each keeps receiving its messages.
  return props.rooms.map((r) => <ChatRoom key={r.id} room={r} me={props.me} />);
}

/** One room: its history from the page load, then every member's messages live. Text only, never HTML. */
function ChatRoom(props: { room: ChatRoomView; me: string }) {
  const { room } = props;
  const [messages, setMessages] = useState<ChatMessageView[]>(room.messages);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const log = useRef<HTMLOListElement>(null);

  const add = (m: ChatMessageView) =>
    setMessages((list) => (list.some((x) => x.id === m.id) ? list : [...list, m].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))));

  useRealtimeEvent("chat_message", (event) => {
    const d = event.data;
    // A message posted in the app carries its stored id; one from the trigger API has none to list.
    if (String(d.roomId) !== room.id || d.messageId === undefined) return;
    add({ id: d.messageId, roomId: room.id, senderId: d.senderId ?? "", sender: d.sender, text: d.text, at: d.at ?? event.timestamp });
  });

  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [messages.length]);

  async function send(e?: FormEvent) {
    e?.preventDefault();
    const parsed = chatMessageSchema.safeParse({ roomId: room.id, text });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Check your message");
    // Clear the box at once so the next message can be typed while this one is sent.
    setText("");
    setSending(true);
    const result = await postChatMessageAction(parsed.data);
    setSending(false);
    if (!result.ok) {
      setText((current) => (current === "" ? text : current)); // give the refused text back
      return setError(result.error.message);
    }
    setError(null);
    add(result.data);
  }
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      void send();
    }
  }

  const over = text.length > CHAT_MAX_LENGTH;
  return (
    <Card size="2" my="4" asChild>
      <section aria-labelledby={`room-${room.id}`} data-testid={`chat-room-${room.id}`}>
        <Flex justify="between" align="center" wrap="wrap" gap="2" mb="2">
          <Heading size="4" id={`room-${room.id}`}>
            {room.name}
          </Heading>
          <Flex gap="1" wrap="wrap">
            {room.members.map((m) => (
              <Badge key={m.id} variant="soft" color={m.id === props.me ? "indigo" : "gray"}>
                {m.name}
              </Badge>
            ))}
          </Flex>
        </Flex>
        <ol className="chat-log" ref={log} aria-label={`${room.name} messages`} aria-live="polite" data-testid="chat-log">
          {messages.length === 0 && <li className="muted">No messages yet. Say hello!</li>}
          {messages.map((m) => (
            <li key={m.id} className={`chat-line${m.senderId === props.me ? " mine" : ""}`}>
              <span className="sender">{m.sender}</span>
              {m.text}
              <time className="muted" dateTime={m.at}>
                {" "}
                {new Date(m.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
              </time>
            </li>
          ))}
        </ol>
        <form onSubmit={send} noValidate>
          <Flex direction="column" gap="2" mt="3">
            <TextArea
              aria-label={`Message ${room.name}`}
              placeholder={`Message ${room.name}`}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                if (error) setError(null);
              }}
              onKeyDown={onKeyDown}
              rows={2}
              aria-invalid={over || undefined}
              aria-describedby={`room-${room.id}-count`}
            />
            <Flex justify="between" align="center" gap="2">
              <Text size="1" color={over ? "red" : "gray"} id={`room-${room.id}-count`}>
                {text.length}/{CHAT_MAX_LENGTH}
              </Text>
              <Button type="submit" disabled={sending}>
                {sending ? "Sending…" : "Send"}
              </Button>
            </Flex>
            {error && (
              <Callout.Root color="red" role="alert" size="1">
                <Callout.Text>{error}</Callout.Text>
              </Callout.Root>
            )}
          </Flex>
        </form>
      </section>
    </Card>
  );
}
