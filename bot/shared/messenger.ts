/**
 * What capabilities need from Teams to tell people things. The Teams implementation lives in
 * platform/teams; tests and a later Agents SDK move swap it as a whole.
 */
export type ChannelRole = 'halteam' | 'dagstart' | 'receptie';

export interface Mention {
  /** Teams user id (29:…) or, when that is unknown, the Entra object id. */
  userId: string;
  name: string;
}

/** An Adaptive Card as JSON, already filled from its template. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard' };

export interface OutgoingMessage {
  text?: string;
  card?: AdaptiveCard;
  /** People to @mention; their `<at>name</at>` must appear in the text or in the card. */
  mentions?: Mention[];
  /**
   * A new alarm card: sent before any other waiting message of its conversation (card refreshes,
   * digests), and re-sent when the outcome of an attempt is unknown (a lost alarm is worse than two).
   */
  urgent?: boolean;
  /**
   * Asks the person to act (a manager's report, aftercare, a reminder): Teams raises a notification
   * for it (channelData.notification.alert), also when the chat is not open.
   */
  alert?: boolean;
}

/** Where a message landed, so it can be updated or answered in its thread later. */
export interface PostedMessage {
  conversationId: string;
  /**
   * '' when the service accepted the message without giving an id (the Agents Playground answers 202
   * without one to a message with a card). Such a message cannot be updated later (`update` refuses
   * it) and has no thread (`replyInThread` posts in the conversation): callers that update must
   * handle ''.
   */
  activityId: string;
}

export interface UserAddress {
  /** Teams user id (29:… in Teams, user-id-N in the playground). */
  id: string;
  aadObjectId?: string;
  name?: string;
}

export interface TeamMember {
  id: string;
  aadObjectId?: string;
  name: string;
}

export interface Messenger {
  postToChannel(role: ChannelRole, message: OutgoingMessage): Promise<PostedMessage>;
  replyInThread(root: PostedMessage, message: OutgoingMessage): Promise<PostedMessage>;
  update(posted: PostedMessage, message: OutgoingMessage): Promise<void>;
  sendToUser(user: UserAddress, message: OutgoingMessage): Promise<PostedMessage>;
  /** The members of the team a bound channel belongs to. */
  channelMembers(role: ChannelRole): Promise<TeamMember[]>;
}
