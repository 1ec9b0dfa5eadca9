CREATE TABLE "doctor_photos" (
	"sha256" text PRIMARY KEY NOT NULL,
	"small" "bytea" NOT NULL,
	"medium" "bytea" NOT NULL,
	"large" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "doctor_photos_sha256_hex" CHECK ("doctor_photos"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "doctor_photos_sizes" CHECK (octet_length("doctor_photos"."small") between 1 and 1048576 and octet_length("doctor_photos"."medium") between 1 and 1048576 and octet_length("doctor_photos"."large") between 1 and 1048576)
);
--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "education" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "languages" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "insurances" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "council_number" text;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "photo_sha256" text;--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_photo_sha256_doctor_photos_sha256_fk" FOREIGN KEY ("photo_sha256") REFERENCES "public"."doctor_photos"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_council_number_unique" UNIQUE("council_number");--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_council_number_digits" CHECK ("doctors"."council_number" ~ '^[0-9]{3,8}$');--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_profile_lengths" CHECK (char_length("doctors"."name") between 1 and 100 and char_length("doctors"."bio") <= 2000 and char_length("doctors"."education") <= 1000);--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_lists_size" CHECK (cardinality("doctors"."languages") <= 10 and cardinality("doctors"."insurances") <= 20);