CREATE TABLE "station_status_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "station_status_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"device_id" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"pending_changes" integer NOT NULL,
	"oldest_pending_age_seconds" integer,
	"last_sync_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "station_status_history_device_idx" ON "station_status_history" USING btree ("device_id","reported_at");--> statement-breakpoint
CREATE INDEX "station_status_history_time_idx" ON "station_status_history" USING btree ("reported_at");--> statement-breakpoint
CREATE INDEX "audit_log_device_action_idx" ON "audit_log" USING btree ("actor_device_id","action");