import { verifySignature } from "@/lib/domain/webhooks";
import { startSmtpServer, startWebhookReceiver } from "@/tests/support/receivers";
import { E2E_SMTP_PORT, E2E_WEBHOOK_PORT } from "../playwright.config";
import {
  expect,
  seriousViolations,
  signedInPage,
  signIn,
  submitForApproval,
  test,
} from "./fixtures";

test("an editor returns a claim: the reviewer's bell count rises without a reload, the notification opens the claim, a mail arrives and a webhook gets the signed event", async ({
  browser,
  makeUser,
  makeClaim,
}) => {
  // Three people, a worker's dispatch and deliveries, the bell's poll: minutes on a busy machine.
  test.setTimeout(240_000);
  // The mail server and the webhook receiver the app was started to reach (playwright.config.ts).
  const smtp = await startSmtpServer(E2E_SMTP_PORT);
  const receiver = await startWebhookReceiver(E2E_WEBHOOK_PORT);
  try {
    await returnAndTell({ browser, makeUser, makeClaim, smtp, receiver });
  } finally {
    await Promise.all([smtp.close(), receiver.close()]);
  }
});

async function returnAndTell({
  browser,
  makeUser,
  makeClaim,
  smtp,
  receiver,
}: {
  browser: import("@playwright/test").Browser;
  makeUser: (role?: "REVIEWER" | "EDITOR" | "ADMIN") => Promise<import("./fixtures").TestUser>;
  makeClaim: () => Promise<{ id: string }>;
  smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
}) {
  const reviewer = await makeUser("REVIEWER");
  const editor = await makeUser("EDITOR");
  const admin = await makeUser("ADMIN");
  const claim = await makeClaim();

  // An admin adds a webhook for returned claims and keeps the secret shown once.
  const a = await signedInPage(browser, admin);
  await a.goto("/admin/webhooks");
  const form = a.getByRole("form", { name: "New webhook" });
  await form.getByRole("textbox", { name: "Name" }).fill(`CMS ${claim.id.slice(0, 8)}`);
  await form.getByRole("textbox", { name: "Address" }).fill(receiver.url);
  for (const box of await form.getByRole("checkbox").all()) await box.uncheck();
  await form.getByRole("checkbox", { name: "claim.returned" }).check();
  await form.getByRole("button", { name: "Add webhook" }).click();
  const secret = (await a.getByTestId("webhook-secret").textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);

  const r = await signedInPage(browser, reviewer);
  await r.goto(`/claims/${claim.id}`);
  await r.getByRole("button", { name: "Take this claim" }).click();
  await expect(r.getByRole("form", { name: "Review" }).getByLabel("Rationale")).toBeEnabled();
  await submitForApproval(
    r,
    "The council minutes give a lower figure.",
    "https://example.org/minutes",
  );
  await r.goto("/claims");
  const bell = r.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName("Notifications");

  // The editor was told of the submission, and returns it from the approvals queue.
  const e = await signedInPage(browser, editor);
  await expect(e.getByTestId("notification-bell")).toHaveAccessibleName(
    /Notifications: \d+ unread/,
    {
      timeout: 45_000,
    },
  );
  await e.goto("/approvals");
  const approval = e.locator(`[data-testid="approval-item"][data-claim-id="${claim.id}"]`);
  await approval.getByRole("button", { name: "Return…" }).click();
  await e.getByRole("dialog").getByLabel("Reason").fill("Link the minutes' page, not the index.");
  await e.getByRole("dialog").getByRole("button", { name: "Return" }).click();
  await expect(approval).toHaveCount(0);

  // The reviewer's page, not reloaded: the bell counts it (a worker dispatched the event).
  await expect(bell).toHaveAccessibleName("Notifications: 1 unread", { timeout: 45_000 });
  await expect(r.getByTestId("notification-count")).toHaveText("1");
  await bell.click();
  await expect(r).toHaveURL(/\/notifications$/);
  const list = r.getByTestId("notifications");
  await expect(list).toContainText(
    `${editor.name} returned “The city spent $4 million on the bridge in 2023, officials said.” to you: Link the minutes' page, not the index.`,
  );
  expect(await seriousViolations(r), "the notifications page").toEqual([]);
  await list.getByRole("link", { name: /returned/ }).click();
  await expect(r).toHaveURL(new RegExp(`/claims/${claim.id}$`));
  await expect(r.getByRole("alert").filter({ hasText: "Returned by" })).toBeVisible();
  await expect(bell).toHaveAccessibleName("Notifications");
  await r.goto("/notifications");
  await expect(r.getByText("All read.")).toBeVisible();

  // The mail (returns go by mail by default), with the words and a link to the claim.
  await expect
    .poll(() => smtp.mails.filter((m) => JSON.stringify(m.to).includes(reviewer.email)).length, {
      timeout: 60_000,
    })
    .toBe(1);
  const mail = smtp.mails.find((m) => JSON.stringify(m.to).includes(reviewer.email))!;
  expect(mail.text).toContain("Link the minutes' page, not the index.");
  expect(mail.text).toContain(`/claims/${claim.id}`);

  // The webhook: the event of this claim, signed with the endpoint's secret.
  const ofClaim = () => receiver.received.filter((r) => r.body.includes(claim.id));
  await expect.poll(() => ofClaim().length, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  const [delivery] = ofClaim();
  const signature = String(delivery!.headers["x-claimdesk-signature"]);
  expect(verifySignature(secret, signature, delivery!.body)).toBe(true);
  expect(JSON.parse(delivery!.body)).toMatchObject({
    type: "claim.returned",
    claim: { id: claim.id },
    data: { reason: "Link the minutes' page, not the index." },
  });

  // Its log says so; the admin replays it, and the same event arrives again.
  const endpoint = a.getByRole("region", { name: `Webhook CMS ${claim.id.slice(0, 8)}` });
  await a.reload();
  await expect(endpoint.getByRole("cell", { name: "delivered" }).first()).toBeVisible();
  expect(await seriousViolations(a), "the webhooks page").toEqual([]);
  await endpoint
    .getByRole("button", { name: /^Send claim\.returned/ })
    .first()
    .click();
  await expect.poll(() => ofClaim().length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  expect(ofClaim()[1]!.headers["x-claimdesk-event-id"]).toBe(
    delivery!.headers["x-claimdesk-event-id"],
  );
  a.once("dialog", (dialog) => void dialog.accept());
  await endpoint.getByRole("button", { name: "Delete" }).click();
  await expect(endpoint).toHaveCount(0);
}

test("a reviewer turns off mail for returned claims and asks for the daily digest; the settings hold", async ({
  page,
  makeUser,
}) => {
  const reviewer = await makeUser("REVIEWER");
  await signIn(page, reviewer);
  await page.goto("/notifications");
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/notifications\/settings$/);
  const byMail = page.getByRole("checkbox", { name: "A claim is returned to me: by mail" });
  await expect(byMail).toBeChecked();
  // Editors' events are not offered to a reviewer.
  await expect(page.getByText("A claim waits for approval (editors)")).toHaveCount(0);
  await byMail.uncheck();
  await page.getByRole("checkbox", { name: /A digest by mail each morning/ }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await page.reload();
  await expect(byMail).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: /A digest by mail each morning/ })).toBeChecked();
  expect(await seriousViolations(page), "the settings page").toEqual([]);
});
