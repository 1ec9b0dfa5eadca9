import { appointments } from "./appointments";
import { auth } from "./auth";
import { chat } from "./chat";
import { clinicAdmin } from "./clinic-admin";
import { common } from "./common";
import { dev } from "./dev";
import { directory } from "./directory";
import { notifications } from "./notifications";
import { moneyOut } from "./money-out";
import { ops } from "./ops";
import { patient } from "./patient";
import { privacy } from "./privacy";
import { reviews } from "./reviews";
import { payment } from "./payment";
import { profile } from "./profile";
import { receipt } from "./receipt";
import { sandbox } from "./sandbox";
import { seo } from "./seo";
import { staff } from "./staff";
import { wallet } from "./wallet";
import { waitlist } from "./waitlist";

/** Every user-facing string, in Persian. Components and services read text only from here. */
export const messages = {
  common,
  auth,
  directory,
  dev,
  sandbox,
  payment,
  appointments,
  staff,
  ops,
  wallet,
  chat,
  patient,
  profile,
  seo,
  notifications,
  privacy,
  reviews,
  waitlist,
  receipt,
  clinicAdmin,
  moneyOut,
} as const;
