/**
 * Remote sources: objects in Backblaze B2 or S3-compatible stores and files at HTTPS URLs, with
 * allowed buckets, host policy (no loopback or metadata addresses), retries and resumed downloads.
 */
package io.datamapper.storage;
