// Files attached to proposals and milestone submissions: POST /attachments (multipart,
// one part named `file`) and GET /attachments/{id} (Bearer only, so never a plain link).
import { api, call } from ".";
import { fileNameFrom } from "./money";
import type { AttachmentInfo } from "./types";

export const ATTACHMENT_FALLBACK_NAME = "attachment";

/** Upload one file; the answer's id is what a proposal or submission sends. */
export async function uploadAttachment(file: File, signal?: AbortSignal): Promise<AttachmentInfo> {
  const form = new FormData();
  form.append("file", file, file.name);
  return call(
    api.POST("/api/v1/attachments", {
      // The schema types the part as a string; the real File goes through the serializer.
      body: { file: "" },
      bodySerializer: () => form,
      ...(signal ? { signal } : {}),
    }),
  );
}

/** Download a file with the session's token: its bytes and the name Content-Disposition gives. */
export async function downloadAttachment(id: string, signal?: AbortSignal): Promise<{ blob: Blob; fileName: string }> {
  let fileName = ATTACHMENT_FALLBACK_NAME;
  const blob = await call(
    api
      .GET("/api/v1/attachments/{id}", { params: { path: { id } }, parseAs: "blob", ...(signal ? { signal } : {}) })
      .then((outcome) => {
        fileName = fileNameFrom(outcome.response.headers.get("Content-Disposition"), ATTACHMENT_FALLBACK_NAME);
        return outcome;
      }),
  );
  return { blob, fileName };
}
