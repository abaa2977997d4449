-- Work that runs once per interval across all replicas (inventory refresh per provider, the policy loop's tick),
-- and the federated inventory those refreshes write for every replica to serve.

-- One row per scheduled unit. A replica claims a due task with one conditional update
--   update cluster_task set lease_owner = me, lease_expires_at = now() + lease, next_run_at = now() + interval
--   where name = ? and next_run_at <= now() and (lease_expires_at is null or lease_expires_at < now())
-- so exactly one replica runs it per interval; a replica that dies mid-run loses the lease when it expires and
-- another takes the task over. state holds what a task carries from run to run (the policy loop's timers).
create table cluster_task (
    name              text        primary key,
    next_run_at       timestamptz not null default now(),
    lease_owner       text,
    lease_expires_at  timestamptz,
    last_run_at       timestamptz,
    last_run_by       text,
    last_outcome      text        check (last_outcome in ('SUCCESS', 'FAILURE')),
    last_error        text,
    runs              bigint      not null default 0 check (runs >= 0),
    state             jsonb       not null default '{}'::jsonb,
    check ((lease_owner is null) = (lease_expires_at is null))
);

-- Which replica ran what, when, with which outcome: for operators and for the multi-replica tests. Rows older
-- than a day are pruned by the replicas.
create table cluster_task_run (
    id           bigint      generated always as identity primary key,
    task         text        not null,
    replica      text        not null,
    started_at   timestamptz not null,
    finished_at  timestamptz not null,
    outcome      text        not null check (outcome in ('SUCCESS', 'FAILURE')),
    error        text
);
create index cluster_task_run_task_idx on cluster_task_run (task, started_at);

-- The federated inventory as last read from each provider, written by the replica that ran the provider's
-- refresh and read by all. content_version changes only when an item changed, so replicas reload only then.
create table inventory_snapshot (
    provider         text        primary key references provider (name) on delete cascade on update cascade,
    driver           text        not null,
    location         text        not null check (location in ('ON_PREMISE', 'PUBLIC')),
    region           text,
    refreshed_at     timestamptz,
    attempted_at     timestamptz not null,
    last_error       text,
    content_version  bigint      not null default 0,
    capacity         jsonb
);

-- One instance, image, hardware profile or realm of a provider, as the driver reported it.
create table inventory_item (
    provider  text  not null references inventory_snapshot (provider) on delete cascade,
    kind      text  not null check (kind in ('INSTANCE', 'IMAGE', 'HARDWARE_PROFILE', 'REALM')),
    id        text  not null,
    body      jsonb not null,
    primary key (provider, kind, id)
);
