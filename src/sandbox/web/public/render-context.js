// @ts-check
/**
 * The renderer's context for one person's state: names for mentions, and the choices of users
 * and conversations selects.
 * @param {import('./types.js').SandboxState} state
 * @returns {import('./block-kit/types.js').RenderContext}
 */
export function renderContext(state) {
  const channels = Object.fromEntries(
    state.conversations.filter((c) => c.kind === 'channel').map((c) => [c.id, { name: c.name }]),
  );
  return {
    users: state.users,
    channels,
    people: state.people.map((p) => ({ id: p.id, name: p.name })),
    conversations: state.conversations
      .filter((c) => c.kind === 'channel')
      .map((c) => ({ id: c.id, name: c.name })),
  };
}
