"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { endSession } from "@/lib/auth/session";
import { validatedFormAction } from "@/lib/auth/validated-action";

// Signing out takes nothing but the click (and works signed out too: it only ends what session there is).
export const signOutAction = validatedFormAction({ name: "auth.sign-out", schema: z.object({}) }, async () => {
  await endSession();
  redirect("/");
});
