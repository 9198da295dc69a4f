-- A product never moves to another seller (PostgreSQL checks the same in its 0013; the foreign key
-- products.seller_id → sellers stays here, where it costs little).
CREATE TRIGGER products_keep_seller BEFORE UPDATE OF seller_id ON products
WHEN OLD.seller_id IS NOT NEW.seller_id
BEGIN
    SELECT RAISE(ABORT, 'a product cannot move to another seller');
END;
