-- A product never moves to another seller (PostgreSQL checks the same in its 0013; the foreign key
-- products.seller_id → sellers stays here).
CREATE TRIGGER products_keep_seller ON products AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF UPDATE(seller_id) AND EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.id = i.id WHERE i.seller_id <> d.seller_id)
    BEGIN
        THROW 50547, N'a product cannot move to another seller', 1;
    END;
END
