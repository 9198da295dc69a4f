-- The orders page's totals for a seller read two indexes and no table: the seller's lines with
-- their yuan amounts, and the seller's settlements with their won net.
CREATE INDEX ix_order_lines_seller_totals ON order_lines (seller_id, order_id) INCLUDE (total_fee_cny);
DROP INDEX ix_order_lines_seller ON order_lines;
CREATE INDEX ix_settlements_seller_net ON settlements (seller_id) INCLUDE (krw_net);
