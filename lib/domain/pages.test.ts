import { describe, expect, it } from "vitest";
import { isPublicPage, navItemsFor, PAGES } from "./pages";
import { ROLES } from "./roles";

describe("the page table", () => {
  it("a reviewer sees no Approvals or Admin; an editor no Admin; an admin everything", () => {
    const labels = (role: (typeof ROLES)[number]) => navItemsFor(role).map((i) => i.label);
    expect(labels("REVIEWER")).toEqual([
      "Overview",
      "Claims",
      "Articles",
      "Library",
      "Export",
      "Help",
    ]);
    expect(labels("EDITOR")).toEqual([
      "Overview",
      "Claims",
      "Articles",
      "Library",
      "Approvals",
      "Feeds",
      "Export",
      "Help",
    ]);
    expect(labels("ADMIN")).toEqual([
      "Overview",
      "Claims",
      "Articles",
      "Library",
      "Approvals",
      "Feeds",
      "Export",
      "Admin",
      "Help",
    ]);
  });

  it("opens only its public pages without a session, and nothing else that looks like them", () => {
    expect(
      [
        "/login",
        "/login/x",
        "/logout",
        "/fact-checks",
        "/fact-checks/a-claim-0190a0b0",
        "/fact-checks/a-claim-0190a0b0/embed",
        "/fact-checks/feed.xml",
        "/ratings",
        "/corrections",
        "/sitemap.xml",
        "/robots.txt",
        "/icon.svg",
      ].every(isPublicPage),
    ).toBe(true);
    expect(
      [
        "/",
        "/claims",
        "/loginx",
        "/admin/login",
        "/claims/login",
        "/fact-checksx",
        "/ratingsx",
        "/icon.svg/x",
      ].some(isPublicPage),
    ).toBe(false);
  });

  it("names each route once", () => {
    const routes = PAGES.map((page) => page.route);
    expect(new Set(routes).size).toBe(routes.length);
  });
});
