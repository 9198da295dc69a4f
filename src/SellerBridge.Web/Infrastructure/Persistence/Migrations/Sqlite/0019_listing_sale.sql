-- Withdraw and relist: sale_wanted is what the seller asked for ('off' or 'on') and the sale job still
-- owes the marketplace; it is written before the call, so a process killed mid-way leaves the work
-- on record and the next run finishes it. watch_at is when a live listing's state is next asked
-- (taobao.item.seller.get), so a take-down, a sell-out or a withdrawal made elsewhere is seen.
ALTER TABLE listings ADD COLUMN sale_wanted TEXT NULL CHECK (sale_wanted IN ('off', 'on'));
ALTER TABLE listings ADD COLUMN watch_at TEXT NULL;
UPDATE listings SET watch_at = updated_at WHERE status = 'Live';
CREATE INDEX ix_listings_sale_wanted ON listings (sale_wanted);
