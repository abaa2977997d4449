-- Which replica last started each step (issue 6: a job taken over by another replica shows who ran what).
alter table job_step add column replica text;
