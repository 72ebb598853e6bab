import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="mb-2 text-2xl font-semibold">Not allowed</h1>
      <p className="mb-6 text-slate-700">Your role does not give access to this page.</p>
      <Link href="/" className="text-brand-700 underline">
        Back to the overview
      </Link>
    </main>
  );
}
