CREATE TYPE "public"."user_sex" AS ENUM('female', 'male');--> statement-breakpoint
CREATE TYPE "public"."family_relation" AS ENUM('child', 'spouse', 'parent', 'sibling', 'other');--> statement-breakpoint
CREATE TABLE "family_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"national_code" text NOT NULL,
	"relation" "family_relation" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "family_members_id_owner_unique" UNIQUE("id","owner_id"),
	CONSTRAINT "family_members_national_code_format" CHECK ("family_members"."national_code" ~ '^[0-9]{10}$'),
	CONSTRAINT "family_members_names_present" CHECK (length(btrim("family_members"."first_name")) > 0 and length(btrim("family_members"."last_name")) > 0)
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "first_name" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_name" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "national_code" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "birth_year" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "sex" "user_sex";--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "family_member_id" uuid;--> statement-breakpoint
ALTER TABLE "chat_requests" ADD COLUMN "family_member_id" uuid;--> statement-breakpoint
ALTER TABLE "family_members" ADD CONSTRAINT "family_members_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "family_members_owner_code_live" ON "family_members" USING btree ("owner_id","national_code") WHERE "family_members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "family_members_owner_idx" ON "family_members" USING btree ("owner_id");--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_family_member_owner_fk" FOREIGN KEY ("family_member_id","patient_id") REFERENCES "public"."family_members"("id","owner_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_requests" ADD CONSTRAINT "chat_requests_family_member_owner_fk" FOREIGN KEY ("family_member_id","patient_id") REFERENCES "public"."family_members"("id","owner_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_national_code_format" CHECK ("users"."national_code" ~ '^[0-9]{10}$');--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_birth_year_range" CHECK ("users"."birth_year" between 1280 and 1500);--> statement-breakpoint
-- Accounts that already have a display name keep it: its first word becomes the first name, the rest the last
-- name. A one-word name leaves the last name empty, so the next checkout asks for it.
UPDATE "users" SET
  "first_name" = split_part(btrim("name"), ' ', 1),
  "last_name" = nullif(btrim(substr(btrim("name"), length(split_part(btrim("name"), ' ', 1)) + 1)), '')
WHERE "name" IS NOT NULL AND btrim("name") <> '' AND "first_name" IS NULL;
