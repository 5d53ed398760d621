import type { ChainableCommander } from 'ioredis';

/** Runs a pipeline (or MULTI); ioredis reports each command's error in the result rather than rejecting. */
export async function execPipeline(pipeline: ChainableCommander): Promise<unknown[]> {
  const results = await pipeline.exec();
  if (!results) throw new Error('Redis transaction was aborted');
  return results.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
