/** Slack takes files up to 1 GB. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface FakeFile {
  id: string;
  name: string;
  /** The size declared to files.getUploadURLExternal. */
  length: number;
  bytes: Buffer | null;
  title?: string;
  /** Read from the IHDR chunk of a PNG. */
  png?: { width: number; height: number };
  /** Channels it was shared in by files.completeUploadExternal. */
  channels: string[];
}

/**
 * Files on their way through the two-step upload: announced with their size, their bytes sent
 * to the upload URL (checked there: the size announced, a PNG's signature and header), then
 * completed into a channel.
 */
export class FileStore {
  readonly #files = new Map<string, FakeFile>();

  announce(id: string, name: string, length: number): FakeFile {
    const file: FakeFile = { id, name, length, bytes: null, channels: [] };
    this.#files.set(id, file);
    return file;
  }

  get(id: string): FakeFile | undefined {
    return this.#files.get(id);
  }

  all(): FakeFile[] {
    return [...this.#files.values()];
  }

  /** The bytes sent to a file's upload URL; the reason they are refused, or null. */
  receive(id: string, bytes: Buffer): string | null {
    const file = this.#files.get(id);
    if (!file || file.bytes) return 'invalid_upload_url';
    if (bytes.length !== file.length)
      return `size_mismatch: announced ${file.length} bytes, sent ${bytes.length}`;
    if (/\.png$/i.test(file.name)) {
      const png = readPng(bytes);
      if (!png) return 'invalid_png';
      file.png = png;
    }
    file.bytes = bytes;
    return null;
  }
}

/** A PNG's size from its header, or null when the bytes are no PNG. */
export function readPng(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(pngSignature)) return null;
  if (bytes.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
  if (bytes.subarray(bytes.length - 8, bytes.length - 4).toString('latin1') !== 'IEND') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
