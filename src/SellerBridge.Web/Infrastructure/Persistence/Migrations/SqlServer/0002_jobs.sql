-- Quartz.NET 4 ADO.NET job store (table prefix qrtz_), as the store validates it at start, and
-- job_runs, the history the operator's Jobs page reads.
-- Widths follow Quartz's own SQL Server schema, so that index keys stay under SQL Server's limits.

CREATE TABLE qrtz_job_details (
    sched_name NVARCHAR(120) NOT NULL,
    job_name NVARCHAR(150) NOT NULL,
    job_group NVARCHAR(150) NOT NULL,
    description NVARCHAR(250) NULL,
    job_class_name NVARCHAR(250) NOT NULL,
    is_durable BIT NOT NULL,
    is_nonconcurrent BIT NOT NULL,
    is_update_data BIT NOT NULL,
    requests_recovery BIT NOT NULL,
    job_data VARBINARY(MAX) NULL,
    CONSTRAINT pk_qrtz_job_details PRIMARY KEY (sched_name, job_name, job_group)
);

CREATE TABLE qrtz_triggers (
    sched_name NVARCHAR(120) NOT NULL,
    trigger_name NVARCHAR(150) NOT NULL,
    trigger_group NVARCHAR(150) NOT NULL,
    job_name NVARCHAR(150) NOT NULL,
    job_group NVARCHAR(150) NOT NULL,
    description NVARCHAR(250) NULL,
    next_fire_time BIGINT NULL,
    prev_fire_time BIGINT NULL,
    priority INT NULL,
    trigger_state NVARCHAR(16) NOT NULL,
    trigger_type NVARCHAR(8) NOT NULL,
    start_time BIGINT NOT NULL,
    end_time BIGINT NULL,
    calendar_name NVARCHAR(200) NULL,
    misfire_instr INT NULL,
    misfire_orig_fire_time BIGINT NULL,
    execution_group NVARCHAR(200) NULL,
    preferred_node NVARCHAR(200) NULL,
    preferred_node_auto BIT NOT NULL CONSTRAINT df_qrtz_triggers_preferred_node_auto DEFAULT 0,
    retry_policy NVARCHAR(250) NULL,
    retry_attempt INT NULL,
    continues_trigger_name NVARCHAR(150) NULL,
    continues_trigger_group NVARCHAR(150) NULL,
    continuation_condition INT NULL,
    overlap_policy INT NULL,
    pause_reason NVARCHAR(250) NULL,
    paused_by NVARCHAR(200) NULL,
    paused_at BIGINT NULL,
    misfire_threshold BIGINT NULL,
    fixed_delay BIT NULL,
    job_data VARBINARY(MAX) NULL,
    CONSTRAINT pk_qrtz_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group),
    CONSTRAINT fk_qrtz_triggers_job_details FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group)
);

CREATE TABLE qrtz_simple_triggers (
    sched_name NVARCHAR(120) NOT NULL,
    trigger_name NVARCHAR(150) NOT NULL,
    trigger_group NVARCHAR(150) NOT NULL,
    repeat_count INT NOT NULL,
    repeat_interval BIGINT NOT NULL,
    times_triggered INT NOT NULL,
    CONSTRAINT pk_qrtz_simple_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group),
    CONSTRAINT fk_qrtz_simple_triggers_triggers FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_cron_triggers (
    sched_name NVARCHAR(120) NOT NULL,
    trigger_name NVARCHAR(150) NOT NULL,
    trigger_group NVARCHAR(150) NOT NULL,
    cron_expression NVARCHAR(120) NOT NULL,
    time_zone_id NVARCHAR(80) NULL,
    CONSTRAINT pk_qrtz_cron_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group),
    CONSTRAINT fk_qrtz_cron_triggers_triggers FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_simprop_triggers (
    sched_name NVARCHAR(120) NOT NULL,
    trigger_name NVARCHAR(150) NOT NULL,
    trigger_group NVARCHAR(150) NOT NULL,
    str_prop_1 NVARCHAR(512) NULL,
    str_prop_2 NVARCHAR(512) NULL,
    str_prop_3 NVARCHAR(512) NULL,
    int_prop_1 INT NULL,
    int_prop_2 INT NULL,
    long_prop_1 BIGINT NULL,
    long_prop_2 BIGINT NULL,
    dec_prop_1 NUMERIC(13, 4) NULL,
    dec_prop_2 NUMERIC(13, 4) NULL,
    bool_prop_1 BIT NULL,
    bool_prop_2 BIT NULL,
    time_zone_id NVARCHAR(80) NULL,
    CONSTRAINT pk_qrtz_simprop_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group),
    CONSTRAINT fk_qrtz_simprop_triggers_triggers FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_blob_triggers (
    sched_name NVARCHAR(120) NOT NULL,
    trigger_name NVARCHAR(150) NOT NULL,
    trigger_group NVARCHAR(150) NOT NULL,
    blob_data VARBINARY(MAX) NULL,
    CONSTRAINT pk_qrtz_blob_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group),
    CONSTRAINT fk_qrtz_blob_triggers_triggers FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_calendars (
    sched_name NVARCHAR(120) NOT NULL,
    calendar_name NVARCHAR(200) NOT NULL,
    calendar VARBINARY(MAX) NOT NULL,
    CONSTRAINT pk_qrtz_calendars PRIMARY KEY (sched_name, calendar_name)
);

CREATE TABLE qrtz_paused_trigger_grps (
    sched_name NVARCHAR(120) NOT NULL,
    trigger_group NVARCHAR(150) NOT NULL,
    pause_reason NVARCHAR(250) NULL,
    paused_by NVARCHAR(200) NULL,
    paused_at BIGINT NULL,
    CONSTRAINT pk_qrtz_paused_trigger_grps PRIMARY KEY (sched_name, trigger_group)
);

CREATE TABLE qrtz_paused_job_grps (
    sched_name NVARCHAR(120) NOT NULL,
    job_group NVARCHAR(150) NOT NULL,
    pause_reason NVARCHAR(250) NULL,
    paused_by NVARCHAR(200) NULL,
    paused_at BIGINT NULL,
    CONSTRAINT pk_qrtz_paused_job_grps PRIMARY KEY (sched_name, job_group)
);

CREATE TABLE qrtz_fired_triggers (
    sched_name NVARCHAR(120) NOT NULL,
    entry_id NVARCHAR(140) NOT NULL,
    trigger_name NVARCHAR(150) NOT NULL,
    trigger_group NVARCHAR(150) NOT NULL,
    instance_name NVARCHAR(200) NOT NULL,
    fired_time BIGINT NOT NULL,
    sched_time BIGINT NOT NULL,
    priority INT NOT NULL,
    state NVARCHAR(16) NOT NULL,
    job_name NVARCHAR(150) NULL,
    job_group NVARCHAR(150) NULL,
    is_nonconcurrent BIT NULL,
    requests_recovery BIT NULL,
    execution_group NVARCHAR(200) NULL,
    progress INT NULL,
    progress_message NVARCHAR(250) NULL,
    interrupt_requested_time BIGINT NULL,
    CONSTRAINT pk_qrtz_fired_triggers PRIMARY KEY (sched_name, entry_id)
);

CREATE TABLE qrtz_scheduler_state (
    sched_name NVARCHAR(120) NOT NULL,
    instance_name NVARCHAR(200) NOT NULL,
    last_checkin_time BIGINT NOT NULL,
    checkin_interval BIGINT NOT NULL,
    quartz_version NVARCHAR(20) NULL,
    CONSTRAINT pk_qrtz_scheduler_state PRIMARY KEY (sched_name, instance_name)
);

CREATE TABLE qrtz_locks (
    sched_name NVARCHAR(120) NOT NULL,
    lock_name NVARCHAR(40) NOT NULL,
    CONSTRAINT pk_qrtz_locks PRIMARY KEY (sched_name, lock_name)
);

CREATE INDEX idx_qrtz_j_g_n ON qrtz_job_details (sched_name, job_group, job_name);
CREATE INDEX idx_qrtz_t_j ON qrtz_triggers (sched_name, job_name, job_group);
CREATE INDEX idx_qrtz_t_g_n ON qrtz_triggers (sched_name, trigger_group, trigger_name);
CREATE INDEX idx_qrtz_t_c ON qrtz_triggers (sched_name, calendar_name);
CREATE INDEX idx_qrtz_t_nft_st ON qrtz_triggers (sched_name, trigger_state, next_fire_time ASC, priority DESC, misfire_instr);
CREATE INDEX idx_qrtz_ft_inst_job_req_rcvry ON qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
CREATE INDEX idx_qrtz_ft_j_g ON qrtz_fired_triggers (sched_name, job_name, job_group);
CREATE INDEX idx_qrtz_ft_t_g ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);

CREATE TABLE job_runs (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    job_name NVARCHAR(150) NOT NULL,
    job_group NVARCHAR(150) NOT NULL,
    fire_instance_id NVARCHAR(140) NOT NULL,
    trigger_name NVARCHAR(150) NULL,
    node NVARCHAR(200) NOT NULL,
    started_at DATETIMEOFFSET NOT NULL,
    finished_at DATETIMEOFFSET NULL,
    outcome NVARCHAR(20) NOT NULL CHECK (outcome IN ('Running', 'Succeeded', 'Failed', 'Vetoed')),
    message NVARCHAR(2000) NULL,
    duration_ms BIGINT NULL
);
CREATE INDEX ix_job_runs_job ON job_runs (job_group, job_name, started_at);
CREATE INDEX ix_job_runs_fire ON job_runs (fire_instance_id);
CREATE INDEX ix_job_runs_started ON job_runs (started_at);
