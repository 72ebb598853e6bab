import { InterfaceLanguage } from "@/components/shell/interface-language";

/** Sign-in and log-out pages, in the browser's language (or the person's, when signed in). */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return <InterfaceLanguage>{children}</InterfaceLanguage>;
}
