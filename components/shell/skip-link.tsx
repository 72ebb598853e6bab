/** The first link of every page: keyboard users skip the header to the page's main part. */
export function SkipLink({ label = "Skip to content" }: { label?: string }) {
  return (
    <a
      href="#main"
      className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:start-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
    >
      {label}
    </a>
  );
}
