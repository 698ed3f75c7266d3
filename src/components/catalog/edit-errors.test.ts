import { describe, expect, it } from "vitest";
import { editErrorMessage } from "@/components/catalog/edit-errors";

describe("editErrorMessage", () => {
  it("names the field a zod issue is about", () => {
    const error = {
      message: "Invalid input: owner: has at most 200 characters",
      data: { fieldErrors: [{ path: "owner", message: "has at most 200 characters" }] },
    };
    expect(editErrorMessage("owner", error)).toBe("Owner has at most 200 characters.");
  });

  it("names the bad tag", () => {
    const error = { message: "Invalid input", data: { fieldErrors: [{ path: "tags.1", message: "uses letters, digits and : . _ - only" }] } };
    expect(editErrorMessage("tags", error, ["pii", "bad tag"])).toBe("Tag “bad tag” uses letters, digits and : . _ - only.");
  });

  it("says what could not be saved when the server refused for another reason", () => {
    const error = { message: "This needs the engineer role; you are signed in as analyst. Ask an admin for access.", data: null };
    expect(editErrorMessage("description", error)).toBe(
      "Could not save the description: This needs the engineer role; you are signed in as analyst. Ask an admin for access.",
    );
  });

  it("says an AppError about the field without its field prefix", () => {
    const error = { message: "pii: only an admin can remove the PII flag of email (it unmasks the column for analysts and viewers).", data: { field: "pii" } };
    expect(editErrorMessage("PII flag", error)).toBe("Only an admin can remove the PII flag of email (it unmasks the column for analysts and viewers).");
  });

  it("is null without an error", () => {
    expect(editErrorMessage("owner", null)).toBeNull();
  });
});
