/**
 * The one error the host's storage raises when it cannot keep something on disk: a full disk or an I/O error.
 * Its message is for people (learners see it too, so it names no paths) and says what to do; `code` is for code.
 * The room answers it with the rejection reason 'storage' and never acknowledges what it refers to.
 */
export type StorageErrorCode = 'disk-full' | 'io-error';

export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/** What went wrong writing `what`, as a StorageError (an existing one is returned as it is). */
export function storageErrorFrom(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && DISK_FULL.has(code)) {
    return new StorageError(
      'disk-full',
      "The host laptop's disk is full, so this was not saved: free disk space on the host laptop. Nothing is lost: unsaved work stays on the devices and is sent again.",
      { cause: error },
    );
  }
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return new StorageError(
    'io-error',
    `The host laptop could not write to its disk (${detail}), so this was not saved: check the disk and free disk space on the host laptop. Unsaved work stays on the devices and is sent again.`,
    { cause: error },
  );
}

/** The cause's own message (with the errno code), for the host's log on stderr. */
export function describeCause(error: unknown): string {
  const cause = error instanceof StorageError ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

/** How the room answers a write or command it could not save: 'storage' with the StorageError's advice, else 'internal'. */
export function unsavedRejection(error: unknown, what: 'edit' | 'command'): [reason: 'storage' | 'internal', message: string] {
  if (error instanceof StorageError) return ['storage', error.message];
  return ['internal', `the host could not save this ${what}; it will be resent`];
}
