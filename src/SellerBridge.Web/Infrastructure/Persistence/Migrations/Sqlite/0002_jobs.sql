-- Quartz.NET 4 ADO.NET job store (table prefix qrtz_), as the store validates it at start, and
-- job_runs, the history the operator's Jobs page reads.
-- The Quartz store's own connections do not switch on foreign keys, so the child trigger rows
-- are removed by SQLite triggers rather than by ON DELETE CASCADE alone.

CREATE TABLE qrtz_job_details (
    sched_name TEXT NOT NULL,
    job_name TEXT NOT NULL,
    job_group TEXT NOT NULL,
    description TEXT NULL,
    job_class_name TEXT NOT NULL,
    is_durable BIT NOT NULL,
    is_nonconcurrent BIT NOT NULL,
    is_update_data BIT NOT NULL,
    requests_recovery BIT NOT NULL,
    job_data BLOB NULL,
    PRIMARY KEY (sched_name, job_name, job_group)
);

CREATE TABLE qrtz_triggers (
    sched_name TEXT NOT NULL,
    trigger_name TEXT NOT NULL,
    trigger_group TEXT NOT NULL,
    job_name TEXT NOT NULL,
    job_group TEXT NOT NULL,
    description TEXT NULL,
    next_fire_time BIGINT NULL,
    prev_fire_time BIGINT NULL,
    priority INTEGER NULL,
    trigger_state TEXT NOT NULL,
    trigger_type TEXT NOT NULL,
    start_time BIGINT NOT NULL,
    end_time BIGINT NULL,
    calendar_name TEXT NULL,
    misfire_instr INTEGER NULL,
    misfire_orig_fire_time BIGINT NULL,
    execution_group TEXT NULL,
    preferred_node TEXT NULL,
    preferred_node_auto BIT NOT NULL DEFAULT 0,
    retry_policy TEXT NULL,
    retry_attempt INTEGER NULL,
    continues_trigger_name TEXT NULL,
    continues_trigger_group TEXT NULL,
    continuation_condition INTEGER NULL,
    overlap_policy INTEGER NULL,
    pause_reason TEXT NULL,
    paused_by TEXT NULL,
    paused_at BIGINT NULL,
    misfire_threshold BIGINT NULL,
    fixed_delay BIT NULL,
    job_data BLOB NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group)
);

CREATE TABLE qrtz_simple_triggers (
    sched_name TEXT NOT NULL,
    trigger_name TEXT NOT NULL,
    trigger_group TEXT NOT NULL,
    repeat_count BIGINT NOT NULL,
    repeat_interval BIGINT NOT NULL,
    times_triggered BIGINT NOT NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_cron_triggers (
    sched_name TEXT NOT NULL,
    trigger_name TEXT NOT NULL,
    trigger_group TEXT NOT NULL,
    cron_expression TEXT NOT NULL,
    time_zone_id TEXT NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_simprop_triggers (
    sched_name TEXT NOT NULL,
    trigger_name TEXT NOT NULL,
    trigger_group TEXT NOT NULL,
    str_prop_1 TEXT NULL,
    str_prop_2 TEXT NULL,
    str_prop_3 TEXT NULL,
    int_prop_1 INTEGER NULL,
    int_prop_2 INTEGER NULL,
    long_prop_1 BIGINT NULL,
    long_prop_2 BIGINT NULL,
    dec_prop_1 NUMERIC NULL,
    dec_prop_2 NUMERIC NULL,
    bool_prop_1 BIT NULL,
    bool_prop_2 BIT NULL,
    time_zone_id TEXT NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_blob_triggers (
    sched_name TEXT NOT NULL,
    trigger_name TEXT NOT NULL,
    trigger_group TEXT NOT NULL,
    blob_data BLOB NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_calendars (
    sched_name TEXT NOT NULL,
    calendar_name TEXT NOT NULL,
    calendar BLOB NOT NULL,
    PRIMARY KEY (sched_name, calendar_name)
);

CREATE TABLE qrtz_paused_trigger_grps (
    sched_name TEXT NOT NULL,
    trigger_group TEXT NOT NULL,
    pause_reason TEXT NULL,
    paused_by TEXT NULL,
    paused_at BIGINT NULL,
    PRIMARY KEY (sched_name, trigger_group)
);

CREATE TABLE qrtz_paused_job_grps (
    sched_name TEXT NOT NULL,
    job_group TEXT NOT NULL,
    pause_reason TEXT NULL,
    paused_by TEXT NULL,
    paused_at BIGINT NULL,
    PRIMARY KEY (sched_name, job_group)
);

CREATE TABLE qrtz_fired_triggers (
    sched_name TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    trigger_name TEXT NOT NULL,
    trigger_group TEXT NOT NULL,
    instance_name TEXT NOT NULL,
    fired_time BIGINT NOT NULL,
    sched_time BIGINT NOT NULL,
    priority INTEGER NOT NULL,
    state TEXT NOT NULL,
    job_name TEXT NULL,
    job_group TEXT NULL,
    is_nonconcurrent BIT NULL,
    requests_recovery BIT NULL,
    execution_group TEXT NULL,
    progress INTEGER NULL,
    progress_message TEXT NULL,
    interrupt_requested_time BIGINT NULL,
    PRIMARY KEY (sched_name, entry_id)
);

CREATE TABLE qrtz_scheduler_state (
    sched_name TEXT NOT NULL,
    instance_name TEXT NOT NULL,
    last_checkin_time BIGINT NOT NULL,
    checkin_interval BIGINT NOT NULL,
    quartz_version TEXT NULL,
    PRIMARY KEY (sched_name, instance_name)
);

CREATE TABLE qrtz_locks (
    sched_name TEXT NOT NULL,
    lock_name TEXT NOT NULL,
    PRIMARY KEY (sched_name, lock_name)
);

CREATE TRIGGER qrtz_delete_simple_trigger DELETE ON qrtz_triggers
BEGIN
    DELETE FROM qrtz_simple_triggers WHERE sched_name = OLD.sched_name AND trigger_name = OLD.trigger_name AND trigger_group = OLD.trigger_group;
END;

CREATE TRIGGER qrtz_delete_simprop_trigger DELETE ON qrtz_triggers
BEGIN
    DELETE FROM qrtz_simprop_triggers WHERE sched_name = OLD.sched_name AND trigger_name = OLD.trigger_name AND trigger_group = OLD.trigger_group;
END;

CREATE TRIGGER qrtz_delete_cron_trigger DELETE ON qrtz_triggers
BEGIN
    DELETE FROM qrtz_cron_triggers WHERE sched_name = OLD.sched_name AND trigger_name = OLD.trigger_name AND trigger_group = OLD.trigger_group;
END;

CREATE TRIGGER qrtz_delete_blob_trigger DELETE ON qrtz_triggers
BEGIN
    DELETE FROM qrtz_blob_triggers WHERE sched_name = OLD.sched_name AND trigger_name = OLD.trigger_name AND trigger_group = OLD.trigger_group;
END;

CREATE INDEX idx_qrtz_j_g_n ON qrtz_job_details (sched_name, job_group, job_name);
CREATE INDEX idx_qrtz_t_j ON qrtz_triggers (sched_name, job_name, job_group);
CREATE INDEX idx_qrtz_t_g_n ON qrtz_triggers (sched_name, trigger_group, trigger_name);
CREATE INDEX idx_qrtz_t_c ON qrtz_triggers (sched_name, calendar_name);
CREATE INDEX idx_qrtz_t_nft_st ON qrtz_triggers (sched_name, trigger_state, next_fire_time ASC, priority DESC, misfire_instr);
CREATE INDEX idx_qrtz_ft_inst_job_req_rcvry ON qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
CREATE INDEX idx_qrtz_ft_j_g ON qrtz_fired_triggers (sched_name, job_name, job_group);
CREATE INDEX idx_qrtz_ft_t_g ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);

CREATE TABLE job_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_name TEXT NOT NULL,
    job_group TEXT NOT NULL,
    fire_instance_id TEXT NOT NULL,
    trigger_name TEXT NULL,
    node TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('Running', 'Succeeded', 'Failed', 'Vetoed')),
    message TEXT NULL,
    duration_ms INTEGER NULL
);
CREATE INDEX ix_job_runs_job ON job_runs (job_group, job_name, started_at);
CREATE INDEX ix_job_runs_fire ON job_runs (fire_instance_id);
CREATE INDEX ix_job_runs_started ON job_runs (started_at);
