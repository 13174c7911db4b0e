import type { FieldProblems } from '../forms.js';
import { CASE_TYPES } from '#libs/peers';

/**
 * The open-case form's problems in words for a person: every field left empty is flagged (not only the first the
 * API's rules meet), and the API's own refusals (a council that no longer exists, say) are said as sentences.
 */
export function openCaseProblems(form: { councilGssCode: string; type: string }, refused: FieldProblems = {}) {
  const problems: FieldProblems = {};
  if (!form.councilGssCode.trim()) problems.councilGssCode = 'Choose the council the peer challenge is for';
  else if (refused.councilGssCode?.includes('no longer exists')) {
    problems.councilGssCode = 'That council no longer exists: choose the council that took over from it';
  } else if (refused.councilGssCode) problems.councilGssCode = 'Choose a council from the list';
  if (!(CASE_TYPES as readonly string[]).includes(form.type)) problems.type = 'Choose the type of peer challenge';
  if (refused.managerId) problems.managerId = 'Only an active peer challenge manager can manage a case';
  return problems;
}
