import { randomUUID } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAttachments, chatBlobs, chatMessages } from "@/db/schema";
import { createTestDatabase } from "@/db/testing/test-db";
import type { Actor } from "@/lib/auth/actor";
import { buildEngine } from "@/testing/engine-harness";
import { unreachableApiBase } from "@/testing/sandbox-server";
import { chatRequestFor } from "./chat-access";
import { chatFileFor } from "./chat-attachments";
import { ATTACHMENTS_PER_CHAT, prepareChatFile, type PreparedFile } from "./chat-file-input";
import { acceptChatRequest } from "./chat-lifecycle";
import { pollChat, sendChatMessage } from "./chat-messages";
import { actorOf, buyChat, makeChatDoctor, makeUser } from "./testing/chat-world";
import { photoWithGps, smallPdf } from "./testing/chat-files";
import { joinClinicsOf, makeActor, staffOfEveryClinic } from "@/lib/staff/testing/staff-fixtures";

/** Who may fetch a chat's files (its patient, its doctor, staff of the doctor's clinic — nobody else, by any
 * id), how a file becomes a message, and the 10-file limit, on the real database. */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const db = () => database.db;
let engine: ReturnType<typeof buildEngine>["engine"];

let chatId: string;
let otherChatId: string;
let patient: Actor;
let doctor: Actor;
let otherPatient: Actor;
let otherDoctor: Actor;
let staff: Actor;
/** A receptionist and a clinic admin of the other doctor's clinic only. */
let otherClinicStaff: Actor[];
let admin: Actor;
let photo: PreparedFile;
let pdf: PreparedFile;
let photoId: string;
let pdfId: string;

const names = { image: "عکس", pdf: "سند" };
async function prepared(bytes: Buffer, name: string) {
  const file = await prepareChatFile(bytes, name, names);
  if (!file.ok) throw new Error(file.error.code);
  return file.value;
}
const send = (actor: Actor | null, file: PreparedFile, id = chatId) =>
  sendChatMessage(db(), actor, { chatRequestId: id, body: file.fileName, attachment: file });

beforeAll(async () => {
  database = await createTestDatabase();
  engine = buildEngine(db(), await unreachableApiBase()).engine;
  const mine = await makeChatDoctor(db());
  const theirs = await makeChatDoctor(db());
  const patientUser = await makeUser(db(), "patient");
  const otherUser = await makeUser(db(), "patient");
  patient = actorOf(patientUser);
  otherPatient = actorOf(otherUser);
  doctor = mine.actor;
  otherDoctor = theirs.actor;
  staff = await staffOfEveryClinic(db());
  const receptionist = await makeActor(db(), "staff");
  const clinicAdmin = await makeActor(db(), "staff");
  await joinClinicsOf(db(), receptionist, [theirs.doctor]);
  await joinClinicsOf(db(), clinicAdmin, [theirs.doctor], "clinic_admin");
  otherClinicStaff = [receptionist, clinicAdmin];
  admin = actorOf(await makeUser(db(), "admin"));
  chatId = (await buyChat(engine, patientUser.id, mine.doctor.id)).id;
  otherChatId = (await buyChat(engine, otherUser.id, theirs.doctor.id)).id;
  photo = await prepared(await photoWithGps(), "skin.jpg");
  pdf = await prepared(smallPdf(), "cbc.pdf");
  const sentPhoto = await send(patient, photo);
  await acceptChatRequest(db(), doctor, chatId);
  const sentPdf = await send(doctor, pdf);
  if (!sentPhoto.ok || !sentPdf.ok) throw new Error("setup: sending files failed");
  photoId = sentPhoto.value.attachment!.id;
  pdfId = sentPdf.value.attachment!.id;
});
afterAll(() => database?.close());

it("a file is a message of its own, in the conversation both sides poll", async () => {
  const poll = await pollChat(db(), doctor, chatId, null);
  expect(poll?.messages.map((m) => [m.from, m.body, m.attachment?.kind])).toEqual([
    ["patient", "skin.jpg", "image"],
    ["doctor", "cbc.pdf", "pdf"],
  ]);
  expect(poll?.messages[0]!.attachment).toEqual({ id: photoId, kind: "image", name: "skin.jpg", byteSize: photo.file.content.length });
});

describe("who may fetch a file", () => {
  const ids = () => ({ chatRequestId: chatId, attachmentId: photoId });

  it("the chat's patient, its doctor, staff and admins: the stored bytes and the thumbnail", async () => {
    for (const actor of [patient, doctor, staff, admin]) {
      const full = await chatFileFor(db(), actor, ids(), "full");
      expect(full?.content.equals(photo.file.content)).toBe(true);
      expect(full).toMatchObject({ contentType: "image/jpeg", fileName: "skin.jpg", kind: "image" });
      expect((await chatFileFor(db(), actor, ids(), "thumb"))?.content.equals(photo.thumb!.content)).toBe(true);
      const document = await chatFileFor(db(), actor, { chatRequestId: chatId, attachmentId: pdfId }, "full");
      expect(document).toMatchObject({ contentType: "application/pdf", fileName: "cbc.pdf" });
      expect(document?.content.equals(smallPdf())).toBe(true);
    }
  });

  it("nobody else: another patient, another doctor, the anonymous", async () => {
    for (const actor of [otherPatient, otherDoctor, null]) {
      expect(await chatFileFor(db(), actor, ids(), "full")).toBeNull();
      expect(await chatFileFor(db(), actor, ids(), "thumb")).toBeNull();
    }
  });

  it("not staff of another clinic: a receptionist or clinic admin elsewhere gets not-found, like a stranger", async () => {
    for (const actor of otherClinicStaff) {
      expect(await chatRequestFor(db(), actor, otherChatId)).not.toBeNull(); // they do see their own clinic's chats
      expect(await chatFileFor(db(), actor, ids(), "full")).toBeNull();
      expect(await chatFileFor(db(), actor, ids(), "thumb")).toBeNull();
      expect(await chatFileFor(db(), actor, { chatRequestId: chatId, attachmentId: pdfId }, "full")).toBeNull();
      // Nor by naming the chat of their own clinic with this chat's file.
      expect(await chatFileFor(db(), actor, { chatRequestId: otherChatId, attachmentId: photoId }, "full")).toBeNull();
    }
  });

  it("not through a chat of one's own: the file must belong to the chat named in the URL", async () => {
    expect(await chatFileFor(db(), otherPatient, { chatRequestId: otherChatId, attachmentId: photoId }, "full")).toBeNull();
    expect(await chatFileFor(db(), staff, { chatRequestId: otherChatId, attachmentId: photoId }, "full")).toBeNull();
  });

  it("not by made-up or malformed ids", async () => {
    for (const attachmentId of [randomUUID(), "1", "' or 1=1 --"]) {
      expect(await chatFileFor(db(), patient, { chatRequestId: chatId, attachmentId }, "full")).toBeNull();
    }
    expect(await chatFileFor(db(), patient, { chatRequestId: "x", attachmentId: photoId }, "full")).toBeNull();
  });
});

describe("who may send a file", () => {
  it("not staff, not outsiders, not the doctor before accepting", async () => {
    const before = await db().select({ n: count() }).from(chatAttachments);
    expect(await send(staff, photo)).toEqual({ ok: false, error: { code: "read_only" } });
    expect(await send(otherPatient, photo)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await send(null, photo)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await send(otherDoctor, photo, otherChatId)).toEqual({ ok: false, error: { code: "not_accepted" } });
    expect(await db().select({ n: count() }).from(chatAttachments)).toEqual(before);
  });
});

it("the same bytes sent twice are stored once", async () => {
  const again = await send(patient, photo);
  expect(again.ok).toBe(true);
  const [blobs] = await db().select({ n: count() }).from(chatBlobs).where(eq(chatBlobs.sha256, photo.file.sha256));
  expect(blobs!.n).toBe(1);
});

describe("at most ten files per chat", () => {
  it("the eleventh is refused and stores nothing — also when they arrive at once", async () => {
    const fresh = await makeChatDoctor(db());
    const owner = await makeUser(db(), "patient");
    const id = (await buyChat(engine, owner.id, fresh.doctor.id)).id;
    const files = await Promise.all(
      Array.from({ length: ATTACHMENTS_PER_CHAT + 2 }, (_, i) => prepared(smallPdf(`page ${i}`), `page-${i}.pdf`)),
    );
    const results = await Promise.all(files.map((file) => send(actorOf(owner), file, id)));
    expect(results.filter((r) => r.ok)).toHaveLength(ATTACHMENTS_PER_CHAT);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual([{ code: "too_many_files" }, { code: "too_many_files" }]);
    const [messagesOfChat] = await db().select({ n: count() }).from(chatMessages).where(eq(chatMessages.chatRequestId, id));
    expect(messagesOfChat!.n).toBe(ATTACHMENTS_PER_CHAT);
    const refused = files.filter((_, i) => !results[i]!.ok).map((f) => f.file.sha256);
    const [orphans] = await db()
      .select({ n: count() })
      .from(chatBlobs)
      .where(sql`${chatBlobs.sha256} in ${refused}`);
    expect(orphans!.n).toBe(0);
  });

  it("the database refuses an eleventh row written past the service", async () => {
    const [full] = await db()
      .select({ chatId: chatAttachments.chatRequestId })
      .from(chatAttachments)
      .groupBy(chatAttachments.chatRequestId)
      .having(sql`count(*) = ${ATTACHMENTS_PER_CHAT}`);
    const [message] = await db()
      .select({ id: chatMessages.id })
      .from(chatMessages)
      .where(eq(chatMessages.chatRequestId, full!.chatId))
      .limit(1);
    const error = await db()
      .insert(chatAttachments)
      .values({
        messageId: message!.id,
        chatRequestId: full!.chatId,
        kind: "pdf",
        contentType: "application/pdf",
        fileName: "x.pdf",
        blobSha256: pdf.file.sha256,
        byteSize: 10,
      })
      .then(
        () => null,
        (e: Error) => e,
      );
    expect(String((error?.cause as Error | undefined)?.message)).toMatch(/already has 10 attachments/);
  });
});
