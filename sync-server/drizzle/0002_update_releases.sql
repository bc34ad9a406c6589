CREATE TABLE "update_artifacts" (
	"channel" text NOT NULL,
	"name" text NOT NULL,
	"sha512" text NOT NULL,
	"size" bigint NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "update_artifacts_channel_name_pk" PRIMARY KEY("channel","name")
);
--> statement-breakpoint
CREATE TABLE "update_minimum_versions" (
	"channel" text PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"set_by" text NOT NULL,
	"set_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "update_releases" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"platform" text NOT NULL,
	"version" text NOT NULL,
	"manifest" text NOT NULL,
	"signature" text NOT NULL,
	"signing_key_id" text NOT NULL,
	"state" text NOT NULL,
	"staging_percentage" integer NOT NULL,
	"staging_org_units" jsonb NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "update_releases_version_key" UNIQUE("channel","platform","version")
);
--> statement-breakpoint
CREATE INDEX "update_releases_feed_idx" ON "update_releases" USING btree ("channel","platform");