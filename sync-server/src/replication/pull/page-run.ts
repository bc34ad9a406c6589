import { pullChanges, type PullDependencies, type PullRequest } from './pull-changes.ts';

/**
 * The lines of a page run (`GET /sync/:collection/pages`): up to `pages` pull answers, each continuing from the
 * checkpoint of the one before, as NDJSON. Each page is read and audited like a single pull, only when the consumer
 * asks for the next line (the answer stream's backpressure bounds what is read ahead of the link to about one page),
 * and the run stops after the first short page: the replica has caught up.
 */
export async function* pageRunLines(
  deps: PullDependencies,
  request: PullRequest & { readonly pages: number },
): AsyncGenerator<string> {
  let checkpoint = request.checkpoint;
  for (let page = 0; page < request.pages; page++) {
    const answer = await pullChanges(deps, { ...request, checkpoint });
    yield `${JSON.stringify(answer)}\n`;
    if (answer.documents.length < request.limit) return;
    checkpoint = answer.checkpoint.seq;
  }
}
