// Feedback on an ended contract, and the public reviews on profiles.
import { api, call } from ".";
import type { ContractFeedback, LeaveFeedbackRequest, ReviewPage } from "./types";

export async function fetchContractFeedback(contractId: string, signal?: AbortSignal): Promise<ContractFeedback> {
  return call(api.GET("/api/v1/contracts/{id}/feedback", { params: { path: { id: contractId } }, signal }));
}

export async function leaveFeedback(contractId: string, body: LeaveFeedbackRequest): Promise<ContractFeedback> {
  return call(api.POST("/api/v1/contracts/{id}/feedback", { params: { path: { id: contractId } }, body }));
}

export const REVIEWS_PAGE = 10;

/** Public reviews, newest first: of a freelancer (by clients) or of a client (by freelancers). */
export async function fetchReviews(
  side: "freelancer" | "client",
  id: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<ReviewPage> {
  const query = { limit: REVIEWS_PAGE, ...(cursor ? { cursor } : {}) };
  return side === "freelancer"
    ? call(api.GET("/api/v1/freelancers/{id}/reviews", { params: { path: { id }, query }, signal }))
    : call(api.GET("/api/v1/clients/{id}/reviews", { params: { path: { id }, query }, signal }));
}
