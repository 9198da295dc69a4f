-- Each background recompute of listing drafts after an operator's rule change, with its progress,
-- so the rule pages can show it live and end with its result.
CREATE TABLE draft_recomputes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scope TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('Running', 'Completed', 'Failed')),
    products_total INTEGER NOT NULL,
    products_done INTEGER NOT NULL,
    drafts_written INTEGER NOT NULL,
    statuses_changed INTEGER NOT NULL,
    updates_queued INTEGER NOT NULL
);
