"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { postComment } from "@/app/(app)/claims/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";

export interface CommentView {
  id: string;
  body: string;
  at: string;
  author: string;
  role: string;
}

export function CommentThread({ claimId, comments }: { claimId: string; comments: CommentView[] }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-4">
      {comments.length === 0 && <p className="text-sm text-slate-600">No comments yet.</p>}
      <ol className="space-y-3">
        {comments.map((c) => (
          <li key={c.id} className="rounded-md bg-slate-50 p-3 text-sm" data-testid="comment">
            <p className="mb-1 text-xs text-slate-600">
              <strong className="text-slate-800">{c.author}</strong> ({c.role.toLowerCase()}) ·{" "}
              {c.at}
            </p>
            <p className="whitespace-pre-wrap text-slate-800">{c.body}</p>
          </li>
        ))}
      </ol>
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          startTransition(async () => {
            const result = await postComment({ claimId, body });
            if (result.ok) {
              setBody("");
              setError(null);
              router.refresh();
            } else setError(result.message);
          });
        }}
      >
        {error && <Alert tone="error">{error}</Alert>}
        <Field label="Add a comment">
          {({ id }) => (
            <Textarea id={id} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
          )}
        </Field>
        <Button type="submit" size="sm" disabled={pending || !body.trim()}>
          {pending ? "Posting…" : "Post comment"}
        </Button>
      </form>
    </div>
  );
}
