"use client";
/**
 * The model's SQL in CodeMirror 6 (SQL highlighting, line numbers, history),
 * with the line a compile or save error points at marked in red. The parent
 * may keep the editor view (onView) to insert snippets at the cursor.
 */
import { sql } from "@codemirror/lang-sql";
import CodeMirror, { Decoration, EditorView, type Extension } from "@uiw/react-codemirror";
import { useMemo } from "react";

const theme = EditorView.theme({
  "&": { fontSize: "13px" },
  ".cm-content": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" },
  ".cm-gutters": { backgroundColor: "#f8fafc", borderRight: "1px solid #e2e8f0" },
  ".cm-weir-error-line": { backgroundColor: "#fee2e2" },
});

function errorLineMark(line: number | null): Extension {
  if (!line) return [];
  return EditorView.decorations.compute(["doc"], (state) =>
    line > state.doc.lines ? Decoration.none : Decoration.set([Decoration.line({ class: "cm-weir-error-line" }).range(state.doc.line(line).from)]),
  );
}

type TProps = {
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  errorLine?: number | null;
  onView?: (view: EditorView) => void;
  testId?: string;
  minHeight?: string;
  placeholder?: string;
};

export function SqlEditor({ value, onChange, readOnly = false, errorLine = null, onView, testId, minHeight = "260px", placeholder }: TProps) {
  const extensions = useMemo(() => [sql(), theme, EditorView.lineWrapping, errorLineMark(errorLine)], [errorLine]);
  return (
    <div className="overflow-hidden rounded-md border border-slate-300" data-testid={testId} data-error-line={errorLine ?? undefined}>
      <CodeMirror
        value={value}
        onChange={onChange}
        readOnly={readOnly}
        editable={!readOnly}
        extensions={extensions}
        minHeight={minHeight}
        placeholder={placeholder}
        basicSetup={{ closeBrackets: false, foldGutter: false, highlightActiveLine: !readOnly }}
        onCreateEditor={(view) => onView?.(view)}
        aria-label="Model SQL"
      />
    </div>
  );
}

/** Puts `text` where the cursor is (replacing a selection) and focuses the editor. */
export function insertAtCursor(view: EditorView, text: string): void {
  const { from, to } = view.state.selection.main;
  view.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length } });
  view.focus();
}
