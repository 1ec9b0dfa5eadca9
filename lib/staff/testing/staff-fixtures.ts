import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor, Role } from "@/lib/auth/actor";

let counter = 0;

/** A signed-in user of the given role, as services see it. */
export async function makeActor(db: Db, role: Role, name = `کاربر ${role}`): Promise<Actor> {
  counter++;
  const phone = `0917${String(process.pid % 1000).padStart(3, "0")}${String(counter).padStart(4, "0")}`;
  const [user] = await db.insert(users).values({ phone, name, role }).returning();
  return { userId: user!.id, role };
}
