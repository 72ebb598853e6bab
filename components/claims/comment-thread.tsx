"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { postComment } from "@/app/(app)/claims/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export interface CommentView {
  id: string;
  body: string;
  at: string;
  author: string;
  role: string;
}

export function CommentThread({ claimId, comments }: { claimId: string; comments: CommentView[] }) {
  const t = useTranslations("Comments");
  const roles = useTranslations("Roles");
  const [body, setBody] = useState("");
  const post = useAction(postComment, { onSuccess: () => setBody("") });
  return (
    <div className="space-y-4">
      {comments.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
      <ol className="space-y-3">
        {comments.map((c) => (
          <li key={c.id} className="rounded-md bg-slate-50 p-3 text-sm" data-testid="comment">
            <p className="mb-1 text-xs text-slate-600">
              <strong className="text-slate-800">{c.author}</strong> (
              {roles(c.role as "REVIEWER" | "EDITOR" | "ADMIN").toLowerCase()}) · {c.at}
            </p>
            <p className="whitespace-pre-wrap text-slate-800" dir="auto">
              {c.body}
            </p>
          </li>
        ))}
      </ol>
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          void post.run({ claimId, body });
        }}
      >
        {post.message && <Alert tone={post.message.tone}>{post.message.text}</Alert>}
        <Field label={t("add")}>
          <Textarea rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
        <Button type="submit" size="sm" disabled={post.pending || !body.trim()}>
          {post.pending ? t("posting") : t("post")}
        </Button>
      </form>
    </div>
  );
}
