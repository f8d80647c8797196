/**
 * Everything guardia asks of Slack, as data. The adapter registers its handlers from this
 * declaration and a test checks manifest.yml against it, so the app configuration in Slack and
 * the code cannot drift apart.
 */
export const SLACK_SURFACE = {
  commands: ['/ops'],
  events: ['app_mention', 'message.im', 'app_home_opened'],
  /** Buttons are handled, so interactivity must be on in the app settings. */
  actions: true,
  home: true,
  scopes: [
    'commands',
    'chat:write',
    'chat:write.public',
    'app_mentions:read',
    'im:history',
    'im:read',
    'im:write',
    'files:write',
    'usergroups:read',
    'users:read',
  ],
} as const;

/** Block actions guardia owns: `guardia:<action kind>:<position in the message>`. */
export const ACTION_ID_PATTERN = /^guardia:/;

export type SlackEventSubscription = (typeof SLACK_SURFACE.events)[number];
