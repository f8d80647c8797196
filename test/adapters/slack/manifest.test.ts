import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { SLACK_SURFACE } from '../../../src/adapters/slack/adapter.js';

/** The parts of a Slack app manifest that must agree with what the adapter handles. */
const manifestSchema = z.object({
  display_information: z.object({ name: z.string() }),
  features: z.object({
    app_home: z.object({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean() }),
    bot_user: z.object({ display_name: z.string() }),
    slash_commands: z.array(z.object({ command: z.string(), usage_hint: z.string().min(1) })),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean() }),
    socket_mode_enabled: z.boolean(),
  }),
});

const sorted = (items: readonly string[]) => [...items].sort();

describe('manifest.yml', async () => {
  const manifest = manifestSchema.parse(
    parse(await readFile(new URL('../../../manifest.yml', import.meta.url), 'utf8')),
  );

  it('is the guardia app', () => {
    expect(manifest.display_information.name).toBe('guardia');
    expect(manifest.features.bot_user.display_name).toBe('guardia');
  });

  it('declares exactly the slash commands the adapter handles', () => {
    const commands = manifest.features.slash_commands.map((c) => c.command);
    expect(sorted(commands)).toEqual(sorted(SLACK_SURFACE.commands));
  });

  it('subscribes to exactly the events the adapter handles', () => {
    expect(sorted(manifest.settings.event_subscriptions.bot_events)).toEqual(
      sorted(SLACK_SURFACE.events),
    );
  });

  it('asks for exactly the scopes the adapter needs', () => {
    expect(sorted(manifest.oauth_config.scopes.bot)).toEqual(sorted(SLACK_SURFACE.scopes));
  });

  it('turns on interactivity, the Home tab and Socket Mode', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(SLACK_SURFACE.actions);
    expect(manifest.features.app_home.home_tab_enabled).toBe(SLACK_SURFACE.home);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
