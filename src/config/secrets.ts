/**
 * Secrets come from the environment only, never from the config file. The entry point passes
 * `process.env` here; nothing else in guardia reads the environment.
 */
export interface Secrets {
  slackBotToken?: string;
  slackAppToken?: string;
  slackSigningSecret?: string;
  twilioAccountSid?: string;
  twilioAuthToken?: string;
  /** Everything else, for `${ENV}` references in runbooks and headers. */
  env: Readonly<Record<string, string>>;
}

export function secretsFromEnv(env: Record<string, string | undefined>): Secrets {
  const pick = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const all: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) all[key] = value;
  const secrets: Secrets = { env: Object.freeze(all) };
  const assign = (key: Exclude<keyof Secrets, 'env'>, name: string) => {
    const value = pick(name);
    if (value) secrets[key] = value;
  };
  assign('slackBotToken', 'SLACK_BOT_TOKEN');
  assign('slackAppToken', 'SLACK_APP_TOKEN');
  assign('slackSigningSecret', 'SLACK_SIGNING_SECRET');
  assign('twilioAccountSid', 'TWILIO_ACCOUNT_SID');
  assign('twilioAuthToken', 'TWILIO_AUTH_TOKEN');
  return Object.freeze(secrets);
}
