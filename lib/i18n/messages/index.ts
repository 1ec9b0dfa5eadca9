import { auth } from "./auth";
import { common } from "./common";
import { dev } from "./dev";
import { directory } from "./directory";

/** Every user-facing string, in Persian. Components and services read text only from here. */
export const messages = { common, auth, directory, dev } as const;
