import { count, eq } from "drizzle-orm";
import { generateSlotsAhead } from "@/lib/booking/slot-generation";
import { doctorSearchText } from "@/lib/directory/doctor-directory";
import type { Db } from "@/db/client";
import { insertPaymentHistory } from "./seed-payment-history";
import { clinicMemberships, clinics, doctors, reservations, reviews, specialties, users, walletLedger, weeklySchedules } from "@/db/schema";

/** Demo phone numbers, listed in the README. */
export const DEMO_PHONES = {
  patientWithBalance: "09120000001",
  patientEmptyWallet: "09120000002",
  doctor: "09130000001",
  staff: "09140000001",
  clinicAdmin: "09140000002",
  ekbatanStaff: "09140000003",
  ekbatanAdmin: "09140000004",
  mardomStaff: "09140000005",
  mardomAdmin: "09140000006",
  admin: "09150000001",
} as const;

const DEMO_PATIENT_BALANCE_RIAL = 20_000_000; // 2,000,000 Toman

const CLINICS = [
  {
    key: "bu-ali",
    name: "درمانگاه تخصصی بوعلی",
    address: "همدان، میدان بوعلی، خیابان بوعلی، پلاک ۱۲",
    phone: "081-38250000",
    hours: "شنبه تا چهارشنبه ۹ تا ۱۹، پنجشنبه ۹ تا ۱۳",
    latitude: 34.7992,
    longitude: 48.5146,
  },
  {
    key: "ekbatan",
    name: "کلینیک اکباتان",
    address: "همدان، بلوار ارم، روبه‌روی پارک ارم",
    phone: "081-38260000",
    hours: "شنبه تا چهارشنبه ۸ تا ۲۰",
    latitude: 34.7836,
    longitude: 48.5069,
  },
  {
    key: "mardom",
    name: "مرکز پزشکی مردم",
    address: "همدان، خیابان شهدا، کوچه شفا",
    phone: "081-38270000",
    hours: "همه روزه ۱۶ تا ۲۱",
    latitude: 34.8027,
    longitude: 48.5212,
  },
] as const;

/** Two staff per clinic: a receptionist and a clinic admin (README, demo accounts). */
const STAFF: { phone: string; name: string; clinic: (typeof CLINICS)[number]["key"]; role: "receptionist" | "clinic_admin" }[] = [
  { phone: DEMO_PHONES.staff, name: "منشی کلینیک بوعلی", clinic: "bu-ali", role: "receptionist" },
  { phone: DEMO_PHONES.clinicAdmin, name: "مدیر کلینیک بوعلی", clinic: "bu-ali", role: "clinic_admin" },
  { phone: DEMO_PHONES.ekbatanStaff, name: "منشی کلینیک اکباتان", clinic: "ekbatan", role: "receptionist" },
  { phone: DEMO_PHONES.ekbatanAdmin, name: "مدیر کلینیک اکباتان", clinic: "ekbatan", role: "clinic_admin" },
  { phone: DEMO_PHONES.mardomStaff, name: "منشی مرکز پزشکی مردم", clinic: "mardom", role: "receptionist" },
  { phone: DEMO_PHONES.mardomAdmin, name: "مدیر مرکز پزشکی مردم", clinic: "mardom", role: "clinic_admin" },
];

const SPECIALTIES = ["قلب و عروق", "اطفال", "زنان و زایمان", "پوست و مو", "چشم‌پزشکی", "ارتوپدی", "داخلی", "گوش، حلق و بینی"];

type DoctorSeed = {
  name: string;
  specialty: string;
  clinic: (typeof CLINICS)[number]["key"];
  visitToman: number;
  chatToman: number;
  takesChat: boolean;
  answerHours?: number;
  bio: string;
};

const DOCTORS: DoctorSeed[] = [
  {
    name: "دکتر مریم کریمی",
    specialty: "قلب و عروق",
    clinic: "bu-ali",
    visitToman: 350_000,
    chatToman: 150_000,
    takesChat: true,
    answerHours: 24,
    bio: "فوق تخصص قلب و عروق، ۱۵ سال سابقه در بیمارستان فرشچیان همدان.",
  },
  {
    name: "دکتر علی رضایی",
    specialty: "قلب و عروق",
    clinic: "ekbatan",
    visitToman: 300_000,
    chatToman: 120_000,
    takesChat: false,
    bio: "متخصص قلب، اکوکاردیوگرافی و تست ورزش.",
  },
  {
    name: "دکتر سارا احمدی",
    specialty: "اطفال",
    clinic: "bu-ali",
    visitToman: 250_000,
    chatToman: 100_000,
    takesChat: true,
    answerHours: 12,
    bio: "متخصص کودکان و نوزادان، مشاوره تغذیه کودک.",
  },
  {
    name: "دکتر کیوان یگانه",
    specialty: "اطفال",
    clinic: "mardom",
    visitToman: 220_000,
    chatToman: 90_000,
    takesChat: true,
    answerHours: 24,
    bio: "متخصص کودکان، واکسیناسیون و رشد.",
  },
  {
    name: "دکتر نرگس موسوی",
    specialty: "زنان و زایمان",
    clinic: "ekbatan",
    visitToman: 320_000,
    chatToman: 130_000,
    takesChat: true,
    answerHours: 48,
    bio: "متخصص زنان، زایمان و نازایی.",
  },
  {
    name: "دکتر لیلا کاظمی",
    specialty: "زنان و زایمان",
    clinic: "mardom",
    visitToman: 280_000,
    chatToman: 110_000,
    takesChat: false,
    bio: "متخصص زنان و مراقبت‌های دوران بارداری.",
  },
  {
    name: "دکتر رضا یاری",
    specialty: "پوست و مو",
    clinic: "bu-ali",
    visitToman: 300_000,
    chatToman: 120_000,
    takesChat: true,
    answerHours: 24,
    bio: "متخصص پوست، مو و زیبایی؛ درمان آکنه و ریزش مو.",
  },
  {
    name: "دکتر مهسا نیک‌پور",
    specialty: "پوست و مو",
    clinic: "ekbatan",
    visitToman: 270_000,
    chatToman: 100_000,
    takesChat: false,
    bio: "متخصص پوست و لیزر.",
  },
  {
    name: "دکتر حمید شریفی",
    specialty: "چشم‌پزشکی",
    clinic: "mardom",
    visitToman: 280_000,
    chatToman: 100_000,
    takesChat: false,
    bio: "متخصص چشم، جراحی آب مروارید و لیزیک.",
  },
  {
    name: "دکتر فاطمه کیانی",
    specialty: "چشم‌پزشکی",
    clinic: "bu-ali",
    visitToman: 260_000,
    chatToman: 90_000,
    takesChat: true,
    answerHours: 24,
    bio: "متخصص چشم کودکان و انحراف چشم.",
  },
  {
    name: "دکتر بهرام کرمی",
    specialty: "ارتوپدی",
    clinic: "ekbatan",
    visitToman: 330_000,
    chatToman: 130_000,
    takesChat: true,
    answerHours: 72,
    bio: "جراح ارتوپد، زانو و شانه، آسیب‌های ورزشی.",
  },
  {
    name: "دکتر یاسمن ملکی",
    specialty: "داخلی",
    clinic: "mardom",
    visitToman: 240_000,
    chatToman: 90_000,
    takesChat: true,
    answerHours: 24,
    bio: "متخصص داخلی، دیابت و فشار خون.",
  },
  {
    name: "دکتر کامران اکبری",
    specialty: "داخلی",
    clinic: "bu-ali",
    visitToman: 230_000,
    chatToman: 80_000,
    takesChat: false,
    bio: "متخصص داخلی و گوارش.",
  },
  {
    name: "دکتر شیما کریمیان",
    specialty: "گوش، حلق و بینی",
    clinic: "ekbatan",
    visitToman: 290_000,
    chatToman: 110_000,
    takesChat: true,
    answerHours: 24,
    bio: "متخصص گوش، حلق و بینی، جراحی سینوس.",
  },
];

const DEMO_LANGUAGES = [["فارسی", "انگلیسی"], ["فارسی", "ترکی"], ["فارسی"], ["فارسی", "کردی", "انگلیسی"]];
const DEMO_INSURANCES = [["تأمین اجتماعی", "سلامت", "نیروهای مسلح"], ["تأمین اجتماعی", "دی"], ["سلامت", "آتیه‌سازان حافظ", "دانا"], []];

/** What a doctor's page says beyond the bio: a council number (نظام پزشکی, unique per doctor), where they
 * trained, the languages they speak and the insurers they accept — varied by index. */
function demoProfile(d: DoctorSeed, index: number) {
  return {
    councilNumber: String(112_340 + index * 1_379),
    education: `دکترای حرفه‌ای پزشکی و تخصص ${d.specialty} از دانشگاه علوم پزشکی ${["همدان", "تهران", "شیراز"][index % 3]}`,
    languages: DEMO_LANGUAGES[index % DEMO_LANGUAGES.length]!,
    insurances: DEMO_INSURANCES[index % DEMO_INSURANCES.length]!,
  };
}

/** Weekly hours for demo doctors, varied by index so the calendar is not uniform. Saturday–Wednesday
 * mornings and two afternoons, with a lunch break between intervals. */
function demoSchedule(doctorId: string, index: number) {
  const rows: (typeof weeklySchedules.$inferInsert)[] = [];
  const slotMinutes = [15, 20, 30][index % 3]!;
  for (const weekday of [6, 0, 1, 2, 3]) {
    rows.push({ doctorId, weekday, startTime: "09:00", endTime: "12:00", slotMinutes });
    if ((weekday + index) % 2 === 0) rows.push({ doctorId, weekday, startTime: "16:00", endTime: "19:00", slotMinutes });
  }
  return rows;
}

/** Fills an empty database with demo clinics, doctors, schedules and accounts, and tops up free slots
 * for the next 14 days. Safe to run again: existing data is kept and only missing slots are added. */
export async function seedDemoData(db: Db, now = new Date()) {
  const [existing] = await db.select({ n: count() }).from(clinics);
  if ((existing?.n ?? 0) === 0) await insertDemoData(db, now);
  const slotsAdded = await generateSlotsAhead(db, { days: 14, now });
  return { created: (existing?.n ?? 0) === 0, slotsAdded };
}

async function insertDemoData(db: Db, now: Date) {
  await db.transaction(async (tx) => {
    const clinicRows = await tx
      .insert(clinics)
      .values(
        CLINICS.map(({ name, address, phone, hours, latitude, longitude }) => ({
          name,
          address,
          phone,
          hours,
          latitude,
          longitude,
          city: "همدان",
        })),
      )
      .returning();
    const clinicByKey = new Map(CLINICS.map((c, i) => [c.key, clinicRows[i]!]));
    const specialtyRows = await tx
      .insert(specialties)
      .values(SPECIALTIES.map((name) => ({ name })))
      .returning();
    const specialtyByName = new Map(specialtyRows.map((s) => [s.name, s]));

    const [zahra, amir, doctorUser, staffUser] = await tx
      .insert(users)
      .values([
        { phone: DEMO_PHONES.patientWithBalance, name: "زهرا محمدی", firstName: "زهرا", lastName: "محمدی", role: "patient" },
        { phone: DEMO_PHONES.patientEmptyWallet, name: "امیر حسینی", firstName: "امیر", lastName: "حسینی", role: "patient" },
        { phone: DEMO_PHONES.doctor, name: DOCTORS[0]!.name, role: "doctor" },
        ...STAFF.map((s) => ({ phone: s.phone, name: s.name, role: "staff" as const })),
        { phone: DEMO_PHONES.admin, name: "مدیر سامانه", role: "admin" },
      ])
      .returning();
    const staffUsers = await tx.select({ id: users.id, phone: users.phone }).from(users).where(eq(users.role, "staff"));
    const staffIdByPhone = new Map(staffUsers.map((u) => [u.phone, u.id]));
    await tx
      .insert(clinicMemberships)
      .values(STAFF.map((s) => ({ userId: staffIdByPhone.get(s.phone)!, clinicId: clinicByKey.get(s.clinic)!.id, role: s.role })));

    const doctorRows = await tx
      .insert(doctors)
      .values(
        DOCTORS.map((d, i) => {
          const clinic = clinicByKey.get(d.clinic)!;
          const profile = demoProfile(d, i);
          return {
            ...profile,
            userId: i === 0 ? doctorUser!.id : null,
            clinicId: clinic.id,
            specialtyId: specialtyByName.get(d.specialty)!.id,
            name: d.name,
            title: `متخصص ${d.specialty}`,
            bio: d.bio,
            searchText: doctorSearchText({ name: d.name, specialty: d.specialty, clinic: clinic.name, ...profile }),
            visitFeeRial: d.visitToman * 10,
            chatFeeRial: d.chatToman * 10,
            takesChat: d.takesChat,
            chatAnswerHours: d.answerHours ?? 24,
          };
        }),
      )
      .returning({ id: doctors.id, visitFeeRial: doctors.visitFeeRial, clinicId: doctors.clinicId });
    await tx.insert(weeklySchedules).values(doctorRows.flatMap((d, i) => demoSchedule(d.id, i)));
    // Before the demo credit below, so that the ledger's running balances follow its dates.
    await insertPaymentHistory(tx, { zahra: zahra!.id, amir: amir!.id, staff: staffUser!.id, doctors: doctorRows }, now);

    await insertDemoReviews(tx, now);

    const [richPatient] = await tx.select().from(users).where(eq(users.phone, DEMO_PHONES.patientWithBalance));
    await tx.insert(walletLedger).values({
      userId: richPatient!.id,
      amountRial: DEMO_PATIENT_BALANCE_RIAL,
      reason: "staff_adjustment",
      reference: `seed:${DEMO_PHONES.patientWithBalance}`,
      note: "اعتبار آزمایشی",
    });
  });
}

const DEMO_REVIEWS = [
  {
    overall: 5,
    treatment: 5,
    manner: 5,
    explanation: 4,
    recommends: true,
    comment: "با حوصله معاینه کردند و همه‌چیز را توضیح دادند. نوبت هم سر وقت بود.",
    reply: "سپاس از لطف شما؛ سلامت باشید.",
  },
  {
    overall: 4,
    treatment: 4,
    manner: 5,
    explanation: 4,
    recommends: true,
    comment: "برخورد بسیار خوب؛ فقط کمی در مطب منتظر ماندم.",
    reply: null,
  },
  {
    overall: 3,
    treatment: 4,
    manner: 3,
    explanation: 2,
    recommends: false,
    comment: "درمان مؤثر بود ولی توضیح کافی درباره داروها ندادند.",
    reply: null,
  },
];

/** A review for each attended demo visit, a day after it: every one from a verified, paid, attended visit. */
async function insertDemoReviews(tx: Db, now: Date) {
  const attended = await tx.select().from(reservations).where(eq(reservations.status, "attended")).orderBy(reservations.createdAt);
  const rows = attended.slice(0, DEMO_REVIEWS.length).map((r, i) => {
    const { reply, ...review } = DEMO_REVIEWS[i]!;
    const createdAt = new Date(Math.min(r.createdAt.getTime() + 2 * 86_400_000, now.getTime()));
    return {
      ...review,
      reservationId: r.id,
      patientId: r.patientId,
      doctorId: r.doctorId,
      createdAt,
      reply,
      repliedAt: reply ? createdAt : null,
    };
  });
  if (rows.length > 0) await tx.insert(reviews).values(rows);
}
