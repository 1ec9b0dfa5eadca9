import { auth } from "./auth";
import { common } from "./common";

/** Every user-facing string, in Persian. Components and services read text only from here. */
export const messages = { common, auth } as const;
