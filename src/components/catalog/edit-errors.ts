/**
 * A refused catalog edit as one sentence naming the field: zod's messages
 * are phrased to follow the field ("has at most 200 characters"), so they
 * read "Owner has at most 200 characters."; a tag names itself; anything
 * else (a refusal, a lost connection) says what could not be saved. Pure.
 */
type TServerError = { message: string; data?: { fieldErrors?: Array<{ path: string; message: string }> | undefined } | null };

export type TEditedField = "description" | "owner" | "tags" | "column description" | "PII flag";

const LABELS: Record<TEditedField, string> = {
  description: "Description",
  owner: "Owner",
  tags: "Tags",
  "column description": "Column description",
  "PII flag": "PII flag",
};

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The message to show for a failed edit of `field`; `tags` are the tags that were sent, to name the bad one. */
export function editErrorMessage(field: TEditedField, error: TServerError | null | undefined, tags: string[] = []): string | null {
  if (!error) return null;
  const issues = error.data?.fieldErrors ?? [];
  if (issues.length) {
    return issues
      .map((issue) => {
        const tagIndex = issue.path.match(/^tags\.(\d+)$/)?.[1];
        if (tagIndex !== undefined) {
          const tag = tags[Number(tagIndex)];
          return sentence(tag === undefined ? `A tag ${issue.message}` : `Tag “${tag}” ${issue.message}`);
        }
        return sentence(`${LABELS[field]} ${issue.message}`);
      })
      .join(" ");
  }
  return `Could not save the ${field}: ${sentence(error.message)}`;
}
