-- One row per live object; spec is the definition's JSON as DefinitionJson writes it.
create table definitions (
    id          bigserial primary key,
    project     varchar(63)  not null,
    kind        varchar(32)  not null,
    name        varchar(63)  not null,
    revision    bigint       not null,
    version     integer,
    spec        text         not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    constraint definitions_unique unique (project, kind, name)
);

-- Every version a feature view ever had, kept after the view changes or is deleted, so pinned
-- references and old tables stay readable and a re-created view never reuses a version number.
create table view_versions (
    id              bigserial primary key,
    project         varchar(63) not null,
    name            varchar(63) not null,
    version         integer     not null,
    revision        bigint      not null,
    spec            text        not null,
    backfill_state  varchar(16) not null,
    -- JSON {"<schema id>": [{name, type}, ...]}: every feature list this version had. The schema
    -- id is the revision that introduced the list; online records carry it so old ones decode.
    schemas         text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    constraint view_versions_unique unique (project, name, version)
);
