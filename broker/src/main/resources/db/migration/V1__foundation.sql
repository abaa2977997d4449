-- Skyfed's foundation schema: secrets, providers, tenants, key pairs, workloads, durable jobs and the audit log.
-- Migrations are append-only: never edit a released file, add V<n+1>__<what>.sql instead.

-- A secret sealed with envelope encryption: the value is encrypted (AES-256-GCM) with its own data key, and
-- the data key is wrapped (AES-256-GCM) by the master key named by master_key_id. The row id is the
-- additional authenticated data of both, so a ciphertext copied onto another row does not decrypt.
create table secret (
    id             uuid primary key,
    master_key_id  text        not null,
    wrapped_key    bytea       not null,
    key_nonce      bytea       not null,
    nonce          bytea       not null,
    ciphertext     bytea       not null,
    created_at     timestamptz not null default now(),
    rewrapped_at   timestamptz
);
create index secret_master_key_id_idx on secret (master_key_id);

-- An account/endpoint/region of one driver kind. Providers defined in configuration are re-synchronised at
-- every start (source = 'configuration'); the API manages the others (source = 'api').
create table provider (
    id                 uuid primary key,
    name               text        not null unique check (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    driver             text        not null,
    location           text        not null check (location in ('ON_PREMISE', 'PUBLIC')),
    endpoint           text,
    region             text,
    properties         jsonb       not null default '{}'::jsonb,
    credential_user    text,
    credential_secret  uuid        references secret (id),
    enabled            boolean     not null default true,
    source             text        not null check (source in ('CONFIGURATION', 'API')),
    health             text        not null default 'UNKNOWN' check (health in ('UNKNOWN', 'UP', 'DOWN')),
    health_checked_at  timestamptz,
    health_error       text,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    version            bigint      not null default 0
);

-- A team or customer sharing the broker. Budgets bound what the policy loop may spend on its behalf.
create table tenant (
    id                 uuid primary key,
    name               text        not null unique check (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    display_name       text        not null,
    monthly_budget     numeric(14, 2) check (monthly_budget >= 0),
    budget_currency    char(3),
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    version            bigint      not null default 0,
    check ((monthly_budget is null) = (budget_currency is null))
);

-- An SSH key pair a tenant uses on a provider (the Deltacloud "keys" collection). The private key, when the
-- provider generated one, is a sealed secret and is handed out once.
create table key_pair (
    id                  uuid primary key,
    tenant_id           uuid        not null references tenant (id),
    provider_id         uuid        not null references provider (id),
    name                text        not null,
    provider_key_id     text,
    fingerprint         text,
    public_key          text,
    private_key_secret  uuid        references secret (id),
    created_at          timestamptz not null default now(),
    unique (provider_id, tenant_id, name)
);
create index key_pair_tenant_idx on key_pair (tenant_id);

-- A managed VM or group of VMs: where it runs now and what it needs (disks, networks, firewall rules).
create table workload (
    id                    uuid primary key,
    tenant_id             uuid        not null references tenant (id),
    name                  text        not null,
    provider_id           uuid        references provider (id),
    provider_instance_ids jsonb       not null default '[]'::jsonb,
    spec                  jsonb       not null default '{}'::jsonb,
    state                 text        not null check (state in ('DEFINED', 'RUNNING', 'STOPPED', 'MIGRATING', 'FAILED', 'DELETED')),
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    version               bigint      not null default 0,
    unique (tenant_id, name)
);
create index workload_provider_idx on workload (provider_id);

-- A durable workflow (burst, cold/warm migration, repatriation). Any replica claims a runnable job with
--   select ... from job where <runnable> order by next_attempt_at for update skip locked limit 1
-- and holds it by renewing lease_expires_at; a job whose lease ran out is runnable again.
create table job (
    id                uuid primary key,
    tenant_id         uuid        references tenant (id),
    workload_id       uuid        references workload (id),
    kind              text        not null check (kind in ('BURST', 'MIGRATE_COLD', 'MIGRATE_WARM', 'REPATRIATE')),
    state             text        not null check (state in ('QUEUED', 'RUNNING', 'CANCELLING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    dry_run           boolean     not null default false,
    request           jsonb       not null default '{}'::jsonb,
    outcome           jsonb,
    error             text,
    attempt           integer     not null default 0 check (attempt >= 0),
    max_attempts      integer     not null default 5 check (max_attempts > 0),
    next_attempt_at   timestamptz not null default now(),
    lease_owner       text,
    lease_expires_at  timestamptz,
    bytes_done        bigint      not null default 0 check (bytes_done >= 0),
    bytes_total       bigint      check (bytes_total >= 0),
    created_by        text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    started_at        timestamptz,
    finished_at       timestamptz,
    version           bigint      not null default 0,
    check ((lease_owner is null) = (lease_expires_at is null))
);
-- Serves the claim query: only unfinished jobs are indexed, in the order they become runnable.
create index job_runnable_idx on job (next_attempt_at) where state in ('QUEUED', 'RUNNING', 'CANCELLING');
create index job_tenant_idx on job (tenant_id, created_at desc);
create index job_workload_idx on job (workload_id);

-- One idempotent, checkpointed step of a job. The idempotency key names what the step creates on a provider,
-- so a step resumed after a crash finds its earlier work instead of creating it twice.
create table job_step (
    id                uuid primary key,
    job_id            uuid        not null references job (id) on delete cascade,
    ordinal           integer     not null check (ordinal >= 0),
    name              text        not null,
    state             text        not null check (state in ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'SKIPPED', 'COMPENSATED')),
    idempotency_key   text        not null,
    attempt           integer     not null default 0 check (attempt >= 0),
    checkpoint        jsonb       not null default '{}'::jsonb,
    bytes_done        bigint      not null default 0 check (bytes_done >= 0),
    bytes_total       bigint      check (bytes_total >= 0),
    source_checksum   text,
    target_checksum   text,
    error             text,
    started_at        timestamptz,
    finished_at       timestamptz,
    version           bigint      not null default 0,
    unique (job_id, ordinal),
    unique (idempotency_key)
);

-- Who did what, when, with which outcome and why. Append-only: updates and deletes are refused by trigger.
create table audit_event (
    id           bigint generated always as identity primary key,
    occurred_at  timestamptz not null default now(),
    actor        text        not null,
    tenant_id    uuid        references tenant (id),
    action       text        not null,
    target_type  text        not null,
    target_id    text,
    outcome      text        not null check (outcome in ('SUCCESS', 'FAILURE', 'DENIED')),
    explanation  text,
    details      jsonb       not null default '{}'::jsonb,
    request_id   text
);
create index audit_event_occurred_idx on audit_event (occurred_at desc);
create index audit_event_tenant_idx on audit_event (tenant_id, occurred_at desc);
create index audit_event_target_idx on audit_event (target_type, target_id);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_event_append_only
    before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
