// Profile calls through the typed client.
import { api, call } from ".";
import type { ClientProfile, ClientProfileRequest, FreelancerProfile, FreelancerProfileRequest } from "./types";

export async function fetchMyFreelancerProfile(): Promise<FreelancerProfile> {
  return call(api.GET("/api/v1/me/freelancer-profile"));
}

export async function saveFreelancerProfile(body: FreelancerProfileRequest): Promise<FreelancerProfile> {
  return call(api.PUT("/api/v1/me/freelancer-profile", { body }));
}

/** PUT /me/freelancer-profile/photo: the image's bytes are the body. */
export async function uploadPhoto(file: Blob): Promise<FreelancerProfile> {
  return call(
    api.PUT("/api/v1/me/freelancer-profile/photo", {
      // The schema types binary bodies as strings: send the file itself through the serializer.
      body: "",
      bodySerializer: () => file,
      headers: { "Content-Type": file.type || "application/octet-stream" },
    }),
  );
}

export async function fetchFreelancer(id: string): Promise<FreelancerProfile> {
  return call(api.GET("/api/v1/freelancers/{id}", { params: { path: { id } } }));
}

export async function fetchMyClientProfile(): Promise<ClientProfile> {
  return call(api.GET("/api/v1/me/client-profile"));
}

export async function saveClientProfile(body: ClientProfileRequest): Promise<ClientProfile> {
  return call(api.PUT("/api/v1/me/client-profile", { body }));
}

export async function fetchClient(id: string): Promise<ClientProfile> {
  return call(api.GET("/api/v1/clients/{id}", { params: { path: { id } } }));
}
