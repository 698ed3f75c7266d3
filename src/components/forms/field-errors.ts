/**
 * The one reading of a refused tRPC call for forms: which of the form's
 * fields each problem names, said as a sentence. The server sends the
 * fields structured (src/server/trpc.ts): `data.fieldErrors` lists problems
 * by input path (zod issues, a configuration's or the streams' problems),
 * and `data.field` names the field an AppError is about, whose message may
 * start with that field ("name: a model named …"). Nothing here reads a
 * field out of a message. Pure.
 */
export type TFieldIssue = { path: string; message: string };

/** A tRPC client error as forms receive it (TRPCClientError fits). */
export type TServerError = { message: string; data?: { field?: string | null; fieldErrors?: TFieldIssue[] | null } | null };

/** A refusal split by the form's fields; what names none of them is in `general`. */
export type TFormErrors<K extends string> = { fields: Partial<Record<K, string>>; general: string | null };

export type TFormFields<K extends string> = {
  /** The form's field for an input path ("streams.2.cursorField"), or null when the form has none. */
  fieldOf: (path: string) => K | null;
  /** What a person calls the field at `path`, to start a sentence ("Owner"); default: from the path. */
  label?: (path: string) => string;
};

/** Words a message starts with when it is phrased to follow the field's name ("is required", "has at most 200 characters"). */
const FOLLOWS_FIELD = /^(is|are|has|have|must|uses|needs|contains|names|does|cannot|can|may|at|should|was|exceeds|nests)\b/;

/** Capitalized, with a full stop. */
export function sentence(text: string): string {
  const t = text.trim().charAt(0).toUpperCase() + text.trim().slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** "check.maxAgeSeconds" → "Max age seconds", "destinationId" → "Destination", "streams.1.cursorField" → "Cursor field". */
export function labelOfPath(path: string): string {
  const last =
    path
      .split(".")
      .filter((s) => !/^\d+$/.test(s))
      .pop() ?? "";
  const words = last
    .replace(/Ids?$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "This value";
}

/** A problem with one field as a sentence: "Password has at least 10 characters.", "Name a column.". */
export function issueSentence(issue: TFieldIssue, label: (path: string) => string = labelOfPath): string {
  return sentence(FOLLOWS_FIELD.test(issue.message) ? `${label(issue.path)} ${issue.message}` : issue.message);
}

/** The problems a refusal lists by input path; empty when it lists none. */
export function fieldIssues(error: TServerError | null | undefined): TFieldIssue[] {
  return error?.data?.fieldErrors ?? [];
}

/** The message of an error that names one field, without the field it starts with ("name: a model …" → "A model …."). */
function messageOfField(message: string, field: string): string {
  return sentence(message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message);
}

/** Places each problem of a refusal beside the form's field it names; several on one field are joined. */
export function formErrors<K extends string>(error: TServerError | null | undefined, form: TFormFields<K>): TFormErrors<K> {
  const out: TFormErrors<K> = { fields: {}, general: null };
  if (!error) return out;
  const issues = fieldIssues(error);
  if (issues.length) {
    const rest: string[] = [];
    for (const issue of issues) {
      const field = form.fieldOf(issue.path);
      const text = issueSentence(issue, form.label);
      if (field) out.fields[field] = out.fields[field] ? `${out.fields[field]} ${text}` : text;
      else rest.push(text);
    }
    out.general = rest.length ? rest.join(" ") : null;
    return out;
  }
  const named = error.data?.field;
  const field = named ? form.fieldOf(named) : null;
  if (named && field) out.fields[field] = messageOfField(error.message, named);
  else out.general = error.message;
  return out;
}

/** A refusal as one message, for a form that shows a single alert: its problems as sentences, without a field prefix. */
export function refusalMessage(error: TServerError | null | undefined): string | null {
  if (!error) return null;
  const issues = fieldIssues(error);
  if (issues.length) return issues.map((issue) => issueSentence(issue)).join(" ");
  const field = error.data?.field;
  return field ? messageOfField(error.message, field) : error.message;
}
