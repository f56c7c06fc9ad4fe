import { existsSync } from "node:fs";

/** Fail fast, with a clear message, when the browser or the server is missing. */
export default async function globalSetup(): Promise<void> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}. Install Debian's package: apt-get install -y chromium`);
  }
  const baseURL = process.env.E2E_BASE_URL ?? "";
  const probe = new URL("/api/v1/countries", baseURL).toString();
  let status: number;
  try {
    status = (await fetch(probe)).status;
  } catch (error) {
    throw new Error(`The Worklane server at ${baseURL} is not reachable (${String(error)}). Start it first.`, {
      cause: error,
    });
  }
  if (status !== 200) throw new Error(`GET ${probe} answered ${status}; is the server running in test mode?`);
  const page = await fetch(new URL("/", baseURL));
  const html = await page.text();
  if (!html.includes('id="root"')) {
    throw new Error(`GET ${baseURL}/ does not serve the SPA; build it (npm run build) and point WORKLANE_STATIC_DIR at frontend/dist.`);
  }
}
