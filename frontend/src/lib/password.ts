export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export interface PasswordStrength {
  /** 0 (empty) to 4 (strong). */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
}

/**
 * A hint only: the server has the final word (length and its common-password list).
 * Rewards length first, then a mix of character kinds.
 */
export function passwordStrength(password: string): PasswordStrength {
  if (password.length === 0) return { score: 0, label: "" };
  if (password.length < PASSWORD_MIN) {
    return { score: 1, label: `Too short: use at least ${PASSWORD_MIN} characters` };
  }
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const unique = new Set(password).size;
  if (unique <= 3) return { score: 1, label: "Weak: too many repeated characters" };
  let points = kinds;
  if (password.length >= 14) points += 1;
  if (password.length >= 20) points += 1;
  if (points >= 5) return { score: 4, label: "Strong" };
  if (points >= 3) return { score: 3, label: "Good" };
  return { score: 2, label: "Fair: a longer passphrase is stronger" };
}
