/**
 * Talks to the Agents Playground's own HTTP API (what its web UI calls), so scripts and tests can act
 * as a Teams user without a browser. See shared/playground.md.
 */
export interface PlaygroundUser {
  id: string;
  name: string;
}

export class PlaygroundClient {
  constructor(
    readonly baseUrl: string,
    readonly botId: string,
  ) {}

  async install(conversationId: string): Promise<void> {
    await this.post(`/_debug/conversation/${encodeURIComponent(conversationId)}/installation`, {});
  }

  /** A user types a message; in a channel or group chat the bot is @mentioned, as in Teams. */
  async say(
    conversationId: string,
    from: PlaygroundUser,
    text: string,
    options: { mention?: boolean } = {},
  ): Promise<unknown> {
    const body: Record<string, unknown> = { from: { id: from.id }, text, textFormat: 'plain' };
    if (options.mention) {
      body.text = `<at>Halteam</at> ${text}`;
      body.mentions = [{ mentioned: { id: this.botId }, text: '<at>Halteam</at>' }];
    }
    return this.post(`/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, body);
  }

  /** A user clicks an Action.Execute button; the refreshed card comes back in the response. */
  async execute(
    conversationId: string,
    from: PlaygroundUser,
    cardMessageId: string,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<unknown> {
    return this.post('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      from: { id: from.id },
      conversation: { id: conversationId },
      replyToId: cardMessageId,
      value: { action: { type: 'Action.Execute', verb, data } },
    });
  }

  /** A user clicks an Action.Submit button. */
  async submit(
    conversationId: string,
    from: PlaygroundUser,
    cardMessageId: string,
    value: Record<string, unknown>,
  ): Promise<unknown> {
    return this.post('/_conversation/v1/submit', {
      conversation: { id: conversationId },
      from: { id: from.id },
      replyToId: cardMessageId,
      value,
    });
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Playground ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    try {
      return text ? JSON.parse(text) : undefined;
    } catch {
      return text;
    }
  }
}
