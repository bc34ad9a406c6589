import type { StationCommand } from '#shared/station-api/station-api.ts';
import type { ClinicalRecords } from '../../services/clinical-records.ts';
import type { StationSession } from '../../services/station-session.ts';
import { answerIssues, answerOf, type StationHandlers } from '../station-handlers.ts';

export type ExamCommand = Extract<StationCommand, `exams.${string}`>;

/** Draft, sign and amend exams; a signature names the signed-in account. */
export function createExamHandlers(deps: {
  clinical: ClinicalRecords;
  session: Pick<StationSession, 'requireWorking'>;
}): StationHandlers<ExamCommand> {
  const { clinical } = deps;
  return {
    'exams.saveDraft': async ({ id, draft }) =>
      answerOf(await clinical.saveExamDraft(draft, id), (encounter) => ({ encounter })),
    'exams.sign': async ({ id }) => {
      const account = deps.session.requireWorking();
      if (!account.ok) return answerIssues(account.errors);
      const result = await clinical.signExam(id, {
        practitionerId: account.value.userName.slice(0, 40),
        name: account.value.displayName,
      });
      return answerOf(result, (encounter) => ({ encounter }));
    },
    'exams.amend': async ({ id }) => answerOf(await clinical.amendExam(id), (encounter) => ({ encounter })),
  };
}
