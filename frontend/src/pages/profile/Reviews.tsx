// The public reviews on a profile, newest first, with "Load more".
import { fetchReviews } from "../../api/feedback";
import type { Review } from "../../api/types";
import { PlainText } from "../../components/PlainText";
import { Stars } from "../../components/Stars";
import { ratingSummary } from "../../lib/feedback";
import { usePagedList } from "../../lib/hiringQueries";
import { countryName, monthYear } from "../../lib/profiles";
import { useCountries } from "../../lib/queries";
import { LoadError, LoadMore } from "../hiring/parts";
import "./reviews.css";

function ReviewItem({ review, countryOf }: { review: Review; countryOf: (code: string) => string }) {
  return (
    <li className="review" data-testid="review">
      <h3 className="review__title">{review.contract_title}</h3>
      <p className="review__rating">
        <Stars rating={review.rating} /> <span>{review.rating} / 5</span>
        <span className="muted small">
          {" · "}
          {review.ended_at ? `Ended ${monthYear(review.ended_at)}` : `Written ${monthYear(review.created_at)}`}
        </span>
      </p>
      <div className="review__comment" data-testid="review-comment">
        <PlainText text={review.comment} />
      </div>
      <p className="muted small">
        {review.author.full_name}, {countryOf(review.author.country)}
      </p>
    </li>
  );
}

/** A profile's reviews: by clients on a freelancer, by freelancers on a client. */
export function Reviews({
  side,
  id,
  rating,
  count,
}: {
  side: "freelancer" | "client";
  id: string;
  rating: string | null | undefined;
  count: number;
}) {
  const countries = useCountries();
  const { query, items } = usePagedList(["reviews", side, id], (cursor, signal) => fetchReviews(side, id, cursor, signal));
  const summary = ratingSummary(rating, count);
  const titleId = `reviews-title-${side}`;
  const countryOf = (code: string) => countryName(countries.data, code);
  return (
    <section className="card profile-block reviews" aria-labelledby={titleId} aria-busy={query.isFetching}>
      <h2 id={titleId}>{side === "freelancer" ? "Reviews from clients" : "Reviews from freelancers"}</h2>
      {summary && (
        <p className="reviews__summary" data-testid="reviews-summary">
          <Stars rating={rating ?? 0} label={`Average rating ${rating} out of 5`} /> {summary}
        </p>
      )}
      {query.isPending ? (
        <p className="muted small" role="status">
          Loading the reviews…
        </p>
      ) : query.isError && items.length === 0 ? (
        <LoadError title="We could not load the reviews" error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">
          None so far. Reviews appear here once a contract has ended and both sides have left feedback (or 14 days have passed).
        </p>
      ) : (
        <>
          <ul className="reviews__list" aria-label="Reviews">
            {items.map((r) => (
              <ReviewItem key={r.contract_id} review={r} countryOf={countryOf} />
            ))}
          </ul>
          <LoadMore query={query} noun="reviews" shown={items.length} />
        </>
      )}
    </section>
  );
}
