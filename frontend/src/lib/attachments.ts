// What files can be attached, checked before uploading (the server judges by the bytes
// again), and the words for an upload that was refused.
import { ApiError, errorMessage, fieldErrorMessage } from "../api/problem";

/** The server's policy for every file (proposals, deliveries, messages): 25 MB. */
export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;
/** At most this many files on a proposal or a submission. */
export const ATTACHMENTS_MAX = 10;

const IMAGE_EXTENSIONS = ["png", "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff", "heic", "avif"];
const OTHER_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "zip", "txt", "md", "csv"];
const EXTENSIONS = [...IMAGE_EXTENSIONS, ...OTHER_EXTENSIONS];

/** For the file input's `accept`: the same list the server takes. */
export const ATTACHMENT_ACCEPT = ["image/*", ...OTHER_EXTENSIONS.map((e) => `.${e}`)].join(",");

export const ATTACHMENT_TYPES_TEXT = "an image, a PDF, a Word, Excel or PowerPoint file, a zip archive, or a .txt, .md or .csv file";

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/** Why a chosen file cannot be uploaded, or null when it may be tried. */
export function attachmentProblem(file: { name: string; size: number; type: string }): string | null {
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > ATTACHMENT_MAX_BYTES) return `“${file.name}” is ${formatBytes(file.size)}; files can be at most 25 MB.`;
  const ext = extensionOf(file.name);
  const known = EXTENSIONS.includes(ext);
  if (!known && !(file.type.startsWith("image/") && file.type !== "image/svg+xml")) {
    return `“${file.name}” is not a type we accept. Attach ${ATTACHMENT_TYPES_TEXT}.`;
  }
  return null;
}

/** The sentence for a failed upload of `name`. */
export function uploadErrorMessage(error: unknown, name: string): string {
  if (error instanceof ApiError) {
    if (error.status === 413) return `“${name}” is larger than 25 MB, the most a file can be.`;
    const fieldError = error.problem?.errors?.find((e) => e.field === "file");
    if (fieldError?.code === "unsupported_file_type") return `“${name}” is not a type we accept. Attach ${ATTACHMENT_TYPES_TEXT}.`;
    if (fieldError?.code === "empty") return `“${name}” is empty.`;
    if (fieldError) return `“${name}”: ${fieldErrorMessage(fieldError)}`;
  }
  return `“${name}” was not uploaded. ${errorMessage(error)}`;
}

/** "48 KB", "1.2 MB", "900 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  if (bytes < 1000 * 1000) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}
