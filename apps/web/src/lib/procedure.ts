/**
 * The procedure as the UI words it: which message says what about an unmet gate, given the topic
 * it belongs to. The server decides every gate; this file only chooses the words.
 */
import type { Stage, TopicDetail, UnmetGate } from '@yishi/protocol';
import { ApiError } from './api-errors';
import type { MessageKey, MessageVars } from './i18n/i18n.svelte';

/** A message key and its placeholders' values. */
export interface Words {
  key: MessageKey;
  vars?: MessageVars;
}

/** The parts of a topic that gate messages quote: its counts and thresholds. */
export type GateContext = Pick<TopicDetail, 'participants' | 'research' | 'settings'>;

/**
 * The words for an unmet gate, by its code (never the server's English message). A code this
 * version of the UI does not know yet gets a generic sentence naming it.
 */
export function gateWords(gate: Pick<UnmetGate, 'code'>, topic: GateContext | null): Words {
  const code = gate.code as string;
  switch (code) {
    case 'participants_all_noted': {
      const count = topic ? topic.participants.filter((p) => p.assessment.trim() === '').length : 0;
      return { key: 'gates.participants_all_noted', vars: { count } };
    }
    case 'research_report': {
      const have = topic?.research.length ?? 0;
      if (have === 0) return { key: 'gates.research_report' };
      return { key: 'gates.research_report_some', vars: { have, need: topic?.settings.minResearchReports ?? 1 } };
    }
    case 'meeting_with_speakers':
      return { key: 'gates.meeting_with_speakers', vars: { count: topic?.settings.minDistinctSpeakers ?? 2 } };
    case 'relevance_yes':
    case 'remit_yes':
    case 'vetting_has_no':
    case 'participant_assessed':
    case 'official_exchange':
    case 'no_open_meeting':
    case 'outcome_form_set':
    case 'draft_not_empty':
    case 'recipients_set':
    case 'due_date_set':
    case 'answer_recorded':
    case 'chair_rating':
    case 'party_contact_rating':
    case 'stage_consultation':
      return { key: `gates.${code}` };
    default:
      return { key: 'gates.unknown', vars: { code } };
  }
}

/** The unmet gates of a GATE_BLOCKED error (`details.unmet`); empty for any other error. */
export function unmetOf(error: unknown): UnmetGate[] {
  if (!(error instanceof ApiError) || error.code !== 'GATE_BLOCKED') return [];
  const unmet = (error.details as { unmet?: unknown } | null | undefined)?.unmet;
  if (!Array.isArray(unmet)) return [];
  return unmet.filter(
    (gate): gate is UnmetGate => typeof gate === 'object' && gate !== null && typeof gate.code === 'string',
  );
}

/** The main line of stages, in order; `rejected` and `withdrawn` are side exits off it. */
const MAIN_LINE: readonly Stage[] = [
  'proposed',
  'vetting',
  'preparation',
  'consultation',
  'drafting',
  'delivered',
  'feedback',
  'closed',
];

/** Whether a topic in `stage` has reached `stage` `from` on the main line (never, once it left the line). */
export function reached(stage: Stage, from: Stage): boolean {
  const at = MAIN_LINE.indexOf(stage);
  return at >= 0 && at >= MAIN_LINE.indexOf(from);
}

/** Whether the topic left the procedure through a side exit. */
export function leftProcedure(stage: Stage): stage is 'rejected' | 'withdrawn' {
  return stage === 'rejected' || stage === 'withdrawn';
}
