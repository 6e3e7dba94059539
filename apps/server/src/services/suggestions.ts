import type { Member, ParticipantSuggestion, SuggestionReason } from '@yishi/protocol';

/** A match counts when one side contains the other, ignoring case and spaces (营商 ~ 营商环境). */
function matches(a: string, b: string): boolean {
  const x = a.replace(/\s+/g, '').toLowerCase();
  const y = b.replace(/\s+/g, '').toLowerCase();
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
}

/**
 * Ranks members for a topic by how their sector (界别) and expertise meet its tags: a sector match
 * weighs 3, an expertise match 2. Only members with at least one match are suggested, best first,
 * then by name; each carries the matches that put it there.
 */
export function suggestParticipants(tags: readonly string[], members: readonly Member[]): ParticipantSuggestion[] {
  const eligible = members.filter((m) => m.active && ['member', 'official', 'chair'].includes(m.role));
  const suggestions = eligible.map((m) => {
    const reasons: SuggestionReason[] = [];
    for (const tag of tags) {
      if (m.sector && matches(m.sector, tag)) reasons.push({ kind: 'sector', value: m.sector, tag });
      for (const skill of m.expertise) if (matches(skill, tag)) reasons.push({ kind: 'expertise', value: skill, tag });
    }
    const score = reasons.reduce((sum, r) => sum + (r.kind === 'sector' ? 3 : 2), 0);
    return {
      userId: m.userId,
      displayName: m.user.displayName,
      role: m.role,
      sector: m.sector,
      expertise: m.expertise,
      score,
      reasons,
    };
  });
  return suggestions
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.displayName.localeCompare(b.displayName, 'zh-CN'));
}
