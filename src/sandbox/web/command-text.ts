import type { FakeSlack } from '../fake-slack/index.ts';

/**
 * What Slack does to a slash command's text when the command has `should_escape` (orderdesk's
 * has): `&`, `<` and `>` are escaped, and `@name` / `#channel` become `<@U…|name>` and
 * `<#C…|channel>` for people and channels that exist. Plain messages are escaped the same way.
 */
export function escapeTypedText(slack: FakeSlack, typed: string): string {
  const escaped = typed.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return escaped
    .replace(/(^|\s)@([\w.-]+)/g, (whole, space: string, name: string) => {
      const user = slack.workspace.users().find((u) => u.name === name.toLowerCase());
      return user ? `${space}<@${user.id}|${user.name}>` : whole;
    })
    .replace(/(^|\s)#([\w-]+)/g, (whole, space: string, name: string) => {
      const channel = slack.workspace.findChannel(name.toLowerCase());
      return channel && !channel.is_im ? `${space}<#${channel.id}|${channel.name}>` : whole;
    });
}
