import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN } from "../../lib/password";

export const signupSchema = z.object({
  email: z.string().trim().min(1, { error: "Enter your email address." }).pipe(z.email({ error: "Enter a valid email address, like name@example.com." })),
  password: z
    .string()
    .min(PASSWORD_MIN, { error: `Use at least ${PASSWORD_MIN} characters.` })
    .max(PASSWORD_MAX, { error: `Use at most ${PASSWORD_MAX} characters.` }),
  full_name: z
    .string()
    .trim()
    .min(1, { error: "Enter your full name." })
    .max(100, { error: "Use at most 100 characters." }),
  country: z.string().regex(/^[A-Z]{2}$/, { error: "Choose your country." }),
  timezone: z.string().min(1, { error: "Choose your time zone." }),
  roles: z
    .array(z.enum(["client", "freelancer"]))
    .min(1, { error: "Choose at least one: hire freelancers, work as a freelancer, or both." }),
});

export type SignupValues = z.input<typeof signupSchema>;
export type SignupData = z.output<typeof signupSchema>;

export const signupFields = ["email", "password", "full_name", "country", "timezone", "roles"] as const;
