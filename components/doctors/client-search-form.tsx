"use client";

import { useRouter } from "next/navigation";
import { useTransition, type ComponentProps, type FormEvent } from "react";
import { messages } from "@/lib/i18n/messages";

type Props = Omit<ComponentProps<"form">, "action" | "method" | "onSubmit"> & { action: string };

/** A plain GET form which, once JavaScript runs, navigates client-side inside a transition: the current results
 * stay on screen (dimmed by CSS through data-searching) until the new ones arrive, and empty fields are left out
 * of the address. Without JavaScript the browser submits it as it is. */
export function ClientSearchForm({ action, children, ...props }: Props) {
  const router = useRouter();
  const [searching, startSearch] = useTransition();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") query.append(name, value);
    }
    const search = query.toString();
    startSearch(() => router.push(search ? `${action}?${search}` : action, { scroll: false }));
  }

  return (
    <form {...props} action={action} method="get" onSubmit={submit} data-searching={searching ? "" : undefined}>
      {children}
      <p className="visually-hidden" role="status">
        {searching ? messages.directory.search.searching : ""}
      </p>
    </form>
  );
}
