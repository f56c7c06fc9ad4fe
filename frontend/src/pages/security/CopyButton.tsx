import { useState } from "react";

/** Copies a text to the clipboard and says whether it worked. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <span className="copy-button">
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setState("copied");
          } catch {
            setState("failed");
          }
        }}
      >
        {label}
      </button>
      <span className="copy-button__status small" role="status">
        {state === "copied" ? "Copied." : state === "failed" ? "Could not copy: select the text and copy it yourself." : ""}
      </span>
    </span>
  );
}
