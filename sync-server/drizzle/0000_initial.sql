CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"user_name" text NOT NULL,
	"login_key" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"password_hash" text NOT NULL,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"password_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"device_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_account_id" text,
	"actor_device_id" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"org_unit_id" text,
	"detail" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_nonces" (
	"device_id" text NOT NULL,
	"nonce" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "device_nonces_device_id_nonce_pk" PRIMARY KEY("device_id","nonce")
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" text PRIMARY KEY NOT NULL,
	"org_unit_id" text NOT NULL,
	"public_key" text NOT NULL,
	"label" text NOT NULL,
	"enrolled_at" timestamp with time zone NOT NULL,
	"enrolled_by" text,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "enrolment_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"org_unit_id" text NOT NULL,
	"issued_by" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"device_id" text
);
--> statement-breakpoint
CREATE TABLE "org_units" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" text,
	"facility_code" text,
	"commune_code" text,
	"commune_scheme" text,
	"valid_from" date,
	"valid_to" date,
	"illustrative" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection_sequences" (
	"collection" text PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conflict_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "conflict_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"collection" text NOT NULL,
	"document_id" text NOT NULL,
	"account_id" text,
	"device_id" text,
	"rules" jsonb NOT NULL,
	"key_id" text NOT NULL,
	"payload" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"collection" text NOT NULL,
	"id" text NOT NULL,
	"seq" bigint NOT NULL,
	"scope_unit_id" text NOT NULL,
	"person_id" text,
	"deleted" boolean DEFAULT false NOT NULL,
	"key_id" text NOT NULL,
	"body" "bytea" NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "documents_collection_id_pk" PRIMARY KEY("collection","id")
);
--> statement-breakpoint
CREATE TABLE "evictions" (
	"collection" text NOT NULL,
	"seq" bigint NOT NULL,
	"id" text NOT NULL,
	"scope_unit_id" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evictions_collection_seq_id_pk" PRIMARY KEY("collection","seq","id")
);
--> statement-breakpoint
CREATE TABLE "health_id_allocator" (
	"id" integer PRIMARY KEY NOT NULL,
	"next_serial" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_id_pools" (
	"pool_id" text PRIMARY KEY NOT NULL,
	"org_unit_id" text NOT NULL,
	"device_id" text,
	"first_serial" bigint NOT NULL,
	"last_serial" bigint NOT NULL,
	"allocated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quarantine" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "quarantine_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"collection" text NOT NULL,
	"document_id" text NOT NULL,
	"account_id" text,
	"device_id" text,
	"org_unit_id" text,
	"reason" text NOT NULL,
	"detail" jsonb,
	"key_id" text NOT NULL,
	"payload" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text
);
--> statement-breakpoint
CREATE TABLE "station_status" (
	"device_id" text PRIMARY KEY NOT NULL,
	"org_unit_id" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"report" jsonb NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_login_key_idx" ON "accounts" USING btree ("login_key");--> statement-breakpoint
CREATE INDEX "accounts_org_unit_idx" ON "accounts" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id") WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX "device_nonces_seen_idx" ON "device_nonces" USING btree ("seen_at");--> statement-breakpoint
CREATE INDEX "devices_org_unit_idx" ON "devices" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "org_units_parent_idx" ON "org_units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "conflict_log_document_idx" ON "conflict_log" USING btree ("collection","document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_collection_seq_idx" ON "documents" USING btree ("collection","seq");--> statement-breakpoint
CREATE INDEX "documents_scope_seq_idx" ON "documents" USING btree ("collection","scope_unit_id","seq");--> statement-breakpoint
CREATE INDEX "documents_person_idx" ON "documents" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "evictions_scope_seq_idx" ON "evictions" USING btree ("collection","scope_unit_id","seq");--> statement-breakpoint
CREATE INDEX "health_id_pools_unit_idx" ON "health_id_pools" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "quarantine_open_idx" ON "quarantine" USING btree ("org_unit_id","created_at");