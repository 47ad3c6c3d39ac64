/**
 * The query console: a language model (or the user) writes SQL, which runs read-only behind three
 * guards — parse, privileges, a read-only transaction with a timeout and a row cap.
 */
package io.datamapper.query;
