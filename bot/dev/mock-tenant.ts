import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const userSchema = z.object({ id: z.string(), name: z.string(), aadObjectId: z.string(), email: z.string() });

const tenantSchema = z.object({
  tenantId: z.string(),
  bot: z.object({ id: z.string(), name: z.string() }),
  currentUser: userSchema,
  users: z.array(userSchema).length(5),
  team: z.object({
    id: z.string(),
    name: z.string(),
    channels: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
});

export type MockTenant = z.infer<typeof tenantSchema>;

/** Reads the committed playground tenant (`.m365agentsplayground.yml`). */
export function readMockTenant(file: string): MockTenant {
  return tenantSchema.parse(parseYaml(fs.readFileSync(file, 'utf8')));
}

export function halteamChannelId(tenant: MockTenant): string {
  const channel = tenant.team.channels.find((candidate) => candidate.name.toLowerCase() === 'halteam');
  if (!channel) throw new Error('The mock tenant has no channel named Halteam');
  return channel.id;
}
