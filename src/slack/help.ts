import { context, escapeMrkdwn, header, section } from '../blocks/block-kit.ts';
import type { Reply, SubcommandText } from './subcommand.ts';

/** The `/order help` answer, built from the subcommands' words, which the router checks it runs. */
export function renderHelp(subcommands: readonly SubcommandText[], preface?: string): Reply {
  const lines = subcommands.map((s) => `*\`/order ${s.usage}\`* — ${s.summary}\n      e.g. \`${s.example}\``);
  return {
    text: `${preface ? `${preface}\n` : ''}orderdesk commands: ${subcommands.map((s) => s.name).join(', ')}`,
    blocks: [
      ...(preface ? [section(preface)] : []),
      header('orderdesk — what /order can do'),
      ...sectionsOf(lines).map((text) => section(text)),
      context(['Buttons on order cards and the App Home do the rest.']),
    ],
  };
}

export function unknownSubcommandPreface(typed: string, suggestion: string | null): string {
  const shown = `\`${escapeMrkdwn(typed.slice(0, 40))}\``;
  return suggestion
    ? `I don't know ${shown}. Did you mean \`/order ${suggestion}\`?`
    : `I don't know ${shown}. Here is what I can do:`;
}

/** Slack cuts a section's text at 3,000 characters: the list goes in as many as it needs. */
const sectionLimit = 3000;

function sectionsOf(lines: readonly string[]): string[] {
  const sections: string[] = [];
  for (const line of lines) {
    const last = sections.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= sectionLimit)
      sections[sections.length - 1] = `${last}\n${line}`;
    else sections.push(line);
  }
  return sections;
}
