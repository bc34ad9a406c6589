CREATE TABLE "duplicate_candidates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "duplicate_candidates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_a" text NOT NULL,
	"person_b" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"note" text,
	"survivor_id" text,
	"key_id" text,
	"before_images" "bytea"
);
--> statement-breakpoint
CREATE TABLE "person_identity_keys" (
	"kind" text NOT NULL,
	"key_hash" text NOT NULL,
	"person_id" text NOT NULL,
	CONSTRAINT "person_identity_keys_kind_key_hash_person_id_pk" PRIMARY KEY("kind","key_hash","person_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "duplicate_candidates_pair_idx" ON "duplicate_candidates" USING btree ("person_a","person_b");--> statement-breakpoint
CREATE INDEX "duplicate_candidates_state_idx" ON "duplicate_candidates" USING btree ("state","id");--> statement-breakpoint
CREATE INDEX "person_identity_keys_person_idx" ON "person_identity_keys" USING btree ("person_id");