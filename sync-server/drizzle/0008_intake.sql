CREATE TABLE "intake_receipts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "intake_receipts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"facility_code" text NOT NULL,
	"hospital_unit_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"received_on" date NOT NULL,
	"visit_key" text,
	"position" integer NOT NULL,
	"outcome" text NOT NULL,
	"issue_codes" jsonb NOT NULL,
	"discharged_on" date,
	"late" boolean NOT NULL,
	"key_id" text,
	"body" "bytea"
);
--> statement-breakpoint
CREATE TABLE "intake_visits" (
	"facility_code" text NOT NULL,
	"visit_key" text NOT NULL,
	"hospital_unit_id" text NOT NULL,
	"state" text NOT NULL,
	"review_reason" text,
	"candidates" jsonb,
	"review_unit_id" text,
	"person_id" text,
	"encounter_id" text,
	"version" integer NOT NULL,
	"content_hash" text NOT NULL,
	"seen_hashes" jsonb NOT NULL,
	"receipt_id" bigint NOT NULL,
	"first_received_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"resolved_by" text,
	CONSTRAINT "intake_visits_facility_code_visit_key_pk" PRIMARY KEY("facility_code","visit_key")
);
--> statement-breakpoint
CREATE INDEX "intake_receipts_facility_day_idx" ON "intake_receipts" USING btree ("facility_code","received_on");--> statement-breakpoint
CREATE INDEX "intake_receipts_day_idx" ON "intake_receipts" USING btree ("received_on");--> statement-breakpoint
CREATE INDEX "intake_visits_state_idx" ON "intake_visits" USING btree ("state","updated_at");