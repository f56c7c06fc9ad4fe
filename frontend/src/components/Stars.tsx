import { useState } from "react";
import { RATINGS, ratingWords, roundedStars, starsLabel } from "../lib/feedback";
import "./stars.css";

/** Five stars, read out as "4 out of 5 stars" (the glyphs themselves are hidden). */
export function Stars({ rating, label }: { rating: string | number; label?: string }) {
  const filled = roundedStars(rating);
  return (
    <span className="stars" role="img" aria-label={label ?? starsLabel(filled)}>
      {RATINGS.map((n) => (
        <span key={n} className={n <= filled ? "stars__star stars__star--on" : "stars__star"} aria-hidden="true">
          ★
        </span>
      ))}
    </span>
  );
}

interface StarInputProps {
  name: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  invalid?: boolean;
  describedBy?: string | undefined;
  /** The first radio gets this ref, so a field error can move focus to the group. */
  inputRef?: (element: HTMLInputElement | null) => void;
  disabled?: boolean;
}

/**
 * A 1–5 star rating as a group of radios (arrow keys move between them, as with any
 * radio group); the caller wraps it in a fieldset whose legend names it.
 */
export function StarInput({ name, value, onChange, onBlur, invalid, describedBy, inputRef, disabled }: StarInputProps) {
  const [hover, setHover] = useState<number | null>(null);
  const chosen = Number(value) || 0;
  const lit = hover ?? chosen;
  return (
    <div className="star-input" onMouseLeave={() => setHover(null)}>
      {RATINGS.map((n) => (
        <label key={n} className={n <= lit ? "star-input__star star-input__star--on" : "star-input__star"} onMouseEnter={() => setHover(n)}>
          <input
            ref={n === 1 ? inputRef : undefined}
            type="radio"
            className="star-input__radio"
            name={name}
            value={String(n)}
            checked={chosen === n}
            disabled={disabled}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={describedBy}
            onChange={() => onChange(String(n))}
            onBlur={onBlur}
          />
          <span aria-hidden="true">★</span>
          <span className="visually-hidden">
            {starsLabel(n)}: {ratingWords[n]}
          </span>
        </label>
      ))}
      <span className="star-input__word" aria-hidden="true">
        {lit ? ratingWords[lit] : "Not rated yet"}
      </span>
    </div>
  );
}
