import { z } from "zod";

const rating = z.coerce.number().int().min(1).max(5);

/** The review form as the server action receives it; ratings 1–5, "yes"/"no" for recommending. */
export const reviewForm = z.object({
  reservationId: z.uuid(),
  overall: rating,
  treatment: rating,
  manner: rating,
  explanation: rating,
  recommends: z.enum(["yes", "no"]),
  comment: z.string().max(2000).default(""),
});
