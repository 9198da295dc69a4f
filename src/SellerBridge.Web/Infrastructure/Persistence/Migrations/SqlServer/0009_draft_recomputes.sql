-- Each background recompute of listing drafts after an operator's rule change, with its progress,
-- so the rule pages can show it live and end with its result.
CREATE TABLE draft_recomputes (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    scope NVARCHAR(400) NOT NULL,
    started_at DATETIMEOFFSET NOT NULL,
    finished_at DATETIMEOFFSET NULL,
    outcome NVARCHAR(20) NOT NULL CHECK (outcome IN ('Running', 'Completed', 'Failed')),
    products_total BIGINT NOT NULL,
    products_done BIGINT NOT NULL,
    drafts_written BIGINT NOT NULL,
    statuses_changed BIGINT NOT NULL,
    updates_queued BIGINT NOT NULL
);
