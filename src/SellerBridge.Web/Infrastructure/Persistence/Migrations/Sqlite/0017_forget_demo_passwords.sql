-- The sandbox's demo passwords were kept here in clear so that each start could print them; they
-- are now printed once, when made, and stored only as the users' password hashes.
DELETE FROM app_settings WHERE name IN ('sandbox.demo.operator_password', 'sandbox.demo.seller_password');
