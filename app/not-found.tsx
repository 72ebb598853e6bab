import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="mb-2 text-2xl font-semibold">Page not found</h1>
      <p className="mb-6 text-slate-700">There is nothing at this address.</p>
      <Link href="/" className="text-brand-700 underline">
        Back to the overview
      </Link>
    </main>
  );
}
