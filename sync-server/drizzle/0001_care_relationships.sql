CREATE TABLE "care_relationships" (
	"unit_id" text NOT NULL,
	"person_id" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"granted_by" text NOT NULL,
	CONSTRAINT "care_relationships_unit_id_person_id_pk" PRIMARY KEY("unit_id","person_id")
);
