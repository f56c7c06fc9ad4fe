import { useQuery } from "@tanstack/react-query";
import { api, call } from "../api";
import type { Country } from "../api/types";

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
