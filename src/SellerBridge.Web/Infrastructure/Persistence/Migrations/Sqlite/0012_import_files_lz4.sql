-- PostgreSQL stores uploads with lz4 compression (see its 0012_import_files_lz4); nothing to do here.
SELECT 1;
