import { useQuery } from "@tanstack/react-query";
import { api, call, session } from "../api";
import { fetchCategories } from "../api/jobs";
import type { Country, User } from "../api/types";
import { useCurrentUser } from "../auth/useAuth";

export function useCountries() {
  return useQuery({
    queryKey: ["countries"],
    queryFn: async (): Promise<Country[]> => {
      const countries = await call(api.GET("/api/v1/countries"));
      return [...countries].sort((a, b) => a.name.localeCompare(b.name));
    },
    staleTime: Infinity,
  });
}

/** The country of the browser's locale (en-GB -> GB), used as a starting guess only. */
export function localeCountry(): string | null {
  try {
    const region = new Intl.Locale(navigator.language).maximize().region;
    return region ?? null;
  } catch {
    return null;
  }
}

/** The signed-in user, fresh from the server (roles and verification can change mid-session). */
export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: async () => {
      const me = await call(api.GET("/api/v1/me"));
      session.setUser(me);
      return me;
    },
  });
}

export function useCategories() {
  return useQuery({ queryKey: ["categories"], queryFn: fetchCategories, staleTime: Infinity });
}

/**
 * The signed-in user at once (from the session), replaced by the server's fresh copy
 * when it arrives: verification and roles can change in another tab.
 */
export function useFreshUser(): User | null {
  const sessionUser = useCurrentUser();
  const me = useMe();
  return me.data ?? sessionUser;
}
