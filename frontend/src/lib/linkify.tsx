import type { ReactNode } from "react";
import { Link } from "react-router";

const URL_PATTERN = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;

/** Plain text with its http(s) URLs turned into links (same-origin ones stay in the app). */
export function linkify(text: string, origin: string = window.location.origin): ReactNode[] {
  const parts = text.split(URL_PATTERN);
  return parts.map((part, i) => {
    if (i % 2 === 0) return part;
    let url: URL;
    try {
      url = new URL(part);
    } catch {
      return part;
    }
    if (url.origin === origin) {
      return (
        <Link key={i} to={`${url.pathname}${url.search}${url.hash}`}>
          {part}
        </Link>
      );
    }
    return (
      <a key={i} href={url.href} rel="noreferrer noopener">
        {part}
      </a>
    );
  });
}
