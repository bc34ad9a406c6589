CREATE TABLE "password_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "password_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" text NOT NULL,
	"password_hash" text NOT NULL,
	"retired_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_verifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_verifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"actor_account_id" text,
	"full" boolean NOT NULL,
	"from_seq" bigint NOT NULL,
	"to_seq" bigint NOT NULL,
	"last_hash" text NOT NULL,
	"ok" boolean NOT NULL,
	"first_broken_seq" bigint,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sign_in_failures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"account_id" text,
	"org_unit_id" text,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_lockouts" (
	"account_id" text NOT NULL,
	"source" text NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	CONSTRAINT "sign_in_lockouts_account_id_source_pk" PRIMARY KEY("account_id","source")
);
--> statement-breakpoint
CREATE TABLE "document_unique_keys" (
	"collection" text NOT NULL,
	"key_hash" text NOT NULL,
	"document_id" text NOT NULL,
	CONSTRAINT "document_unique_keys_collection_key_hash_pk" PRIMARY KEY("collection","key_hash")
);
--> statement-breakpoint
CREATE INDEX "password_history_account_idx" ON "password_history" USING btree ("account_id","retired_at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_at_idx" ON "sign_in_failures" USING btree ("at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_unit_idx" ON "sign_in_failures" USING btree ("org_unit_id","at");--> statement-breakpoint
CREATE INDEX "document_unique_keys_document_idx" ON "document_unique_keys" USING btree ("collection","document_id");