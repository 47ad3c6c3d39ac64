/**
 * Mapping detection: {@link io.datamapper.detect.Detector} proposes a complete mapping for a
 * CSV/TSV file from a bounded sample of its start (and of its middle and end when it is big) and
 * explains each choice in {@link io.datamapper.detect.Note}s; {@link io.datamapper.detect.Drift}
 * compares a file's fields with a saved mapping or an existing table.
 *
 * <p>The rules, in order:
 *
 * <ul>
 *   <li><b>Sample</b>: at most {@link io.datamapper.detect.Detector#SAMPLE_BYTES} bytes and {@link
 *       io.datamapper.detect.Detector#SAMPLE_RECORDS} records; a record cut by the byte limit is
 *       dropped. gzip and ZIP input is refused. A seekable plain file of 2 MB or more also gives
 *       the records of 256 KB at its middle and at its end, each starting at the first line break
 *       after which the records have the table's field count.
 *   <li><b>Encoding</b>: byte-order mark, else strict UTF-8, else UTF-16 without BOM, else
 *       windows-1252 ({@link io.datamapper.format.CharsetDetector}).
 *   <li><b>Dialect</b>: a first line {@code sep=X} names the delimiter (and is skipped). Otherwise
 *       the sample is parsed with each of {@code , ; TAB |}; the winner has the most records
 *       sharing one field count above one (ties: more fields, then that order). {@code :} is tried
 *       only when none splits the rows and no value looks like a time. With no delimiter the file
 *       is one column, read with a delimiter that never appears ({@code ,} when possible). Quote
 *       {@code '} only when it wraps more fields than {@code "}; escape is quote doubling unless
 *       backslashes before the delimiter or quote repair the field counts of the rows that have
 *       them. Rows above the table (short or mostly empty) are skipped; a row one field short right
 *       above it is its header. The line separator is the first line break outside quotes.
 *   <li><b>Header</b>: each typed column votes header when the first value does not fit its type,
 *       data when it does; a text column votes header when all its values share one length the
 *       first value lacks. Columns named by consecutive years (1960, 1961, ...) vote header. Rows
 *       with another field count than most are not typed. A tie means header when the first row is
 *       distinct, non-empty, non-numeric names, with a note that the types cannot confirm it.
 *   <li><b>Names</b>: {@code Identifiers.uniqueSnakeCase} of the header, source = header text
 *       exactly; without a header {@code column_N} with source {@code "N"} (1-based).
 *   <li><b>Types</b> (empty values and null-token candidates ignored, values stripped): boolean
 *       (true/false, t/f, yes/no, y/n; format names the pair unless true/false; 0/1 is boolean
 *       {@code "1|0"} only under a flag name such as {@code is_paid}, else bigint with a note;
 *       epoch seconds/millis (10 or 13 digits, all in 2000–2100) under a time-like name are
 *       timestamptz with format {@code epoch-seconds}/{@code epoch-millis} and a note); bigint (a
 *       leading zero anywhere makes the column text, with a note; too large → numeric); numeric
 *       with format {@code ","}, {@code ",."} or {@code ".,"} for decimal commas and thousands
 *       separators, an ambiguous {@code 1,234} decided by the delimiter with a note; decimals are
 *       unconstrained numeric with a note naming the {@code numeric(p,s)} they need; double only
 *       when exponents appear; uuid; ISO date, timestamp (T or space, optional fraction; all with
 *       offset → timestamptz, mixed → timestamptz with a note), time; {@code d/M/yyyy} vs {@code
 *       M/d/yyyy} (also {@code .} and {@code -}, optional time) decided by a part above 12, else
 *       day-first with a note; {@code yyyy/MM/dd}; {@code yyyy-MM} (the first of the month, with a
 *       note); jsonb when every value is a JSON object or array; else text. A trim step is added
 *       when typed values carry surrounding spaces, and a map of {@code ""} to null when some are
 *       only spaces. Every column is nullable.
 *   <li><b>Null tokens</b>: {@code ""} always, plus {@code NULL null N/A n/a NA - \N} when they
 *       appear in a column that is otherwise typed; text columns holding an added token are noted.
 *   <li><b>Candidate keys</b>: present and distinct in every sampled row, with an id-like name
 *       ({@code id}, {@code *_id}, {@code *_code}, {@code *_key}, {@code *_uuid}) or a bigint/uuid
 *       type; noted best first, never put in {@code keys}.
 *   <li><b>Target</b>: {@code public.<file name in snake_case>}, created when missing, append;
 *       default policies.
 * </ul>
 */
package io.datamapper.detect;
