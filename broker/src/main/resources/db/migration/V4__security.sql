-- API credentials an admin issues to a tenant's Deltacloud clients (HTTP Basic on /api). Only a SHA-256 of the
-- secret is stored: secrets are 256 random bits, so a fast hash cannot be brute-forced (docs/security.md).
create table api_credential (
    key_id       text        primary key,
    secret_hash  bytea       not null,
    tenant       text        not null,
    roles        text[]      not null,
    description  text,
    created_by   text        not null,
    created_at   timestamptz not null default now(),
    revoked_at   timestamptz,
    revoked_by   text,
    check (cardinality(roles) > 0)
);
create index api_credential_tenant_idx on api_credential (tenant);

-- The tenant owning each provider-side resource created through Skyfed (instances, keys, images, volumes,
-- snapshots, buckets, firewalls, addresses, load balancers): lists and lookups are filtered by it.
create table resource_owner (
    provider     text        not null,
    kind         text        not null,
    resource_id  text        not null,
    tenant       text        not null,
    created_at   timestamptz not null default now(),
    primary key (provider, kind, resource_id)
);
create index resource_owner_tenant_idx on resource_owner (tenant, provider, kind);
