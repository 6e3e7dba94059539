import { canSeeOrg, type Actor } from './policy.js';

/**
 * Work across levels (docs/design.md §8, issue 13), as pure rules over the organisation tree. Like
 * the rest of the policy, each takes chains: an organisation's id followed by its ancestors' up to
 * the root (the store's `tree.chain`), so that a role held in a province reaches its cities,
 * counties and stations, and nothing reaches sideways.
 */

/** Why a dossier may not go from one organisation to another: forwarding is one step up or down. */
export type ForwardRefusal = 'same_org' | 'not_adjacent';

/**
 * Whether `from` may forward to `to`: to its parent (上报) or to one of its children (交办), and
 * nowhere else — not to itself, not to a sibling, not two levels away.
 */
export function forwardRefusal(fromChain: readonly string[], toChain: readonly string[]): ForwardRefusal | undefined {
  const [from, parent] = fromChain;
  const [to, toParent] = toChain;
  if (from === undefined || to === undefined) return 'not_adjacent';
  if (from === to) return 'same_org';
  const up = parent !== undefined && to === parent;
  const down = toParent !== undefined && toParent === from;
  return up || down ? undefined : 'not_adjacent';
}

/** Whether forwarding from `from` to `to` goes up (上报) or down (交办); undefined when it may not go. */
export function forwardDirection(fromChain: readonly string[], toChain: readonly string[]): 'up' | 'down' | undefined {
  if (forwardRefusal(fromChain, toChain)) return undefined;
  return toChain[0] === fromChain[1] ? 'up' : 'down';
}

/**
 * Who sees a forwarded dossier: whoever sees an organisation it passed through — the one that holds
 * it now and each that forwarded it on its way — each through their own chain (so those above see
 * it, a sibling does not). `chains` are the chains of every organisation on its path.
 */
export function canSeeDossier(actor: Actor, chains: readonly (readonly string[])[]): boolean {
  return chains.some((chain) => canSeeOrg(actor, chain));
}

/**
 * Whether a person of `participantChain`'s organisation may take part in a topic of `topicOrgId`
 * (joint consultation): their organisation is the topic's or one below it.
 */
export function mayJoinFrom(topicOrgId: string, participantChain: readonly string[]): boolean {
  return participantChain.includes(topicOrgId);
}

/**
 * Whether a recommended case (推介) reaches the reader: the recommending organisation and every
 * organisation under the same root read it. `readerChains` are the chains of the organisations the
 * reader has a role in; a site administrator reads every case.
 */
export function reachesRecommended(
  actor: Pick<Actor, 'user'>,
  readerChains: readonly (readonly string[])[],
  recommenderChain: readonly string[],
): boolean {
  if (actor.user.isAdmin) return true;
  const root = recommenderChain.at(-1);
  return root !== undefined && readerChains.some((chain) => chain.at(-1) === root);
}
