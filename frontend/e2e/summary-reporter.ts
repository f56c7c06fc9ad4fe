import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

/** Prints one closing line a person (or CI) can read: "e2e: N passed, N failed, N skipped". */
export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;
  private readonly failures: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    // Count the final attempt only.
    if (result.retry < test.retries && result.status !== "passed" && result.status !== "skipped") return;
    if (result.status === "passed") this.passed += 1;
    else if (result.status === "skipped") this.skipped += 1;
    else {
      this.failed += 1;
      this.failures.push(`${test.titlePath().filter(Boolean).join(" › ")} (${result.status})`);
    }
  }

  onEnd(result: FullResult): void {
    console.log("");
    for (const f of this.failures) console.log(`FAILED: ${f}`);
    console.log("Screenshots and failure artifacts: frontend/e2e/artifacts/");
    console.log(`e2e: ${this.passed} passed, ${this.failed} failed, ${this.skipped} skipped`);
    if (result.status !== "passed" && this.failed === 0) console.log(`e2e run ended with status: ${result.status}`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
