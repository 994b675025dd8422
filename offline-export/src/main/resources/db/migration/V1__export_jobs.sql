CREATE TABLE export_jobs (
  id              TEXT PRIMARY KEY,
  project         TEXT NOT NULL,
  status          TEXT NOT NULL,
  progress        DOUBLE PRECISION NOT NULL DEFAULT 0,
  entities_path   TEXT NOT NULL,
  entities_format TEXT NOT NULL,
  plan            TEXT NOT NULL,
  output_uri      TEXT,
  manifest        TEXT,
  error           TEXT,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX export_jobs_unfinished ON export_jobs (status) WHERE status IN ('QUEUED', 'RUNNING');
