"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type ChangeEvent } from "react";
import { PHOTO_ACCEPT, PHOTO_MAX_BYTES } from "@/lib/directory/doctor-photos";
import { messages } from "@/lib/i18n/messages";

const t = messages.clinicAdmin.doctors;

type Status = { kind: "idle" } | { kind: "uploading" } | { kind: "done" } | { kind: "error"; message: string };

/** Uploads a doctor's photo as soon as it is picked (multipart to the photo route; a server action would cap
 * the body at 1 MB). The server checks the bytes and answers a Persian reason for anything it refuses. */
export function DoctorPhotoUpload({ doctorId }: { doctorId: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [, startTransition] = useTransition();

  async function upload(file: File) {
    // Said at once for a file far too big, without sending 50 MB first; the server checks again anyway.
    if (file.size > PHOTO_MAX_BYTES) return setStatus({ kind: "error", message: t.photoErrors.too_big });
    setStatus({ kind: "uploading" });
    const form = new FormData();
    form.append("photo", file);
    try {
      const response = await fetch(`/api/staff/doctors/${doctorId}/photo`, {
        method: "POST",
        headers: { "x-photo-upload": "1" },
        body: form,
      });
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      if (!response.ok) return setStatus({ kind: "error", message: body.error ?? t.photoErrors.failed });
      setStatus({ kind: "done" });
      startTransition(() => router.refresh());
    } catch {
      setStatus({ kind: "error", message: t.photoErrors.failed });
    } finally {
      if (input.current) input.current.value = "";
    }
  }

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file && status.kind !== "uploading") void upload(file);
  }

  return (
    <div className="stack">
      <div className="field">
        <label htmlFor="doctor-photo-file">{status.kind === "uploading" ? t.photoUploading : t.photoUpload}</label>
        <input
          id="doctor-photo-file"
          ref={input}
          className="input"
          type="file"
          accept={PHOTO_ACCEPT}
          onChange={onChange}
          disabled={status.kind === "uploading"}
          aria-describedby="doctor-photo-hint"
        />
        <p className="hint" id="doctor-photo-hint">
          {t.photoHint}
        </p>
      </div>
      {status.kind === "error" ? (
        <p className="alert error" role="alert" data-testid="photo-error">
          {status.message}
        </p>
      ) : null}
      {status.kind === "done" ? (
        <p className="alert success" role="status" data-testid="photo-saved">
          {t.photoSaved}
        </p>
      ) : null}
    </div>
  );
}
