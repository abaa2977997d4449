-- Durable workflows (issue 6): at most one unfinished job that acts on a workload, since two migrations of one VM
-- at once would stop, copy and cut over the same instance. Dry runs act on nothing and are not counted.
create unique index job_one_active_per_workload on job (workload_id)
    where state in ('QUEUED', 'RUNNING', 'CANCELLING') and not dry_run;

-- The job listing of a tenant, newest first, and the steps of a job in order.
create index job_step_job_idx on job_step (job_id, ordinal);
