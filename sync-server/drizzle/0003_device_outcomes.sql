CREATE INDEX "conflict_log_device_idx" ON "conflict_log" USING btree ("device_id","id");--> statement-breakpoint
CREATE INDEX "quarantine_device_idx" ON "quarantine" USING btree ("device_id","id");