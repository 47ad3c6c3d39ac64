-- Objects from S3-compatible stores and https URLs: the store's ETag next to the source URI and
-- size, so an object already imported is recognised before it is downloaded again.
ALTER TABLE imports ADD COLUMN source_etag text;

CREATE INDEX imports_object_idx ON imports (source_uri, source_etag, file_size)
    WHERE status = 'succeeded' AND source_etag IS NOT NULL;
