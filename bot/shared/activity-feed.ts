/**
 * A notification on people's phones and desktops through Teams' activity feed (the alarm's pushes).
 * A kernel port like Messenger: implemented over Microsoft Graph in platform/graph/activity-feed.ts.
 */
export interface ActivityNotice {
  /** The deep link the notification opens (the alarm card's channel message). */
  webUrl: string;
  /** Shown as the notification's topic. */
  topic: string;
  /** One of the manifest's `activities.activityTypes`. */
  activityType: string;
  previewText: string;
  templateParameters: Record<string, string>;
  /** Entra object ids. */
  recipients: readonly string[];
}

export interface ActivityFeed {
  /**
   * Sends the notice to every recipient, in batches; `onBatch` hears each batch once it is accepted,
   * so that a retry after a failure part-way sends only the rest.
   */
  notify(notice: ActivityNotice, onBatch?: (recipients: readonly string[]) => Promise<void>): Promise<void>;
}
