import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ChatQuestionForm } from "@/components/chat/chat-question-form";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { chatOffer } from "@/lib/chat/chat-offer";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { checkoutPersonOptions } from "@/lib/patients/checkout-person";
import { walletBalance } from "@/lib/ledger/ledger";
import { askDoctorAction } from "./actions";

const t = messages.chat.ask;

export const metadata: Metadata = { title: messages.directory.profile.chatHeading };

export default async function AskDoctorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const user = await requireUser(`/doctors/${id}/chat`);
  const offer = await chatOffer(db(), id);
  if (!offer) notFound();
  const balanceRial = await walletBalance(db(), user.userId);

  return (
    <div className="card stack narrow-page">
      <h1>{t.title(offer.name)}</h1>
      <p className="muted">{offer.title}</p>
      {offer.takesChat ? (
        <>
          <p>{t.lead}</p>
          <dl className="summary">
            <dt>{t.fee}</dt>
            <dd className="amount" data-testid="chat-fee">
              {formatToman(offer.feeRial)}
            </dd>
            <dt>{t.deadline}</dt>
            <dd data-testid="chat-deadline">{t.deadlineHours(offer.answerHours)}</dd>
            <dt>{t.walletBalance}</dt>
            <dd className="amount">{formatToman(balanceRial)}</dd>
          </dl>
          <p className="hint">{t.refundPolicy}</p>
          <p className="hint">{t.noRequestBeforePayment}</p>
          <ChatQuestionForm
            action={askDoctorAction}
            doctorId={offer.doctorId}
            person={{ ...(await checkoutPersonOptions(db(), user.userId)), heading: "chat" }}
          />
        </>
      ) : (
        <p className="alert warning" role="alert">
          {t.notOffered}
        </p>
      )}
      <Link className="button secondary" href={`/doctors/${offer.doctorId}`}>
        {t.backToDoctor}
      </Link>
    </div>
  );
}
