import { eq } from 'drizzle-orm';
import { outboxFileUploads } from '../db/schema.ts';
import { classifySendError } from './classify-error.ts';
import type { Delivered, DeliveryDeps, DeliveryRow } from './delivery.ts';
import type { FileUpload } from './effects.ts';
import { findPosted } from './find-posted.ts';

/**
 * Shares a file the way Slack takes files now (files.upload is retired): ask for an upload URL,
 * send the bytes there, then complete the upload into the channel. The file's id is stored before
 * completing, so when the completion's answer is lost the retry looks for that file's share in
 * the channel and adopts it instead of sharing the file twice.
 */
export async function uploadFile(
  deps: DeliveryDeps,
  row: DeliveryRow,
  channel: string,
  effect: FileUpload,
): Promise<Delivered> {
  if (row.maybeDelivered) {
    const earlier = await earlierShare(deps, row, channel);
    if (earlier) return { ts: earlier };
  }
  const bytes = Buffer.from(effect.contentBase64, 'base64');
  const target = (await deps.client.apiCall('files.getUploadURLExternal', {
    filename: effect.filename,
    length: bytes.length,
  })) as { upload_url?: string; file_id?: string };
  if (!target.upload_url || !target.file_id) throw new Error('files.getUploadURLExternal gave no upload URL');
  const sent = await fetch(target.upload_url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  if (!sent.ok) throw new Error(`the upload URL answered HTTP ${sent.status}`);
  await deps.db
    .insert(outboxFileUploads)
    .values({ outboxId: row.id, fileId: target.file_id, uploadedAt: deps.now() })
    .onConflictDoUpdate({ target: outboxFileUploads.outboxId, set: { fileId: target.file_id } });
  await deps.client.apiCall('files.completeUploadExternal', {
    files: [{ id: target.file_id, title: effect.title }],
    channel_id: channel,
    ...(effect.initialComment ? { initial_comment: effect.initialComment } : {}),
  });
  return { ts: null };
}

async function earlierShare(deps: DeliveryDeps, row: DeliveryRow, channel: string): Promise<string | null> {
  const [stored] = await deps.db
    .select({ fileId: outboxFileUploads.fileId })
    .from(outboxFileUploads)
    .where(eq(outboxFileUploads.outboxId, row.id));
  // No file id: the earlier attempt never reached files.completeUploadExternal.
  if (!stored) return null;
  try {
    return await findPosted(deps.client, {
      channel,
      outboxId: row.id,
      since: row.firstAttemptAt,
      match: (m) => Boolean(m.files?.some((f) => f.id === stored.fileId)),
    });
  } catch (error) {
    if (classifySendError(error).kind !== 'dead') throw error;
    deps.warn('could not look for an earlier file share; sharing again', { id: row.id, channel });
    return null;
  }
}
