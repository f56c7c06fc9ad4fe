import { useEffect, useState } from "react";
import { fetchFile } from "../../api/money";
import { errorMessage } from "../../api/problem";
import { Alert, Loading } from "../../components/feedback";

type FileState = { status: "loading" } | { status: "ready"; url: string; type: string } | { status: "error"; error: unknown };
type Settled = Exclude<FileState, { status: "loading" }> & { attempt: number };

/**
 * The file at `fileUrl` as an object URL, fetched with the user's credentials. The URL
 * is released when the viewer goes away (or tries again); a request still out is
 * cancelled.
 */
function useFileObjectUrl(fileUrl: string, attempt: number): FileState {
  const [settled, setSettled] = useState<Settled | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    fetchFile(fileUrl, controller.signal).then(
      (blob) => {
        if (controller.signal.aborted) return;
        url = URL.createObjectURL(blob);
        setSettled({ status: "ready", url, type: blob.type, attempt });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setSettled({ status: "error", error, attempt });
      },
    );
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [fileUrl, attempt]);
  // An answer to an earlier attempt is not this attempt's answer.
  return settled && settled.attempt === attempt ? settled : { status: "loading" };
}

/** The document's bytes, fetched with the admin's credentials, shown as an image or a PDF. */
export function DocumentViewer({ fileUrl, owner }: { fileUrl: string; owner: string }) {
  const [attempt, setAttempt] = useState(0);
  const file = useFileObjectUrl(fileUrl, attempt);

  if (file.status === "loading") return <Loading label="Loading the document…" />;
  if (file.status === "error") {
    return (
      <Alert tone="error" title="The document could not be loaded">
        <p>{errorMessage(file.error)}</p>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setAttempt((n) => n + 1)}
        >
          Try again
        </button>
      </Alert>
    );
  }
  const { url, type } = file;
  if (type.startsWith("image/")) {
    return (
      <figure className="document-viewer">
        <img src={url} alt={`Identity document uploaded by ${owner}`} />
        <figcaption>
          <a href={url} target="_blank" rel="noopener noreferrer">
            Open full size<span className="visually-hidden"> (new tab)</span>
          </a>
        </figcaption>
      </figure>
    );
  }
  return (
    <div className="document-viewer">
      {type.startsWith("application/pdf") && (
        <object data={url} type="application/pdf" className="document-viewer__pdf" aria-label={`Identity document (PDF) uploaded by ${owner}`}>
          <p className="muted small">This browser cannot show PDFs inline.</p>
        </object>
      )}
      <p>
        <a href={url} target="_blank" rel="noopener noreferrer">
          Open the {type.startsWith("application/pdf") ? "PDF" : "file"}
          <span className="visually-hidden"> (new tab)</span>
        </a>
      </p>
    </div>
  );
}
