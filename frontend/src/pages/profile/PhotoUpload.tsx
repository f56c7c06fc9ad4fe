import { useEffect, useId, useRef, useState } from "react";
import { errorMessage } from "../../api/problem";
import { uploadPhoto } from "../../api/profiles";
import type { FreelancerProfile } from "../../api/types";
import { photoProblem } from "./profileSchema";

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join("");
}

/** The photo, or the name's initials when there is none. */
export function Avatar({ src, name, size = "lg" }: { src: string | null | undefined; name: string; size?: "md" | "lg" }) {
  return src ? (
    <img className={`avatar avatar--${size}`} src={src} alt={`Photo of ${name}`} width={size === "lg" ? 112 : 56} height={size === "lg" ? 112 : 56} />
  ) : (
    <span className={`avatar avatar--${size} avatar--initials`} role="img" aria-label={`${name} has no photo`}>
      <span aria-hidden="true">{initials(name)}</span>
    </span>
  );
}

/** Choose an image, see it, upload it. Type and size are checked before anything is sent. */
export function PhotoUpload({ profile, onUploaded }: { profile: FreelancerProfile; onUploaded: (p: FreelancerProfile) => void }) {
  const inputId = useId();
  const statusId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<{ file: File; url: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string>("");
  const [busy, setBusy] = useState(false);

  // Release each preview's object URL once it is replaced or the component goes away.
  useEffect(() => {
    if (!chosen) return;
    const { url } = chosen;
    return () => URL.revokeObjectURL(url);
  }, [chosen]);
  const file = chosen?.file ?? null;
  const preview = chosen?.url ?? null;
  const setFile = (next: File | null) => setChosen(next ? { file: next, url: URL.createObjectURL(next) } : null);

  // Cache-bust the server's photo after an upload (the URL stays the same).
  const shown = preview ?? (profile.photo_url ? `${profile.photo_url}?v=${encodeURIComponent(profile.updated_at)}` : null);

  return (
    <div className="photo-upload">
      <Avatar src={shown} name={profile.full_name} />
      <div className="photo-upload__controls">
        <label htmlFor={inputId} className="field-label">
          Profile photo
        </label>
        <input
          ref={inputRef}
          id={inputId}
          className="photo-upload__input"
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          aria-describedby={statusId}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => {
            const chosen = event.target.files?.[0] ?? null;
            setStatus("");
            if (!chosen) {
              setFile(null);
              setProblem(null);
              return;
            }
            const issue = photoProblem(chosen);
            setProblem(issue);
            setFile(issue ? null : chosen);
          }}
        />
        <p className="field__hint">PNG, JPEG, WebP or GIF, up to 5 MB. A clear, friendly headshot works best.</p>
        <p id={statusId} className={problem ? "field__error" : "muted small"} aria-live="polite">
          {problem ?? status}
        </p>
        {file && (
          <div className="form-actions">
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setStatus("Uploading…");
                try {
                  const updated = await uploadPhoto(file);
                  onUploaded(updated);
                  setFile(null);
                  if (inputRef.current) inputRef.current.value = "";
                  setStatus("Your photo is saved.");
                } catch (error) {
                  setStatus("");
                  setProblem(errorMessage(error));
                } finally {
                  setBusy(false);
                }
              }}
            >
              {busy ? "Uploading…" : "Upload photo"}
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={busy}
              onClick={() => {
                setFile(null);
                if (inputRef.current) inputRef.current.value = "";
              }}
            >
              Cancel
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
