import { expect, seriousViolations, signIn, test } from "./fixtures";

/**
 * The interface in Spanish and Arabic: a reviewer chooses Spanish and works the queue in it;
 * a browser that asks for Arabic gets the desk right to left, and axe stays clean.
 */
test("a reviewer switches to Spanish and works the queue in it", async ({
  page,
  makeUser,
  makeClaim,
}) => {
  await signIn(page, await makeUser("REVIEWER"));
  const claim = await makeClaim();
  await page.getByRole("link", { name: "Language" }).click();
  await page.getByLabel("Interface language").selectOption({ label: "Español" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("navigation", { name: "Principal" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Afirmaciones" })).toBeVisible();

  await page.getByRole("link", { name: "Afirmaciones" }).click();
  await expect(page.getByRole("heading", { name: "Afirmaciones", level: 1 })).toBeVisible();
  await page.getByLabel("Estado").selectOption({ label: "Nueva" });
  await page.getByRole("button", { name: "Aplicar" }).click();
  await expect(page).toHaveURL(/state=NEW/);
  const row = page.locator(`[data-claim-id="${claim.id}"]`);
  // The newest claims may be past the first page of the default order: ask for the newest.
  await page.goto("/claims?state=NEW&sort=newest");
  await expect(row).toContainText("Nueva");
  await row.getByRole("button", { name: "Tomar" }).click();
  await expect(page.getByText("Afirmación tomada: te toca revisarla.")).toBeVisible();
  await expect(page.getByRole("toolbar", { name: "Afirmaciones seleccionadas" })).toBeVisible();
  const wrapper = page.locator("div[lang=es]").first();
  await expect(wrapper).toHaveAttribute("dir", "ltr");
  expect(await seriousViolations(page), "the queue in Spanish").toEqual([]);

  // The claim page in Spanish: the review form saves, and says so, in Spanish.
  await page.goto(`/claims/${claim.id}`);
  await expect(page.getByRole("heading", { name: "Afirmación", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "Revisión" });
  await form.getByRole("button", { name: "Guardar", exact: true }).click();
  await expect(form.getByText("Guardado.", { exact: true })).toBeVisible();
  await expect(form.getByText("Todos los cambios guardados")).toBeVisible();
  expect(await seriousViolations(page), "the claim page in Spanish").toEqual([]);

  // Back to the browser's language.
  await page.getByRole("link", { name: "Idioma" }).click();
  await page.getByLabel("Idioma de la interfaz").selectOption({ index: 0 });
  await page.getByRole("button", { name: "Guardar" }).click();
  await expect(page.getByRole("link", { name: "Claims" })).toBeVisible();
});

test.describe("a browser that asks for Arabic", () => {
  test.use({ locale: "ar", extraHTTPHeaders: { "Accept-Language": "ar,en;q=0.5" } });

  test("gets the desk right to left, in Arabic, and axe stays clean", async ({
    page,
    makeUser,
    makeClaim,
  }) => {
    // The sign-in page already speaks the browser's language, right to left.
    const user = await makeUser("REVIEWER");
    await page.goto("/login");
    await expect(page.locator("div[lang=ar]").first()).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { name: "سجّل الدخول إلى مكتب التحقق" })).toBeVisible();
    expect(await seriousViolations(page), "the sign-in page in Arabic").toEqual([]);
    await page.getByLabel("البريد الإلكتروني").fill(user.email);
    await page.getByLabel("كلمة المرور").fill(user.password);
    await page.getByRole("button", { name: "تسجيل الدخول", exact: true }).click();
    await expect(page.getByTestId("current-user")).toBeVisible();
    await page.goto("/claims");
    const wrapper = page.locator("div[lang=ar]").first();
    await expect(wrapper).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { name: "الادعاءات", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "تطبيق" })).toBeVisible();
    // Laid out right to left: the navigation starts at the right edge of the header.
    const header = await page.locator("header").boundingBox();
    const brand = await page.getByRole("link", { name: "ClaimDesk" }).boundingBox();
    expect(brand!.x + brand!.width).toBeGreaterThan(header!.x + header!.width / 2);
    expect(await seriousViolations(page), "the queue in Arabic").toEqual([]);

    // A claim's page in Arabic, right to left, with a clean axe too.
    const claim = await makeClaim();
    await page.goto(`/claims/${claim.id}`);
    await expect(page.getByRole("heading", { name: "الادعاء", level: 1 })).toBeVisible();
    await expect(page.getByRole("tab", { name: "المراجعة" })).toBeVisible();
    expect(await seriousViolations(page), "a claim page in Arabic").toEqual([]);
  });
});
