-- Every product belongs to a seller that exists, and stays with that seller. The foreign key
-- products.seller_id → sellers checked this row by row: an import's COPY of 250 new products ran
-- 250 lookups (and row locks) of the same seller, a third of the server's time for a first
-- catalogue (measured: COPY of 100,000 products 1.26–1.46 s with the key, 0.90–1.04 s with the
-- check below). The same rule, checked once per statement:
-- - inserted products: their sellers are locked as a foreign key locks them (FOR KEY SHARE, so a
--   seller cannot be deleted before the insert commits) and must all exist;
-- - a product never moves to another seller;
-- - a seller that has products is never deleted, nor its id changed.
-- The errors carry the foreign key's SQLSTATE (23503) and its message, as the key gave them.
ALTER TABLE products DROP CONSTRAINT IF EXISTS products_seller_id_fkey;

CREATE FUNCTION products_sellers_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing BIGINT;
BEGIN
    PERFORM 1 FROM sellers WHERE id IN (SELECT DISTINCT seller_id FROM new_products) FOR KEY SHARE;
    SELECT n.seller_id INTO missing FROM new_products n
    WHERE NOT EXISTS (SELECT 1 FROM sellers s WHERE s.id = n.seller_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "products" violates foreign key constraint "products_seller_id_fkey"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'products', CONSTRAINT = 'products_seller_id_fkey',
                  DETAIL = format('Key (seller_id)=(%s) is not present in table "sellers".', missing);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER products_sellers_exist AFTER INSERT ON products
    REFERENCING NEW TABLE AS new_products FOR EACH STATEMENT EXECUTE FUNCTION products_sellers_exist();

CREATE FUNCTION products_keep_seller() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a product cannot move to another seller (product %, seller % to %)', OLD.id, OLD.seller_id, NEW.seller_id
        USING ERRCODE = 'foreign_key_violation', TABLE = 'products', CONSTRAINT = 'products_seller_id_fkey';
END
$$;

-- Fires only for an UPDATE that names seller_id and changes it: the import's updates never pay for it.
CREATE TRIGGER products_keep_seller BEFORE UPDATE OF seller_id ON products
    FOR EACH ROW WHEN (OLD.seller_id IS DISTINCT FROM NEW.seller_id) EXECUTE FUNCTION products_keep_seller();

CREATE FUNCTION sellers_keep_products() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM products WHERE seller_id = OLD.id) THEN
        RAISE EXCEPTION 'update or delete on table "sellers" violates foreign key constraint "products_seller_id_fkey" on table "products"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'products', CONSTRAINT = 'products_seller_id_fkey',
                  DETAIL = format('Key (id)=(%s) is still referenced from table "products".', OLD.id);
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER sellers_keep_products_delete BEFORE DELETE ON sellers
    FOR EACH ROW EXECUTE FUNCTION sellers_keep_products();
CREATE TRIGGER sellers_keep_products_update BEFORE UPDATE OF id ON sellers
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION sellers_keep_products();
