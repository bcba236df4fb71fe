import type { ChannelRole } from './messenger';

/** An opaque Bot Framework conversation reference, kept as JSON. */
export type ConversationReferenceJson = Record<string, unknown> & {
  serviceUrl?: string;
  conversation?: { id: string; tenantId?: string; conversationType?: string };
};

export interface ChannelBinding {
  role: ChannelRole;
  reference: ConversationReferenceJson;
  channelName?: string;
  boundBy: string;
  boundAt: string;
}

/** Where the bot keeps channel bindings and users' personal-chat references; survives restarts. */
export interface ConversationStore {
  getBinding(role: ChannelRole): Promise<ChannelBinding | undefined>;
  saveBinding(binding: ChannelBinding): Promise<void>;
  listBindings(): Promise<ChannelBinding[]>;
  getUserReference(userId: string): Promise<ConversationReferenceJson | undefined>;
  saveUserReference(userId: string, reference: ConversationReferenceJson): Promise<void>;
  /** Any stored reference, to learn the tenant's service URL and tenant id for a new conversation. */
  anyReference(): Promise<ConversationReferenceJson | undefined>;
}
