-- PostgreSQL keeps each seller's order totals as they change (see its 0011_seller_order_totals).
-- Here the orders page sums them when asked, which stays well under its 100 ms on SQLite;
-- the script is kept so every provider has the same numbered scripts.
SELECT 1;
