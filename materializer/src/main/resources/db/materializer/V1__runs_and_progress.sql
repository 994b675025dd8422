-- Runs: one row per requested materialization, whatever started it (REST, scheduler).
CREATE TABLE runs (
  id            uuid PRIMARY KEY,
  project       text NOT NULL,
  view          text NOT NULL,
  version       int,
  mode          text NOT NULL,            -- incremental | backfill
  range_start   timestamptz,
  range_end     timestamptz,
  trigger       text NOT NULL,            -- api | schedule
  status        text NOT NULL,            -- QUEUED | RUNNING | SUCCEEDED | FAILED
  attempts      int NOT NULL DEFAULT 0,
  rows_read     bigint NOT NULL DEFAULT 0,
  rows_written  bigint NOT NULL DEFAULT 0,
  rows_rejected bigint NOT NULL DEFAULT 0,
  quality       text,                     -- JSON quality report
  stages        text,                     -- JSON stage -> millis
  error         text,
  worker        text,                     -- process that ran it
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz
);
CREATE INDEX runs_by_view ON runs (project, view, created_at DESC);

-- Progress of a view version over its source: the source's own position.
-- FILE: the files materialized (path, size, modification time).
CREATE TABLE files_seen (
  project text NOT NULL,
  view    text NOT NULL,
  version int  NOT NULL,
  source  text NOT NULL,
  path    text NOT NULL,
  size    bigint NOT NULL,
  mtime   bigint NOT NULL,
  PRIMARY KEY (project, view, version, source, path)
);
-- POSTGRES: the greatest created (else event) timestamp read; the next run reads from
-- watermark - allowedLateness.
CREATE TABLE watermarks (
  project   text NOT NULL,
  view      text NOT NULL,
  version   int  NOT NULL,
  source    text NOT NULL,
  watermark timestamptz NOT NULL,
  PRIMARY KEY (project, view, version, source)
);
-- A batch whose Iceberg commit may have happened but whose progress did not move yet: the next
-- run re-runs exactly this batch (same batch id) before reading anything new.
CREATE TABLE pending_batches (
  project  text NOT NULL,
  view     text NOT NULL,
  version  int  NOT NULL,
  source   text NOT NULL,
  batch_id text NOT NULL,
  position text NOT NULL,                 -- JSON: the batch's source positions
  PRIMARY KEY (project, view, version, source)
);
-- Files ingested into the source's curated table (one ingestion per source, whatever the view).
CREATE TABLE curated_files (
  project  text NOT NULL,
  source   text NOT NULL,
  path     text NOT NULL,
  size     bigint NOT NULL,
  mtime    bigint NOT NULL,
  batch_id text NOT NULL,
  PRIMARY KEY (project, source, path, size, mtime)
);
-- Rows rejected by validation, with the reason: nothing is dropped silently.
CREATE TABLE dead_letters (
  id       bigserial PRIMARY KEY,
  run_id   uuid NOT NULL,
  project  text NOT NULL,
  source   text NOT NULL,
  position text NOT NULL,                 -- file:line or table:timestamp
  reason   text NOT NULL,
  record   text,
  at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dead_letters_by_run ON dead_letters (run_id);
-- The last schedule slot claimed per view, across replicas: a slot runs once, missed slots do not
-- pile up (only the newest due slot is ever claimed).
CREATE TABLE schedule_slots (
  project   text NOT NULL,
  view      text NOT NULL,
  last_slot timestamptz NOT NULL,
  PRIMARY KEY (project, view)
);
-- Per view: the newest event materialized and when (freshness, health).
CREATE TABLE view_stats (
  project         text NOT NULL,
  view            text NOT NULL,
  version         int  NOT NULL,
  newest_event    timestamptz,
  last_success_at timestamptz NOT NULL,
  PRIMARY KEY (project, view)
);
