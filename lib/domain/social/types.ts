// What the social page shows; shared by the server that loads it and the components that render it.
export type Person = { id: string; name: string };
export type FriendRequestView = { requestId: string; person: Person; sentAt: string };
export type FriendsView = { friends: Person[]; incoming: FriendRequestView[]; outgoing: FriendRequestView[] };

export type ChatMessageView = { id: string; roomId: string; senderId: string; sender: string; text: string; at: string };
export type ChatRoomView = { id: string; name: string; members: Person[]; messages: ChatMessageView[] };
