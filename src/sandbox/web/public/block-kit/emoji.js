// @ts-check
/**
 * Emoji shortcodes as Slack shows them: the ones orderdesk writes, and the common ones people
 * type. An unknown code stays as typed, as Slack shows a custom emoji it cannot find.
 */
export const emojiByName = /** @type {Record<string, string>} */ ({
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  warning: '⚠️',
  no_entry: '⛔',
  no_entry_sign: '🚫',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  inbox_tray: '📥',
  outbox_tray: '📤',
  busts_in_silhouette: '👥',
  bust_in_silhouette: '👤',
  factory: '🏭',
  package: '📦',
  truck: '🚚',
  house: '🏠',
  checkered_flag: '🏁',
  double_vertical_bar: '⏸️',
  grey_question: '❔',
  question: '❓',
  grey_exclamation: '❕',
  exclamation: '❗',
  boom: '💥',
  tada: '🎉',
  memo: '📝',
  mag: '🔍',
  bell: '🔔',
  calendar: '📆',
  date: '📅',
  moneybag: '💰',
  money_with_wings: '💸',
  credit_card: '💳',
  lock: '🔒',
  key: '🔑',
  wrench: '🔧',
  hammer_and_wrench: '🛠️',
  gear: '⚙️',
  rotating_light: '🚨',
  fire: '🔥',
  eyes: '👀',
  thumbsup: '👍',
  '+1': '👍',
  thumbsdown: '👎',
  '-1': '👎',
  wave: '👋',
  pray: '🙏',
  rocket: '🚀',
  star: '⭐',
  sparkles: '✨',
  information_source: 'ℹ️',
  arrow_right: '➡️',
  arrow_forward: '▶️',
  arrow_left: '⬅️',
  repeat: '🔁',
  pencil2: '✏️',
  clipboard: '📋',
  link: '🔗',
  red_circle: '🔴',
  large_green_circle: '🟢',
  large_yellow_circle: '🟡',
  large_blue_circle: '🔵',
  white_circle: '⚪',
  smile: '😄',
  slightly_smiling_face: '🙂',
  thinking_face: '🤔',
});

/**
 * Replaces `:name:` with the emoji, in text that is already HTML-escaped.
 * @param {string} escapedText
 */
export function emojify(escapedText) {
  return escapedText.replace(/:([a-z0-9_+-]+):/g, (whole, /** @type {string} */ name) => {
    const emoji = emojiByName[name];
    return emoji ? `<span class="bk-emoji" title=":${name}:">${emoji}</span>` : whole;
  });
}
