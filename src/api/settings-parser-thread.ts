import { parentPort } from 'node:worker_threads';
import { portalSettingsSchema } from '../domain/portal-settings';
import { issuesAnswer } from './issues-answer';

/** The settings parser's thread: checks each document it is sent and answers with the settings or the issues. */
parentPort!.on('message', ({ id, input }: { id: number; input: unknown }) => {
  const parsed = portalSettingsSchema.safeParse(input);
  parentPort!.postMessage(parsed.success ? { id, success: true, data: parsed.data } : { id, success: false, ...issuesAnswer(parsed.error.issues) });
});
