// Friendly aliases for the generated OpenAPI schema (src/api/schema.d.ts).
// Only names live here; every shape comes from the generated file.
import type { components } from "./schema";

type Schemas = components["schemas"];

export type User = Schemas["User"];
export type Role = User["roles"][number];
export type SignupRequest = Schemas["SignupRequest"];
export type LoginRequest = Schemas["LoginRequest"];
export type TokenResponse = Schemas["TokenResponse"];
export type Country = Schemas["Country"];
export type DevMail = Schemas["DevMail"];
export type Problem = Schemas["Problem"];
export type FieldError = NonNullable<Problem["errors"]>[number];
