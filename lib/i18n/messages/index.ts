import { appointments } from "./appointments";
import { auth } from "./auth";
import { common } from "./common";
import { dev } from "./dev";
import { directory } from "./directory";
import { payment } from "./payment";
import { sandbox } from "./sandbox";
import { staff } from "./staff";

/** Every user-facing string, in Persian. Components and services read text only from here. */
export const messages = { common, auth, directory, dev, sandbox, payment, appointments, staff } as const;
