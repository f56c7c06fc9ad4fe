import { describe, expect, it } from "vitest";
import { ApiError } from "../api/problem";
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, attachmentProblem, formatBytes, uploadErrorMessage } from "./attachments";

const file = (name: string, size = 100, type = "") => ({ name, size, type });

describe("attachmentProblem", () => {
  it("takes images, PDFs, Office files, zips and plain text", () => {
    for (const name of ["shot.PNG", "brief.pdf", "plan.docx", "sheet.xlsx", "deck.pptx", "all.zip", "notes.txt", "README.md", "data.csv"]) {
      expect(attachmentProblem(file(name)), name).toBeNull();
    }
    expect(attachmentProblem(file("photo", 100, "image/jpeg"))).toBeNull();
  });

  it("refuses other types, SVG, empty files and files over 25 MB", () => {
    expect(attachmentProblem(file("page.html", 100, "text/html"))).toMatch(/not a type we accept/);
    expect(attachmentProblem(file("logo.svg", 100, "image/svg+xml"))).toMatch(/not a type we accept/);
    expect(attachmentProblem(file("old.doc"))).toMatch(/not a type we accept/);
    expect(attachmentProblem(file("empty.txt", 0))).toBe("“empty.txt” is empty.");
    expect(attachmentProblem(file("big.zip", ATTACHMENT_MAX_BYTES + 1))).toMatch(/at most 25 MB/);
    expect(attachmentProblem(file("max.zip", ATTACHMENT_MAX_BYTES))).toBeNull();
  });

  it("offers the same list to the file chooser", () => {
    expect(ATTACHMENT_ACCEPT).toBe("image/*,.pdf,.docx,.xlsx,.pptx,.zip,.txt,.md,.csv");
  });
});

describe("uploadErrorMessage", () => {
  const problem = (status: number, errors: { field: string; code: string; message: string }[] = []) =>
    new ApiError(status, { type: "about:blank", title: "x", status, code: status === 413 ? "payload_too_large" : "validation_failed", detail: "The request has invalid fields.", errors });

  it("words 413 and unsupported_file_type clearly", () => {
    expect(uploadErrorMessage(problem(413), "big.zip")).toBe("“big.zip” is larger than 25 MB, the most a file can be.");
    expect(
      uploadErrorMessage(problem(422, [{ field: "file", code: "unsupported_file_type", message: "must be an image" }]), "x.html"),
    ).toMatch(/^“x.html” is not a type we accept\. Attach an image, a PDF/);
    expect(uploadErrorMessage(problem(422, [{ field: "file", code: "empty", message: "is empty" }]), "e.txt")).toBe("“e.txt” is empty.");
  });
});

describe("formatBytes", () => {
  it("uses bytes, KB and MB", () => {
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(900)).toBe("900 bytes");
    expect(formatBytes(48_213)).toBe("47 KB");
    expect(formatBytes(1_250_000)).toBe("1.2 MB");
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MB");
  });
});
