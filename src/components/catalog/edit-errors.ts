/**
 * A refused catalog edit as one sentence naming the field: zod's messages
 * are phrased to follow the field ("has at most 200 characters"), so they
 * read "Owner has at most 200 characters."; a tag names itself; anything
 * else (a refusal, a lost connection) says what could not be saved. Pure.
 */
import { formErrors, sentence, type TServerError } from "@/components/forms/field-errors";

export type TEditedField = "description" | "owner" | "tags" | "column description" | "PII flag";

const LABELS: Record<TEditedField, string> = {
  description: "Description",
  owner: "Owner",
  tags: "Tags",
  "column description": "Column description",
  "PII flag": "PII flag",
};

/** The message to show for a failed edit of `field`; `tags` are the tags that were sent, to name the bad one. */
export function editErrorMessage(field: TEditedField, error: TServerError | null | undefined, tags: string[] = []): string | null {
  if (!error) return null;
  const label = (path: string) => {
    const tagIndex = path.match(/^tags\.(\d+)$/)?.[1];
    if (tagIndex === undefined) return LABELS[field];
    const tag = tags[Number(tagIndex)];
    return tag === undefined ? "A tag" : `Tag “${tag}”`;
  };
  // Every field of the edit is the one being edited: an edit sends one.
  const { fields, general } = formErrors(error, { fieldOf: () => "edited", label });
  return [fields.edited, general && `Could not save the ${field}: ${sentence(general)}`].filter(Boolean).join(" ") || null;
}
