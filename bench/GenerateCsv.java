import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes the benchmark CSV: a header and N rows of 13 typed columns, RFC 4180 quoting,
 * LF line ends, UTF-8, from a fixed seed (same arguments, same bytes).
 *
 * <pre>java bench/GenerateCsv.java ROWS OUT.csv [SEED [DUP_EVERY [SHAPE]]]</pre>
 *
 * SHAPE is {@code bench} (the default, the 13 columns below) or {@code orders}: a 12-column
 * order export such as a shop system writes (see {@link #writeOrders}).
 *
 * With DUP_EVERY = N &gt; 0, every Nth row repeats the id of the row before it (N = 20: 5%
 * of the rows are duplicates of a key earlier in the file), for the keyed benchmark.
 *
 * Columns: id bigint, uid uuid, name text (quotes, commas, embedded newlines), amount
 * numeric(12,2) (some negative), qty integer, active boolean, born date, created timestamp
 * (millisecond precision), note text (about 1 in 5 empty and unquoted, which both loaders
 * read as NULL), score double precision, code text (leading zeros), city text (non-ASCII
 * included), email text.
 *
 * No value is ever a quoted empty string ({@code ""}): PostgreSQL's CSV COPY reads that as
 * an empty string, not NULL, and a loader with {@code nullTokens: [""]} may not, which would
 * make the two tables differ for a reason unrelated to speed.
 *
 * The file is written to OUT.csv.tmp and renamed at the end, so an interrupted run never
 * leaves a truncated file under the final name.
 */
public class GenerateCsv {

  static final String HEADER = "id,uid,name,amount,qty,active,born,created,note,score,code,city,email";

  static final String[] FIRST = {
    "Anna", "Ben", "Chloé", "David", "Elif", "François", "Greta", "Hiro", "Ingrid", "João",
    "Karl", "Léa", "Mateo", "Nora", "Oskar", "Priya", "Quentin", "Rosa", "Søren", "Tomás",
    "Uma", "Viktor", "Wen", "Xavier", "Yara", "Zoë"};
  static final String[] LAST = {
    "Müller", "Smith", "García", "Rossi", "Dubois", "Nowak", "Jensen", "Kowalski", "Silva",
    "O'Brien", "Schmidt", "Tanaka", "Öztürk", "Van der Berg", "Ñúñez", "Lindqvist"};
  static final String[] CITIES = {
    "Zürich", "São Paulo", "Berlin", "Kraków", "München", "Reykjavík", "Paris", "Łódź",
    "New York", "Málaga", "Göteborg", "Москва", "東京", "Αθήνα", "Lisbon", "Genève"};
  static final String[] NOTES = {
    "ok", "call back later", "VIP, handle with care", "paid in full", "see ticket #4711",
    "needs \"manual\" review", "prefers e-mail", "né en 1970 à Genève", "line one\nline two",
    "  leading and trailing spaces  "};
  static final String[] DOMAINS = {"example.com", "example.org", "mail.example.net", "bücher.example"};

  static final long BORN_FROM = LocalDate.of(1940, 1, 1).toEpochDay();
  static final long BORN_DAYS = LocalDate.of(2010, 12, 31).toEpochDay() - BORN_FROM + 1;
  static final long CREATED_FROM = LocalDateTime.of(2015, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1000;
  static final long CREATED_SPAN = LocalDateTime.of(2025, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC) * 1000 + 1000 - CREATED_FROM;

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 5) {
      System.err.println("usage: java bench/GenerateCsv.java ROWS OUT.csv [SEED [DUP_EVERY [bench|orders]]]");
      System.exit(2);
    }
    long rows = Long.parseLong(args[0].replace("_", ""));
    if (rows < 0) throw new IllegalArgumentException("ROWS must be >= 0");
    Path out = Path.of(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 20240601L;
    long dupEvery = args.length > 3 ? Long.parseLong(args[3]) : 0;
    String shape = args.length > 4 ? args[4] : "bench";
    if (!shape.equals("bench") && !shape.equals("orders")) throw new IllegalArgumentException("SHAPE must be bench or orders, not " + shape);
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());

    long start = System.nanoTime();
    try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 20)) {
      if (shape.equals("orders")) {
        writeOrders(w, rows, new SplittableRandom(seed), dupEvery);
      } else {
        write(w, rows, new SplittableRandom(seed), dupEvery);
      }
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.err.printf("wrote %,d rows (%,d bytes) to %s in %.1f s%n",
        rows, Files.size(out), out, (System.nanoTime() - start) / 1e9);
  }

  static void write(Writer w, long rows, SplittableRandom rnd, long dupEvery) throws IOException {
    StringBuilder sb = new StringBuilder(512);
    w.write(HEADER);
    w.write('\n');
    for (long id = 1; id <= rows; id++) {
      sb.setLength(0);
      // id
      sb.append(dupEvery > 0 && id % dupEvery == 0 ? id - 1 : id).append(',');
      // uid: a version 4 UUID from the seeded generator
      sb.append(uuid4(rnd)).append(',');
      // name: plain, with a comma, with quotes, or with quotes, a comma and a newline
      String first = FIRST[rnd.nextInt(FIRST.length)];
      String last = LAST[rnd.nextInt(LAST.length)];
      if (id % 50 == 0) {
        quoted(sb, "He said \"hi\", then\nleft #" + id);
      } else if (id % 7 == 0) {
        quoted(sb, last + ", " + first);
      } else if (id % 13 == 0) {
        quoted(sb, first + " \"" + first.charAt(0) + ".\" " + last);
      } else {
        sb.append(first).append(' ').append(last);
      }
      sb.append(',');
      // amount: numeric(12,2), about 1 in 10 negative, |amount| < 10 million
      long cents = rnd.nextLong(1_000_000_000L);
      if (rnd.nextInt(10) == 0) cents = -cents;
      appendCents(sb, cents);
      sb.append(',');
      // qty
      sb.append(rnd.nextInt(-100, 100_000)).append(',');
      // active
      sb.append(rnd.nextBoolean() ? "true" : "false").append(',');
      // born: yyyy-MM-dd
      sb.append(LocalDate.ofEpochDay(BORN_FROM + rnd.nextLong(BORN_DAYS))).append(',');
      // created: yyyy-MM-dd HH:mm:ss.SSS
      appendTimestamp(sb, CREATED_FROM + rnd.nextLong(CREATED_SPAN));
      sb.append(',');
      // note: about 1 in 5 empty and unquoted (NULL); never a quoted empty string
      int n = rnd.nextInt(5 * NOTES.length);
      if (n < NOTES.length) {
        // empty: nothing between the commas
      } else {
        field(sb, NOTES[n % NOTES.length]);
      }
      sb.append(',');
      // score: a double with a varied number of significant digits
      double score = switch (rnd.nextInt(4)) {
        case 0 -> rnd.nextInt(1000);
        case 1 -> rnd.nextInt(100_000) / 100.0;
        case 2 -> (rnd.nextDouble() - 0.5) * 1e6;
        default -> rnd.nextDouble() * 1e-3;
      };
      sb.append(score).append(',');
      // code: 5 digits with leading zeros
      int code = rnd.nextInt(100_000);
      for (int div = 10_000; div > 1 && code < div; div /= 10) sb.append('0');
      sb.append(code).append(',');
      // city
      sb.append(CITIES[rnd.nextInt(CITIES.length)]).append(',');
      // email
      sb.append(ascii(first)).append('.').append(ascii(last)).append(id).append('@')
          .append(DOMAINS[rnd.nextInt(DOMAINS.length)]);
      sb.append('\n');
      w.append(sb);
    }
  }

  static final String ORDERS_HEADER =
      "id,customer_id,order_uuid,customer,email,total,quantity,paid,order_date,created_at,status,comment";
  static final String[] STATUSES = {"pending", "paid", "shipped", "delivered", "cancelled", "returned"};
  static final String[] COMMENTS = {
    "Please leave the parcel at the back door", "gift wrap", "Call before delivery, the bell is broken",
    "Rechnung an die Firma, bitte", "deliver after 5pm", "Fragile: glass, handle with care",
    "customer asked for \"express\" shipping", "Livraison au 2e étage, code 4711B",
    "second order this week", "address changed on the phone, see ticket 88213"};
  static final long ORDERED_FROM = LocalDate.of(2019, 1, 1).toEpochDay();

  /**
   * The orders shape: id bigint, customer_id bigint, order_uuid uuid, customer text (every 9th
   * "Last, First" quoted), email text, total numeric(12,2), quantity integer, paid boolean,
   * order_date date, created_at timestamp (seconds), status text, comment text (about 1 in 3
   * empty, the rest a sentence, some quoted). About 150 bytes a row, as an e-shop export.
   */
  static void writeOrders(Writer w, long rows, SplittableRandom rnd, long dupEvery) throws IOException {
    StringBuilder sb = new StringBuilder(512);
    w.write(ORDERS_HEADER);
    w.write('\n');
    for (long id = 1; id <= rows; id++) {
      sb.setLength(0);
      sb.append(dupEvery > 0 && id % dupEvery == 0 ? id - 1 : id).append(',');
      sb.append(1 + rnd.nextInt(250_000)).append(',');
      sb.append(uuid4(rnd)).append(',');
      String first = FIRST[rnd.nextInt(FIRST.length)];
      String last = LAST[rnd.nextInt(LAST.length)];
      if (id % 9 == 0) {
        quoted(sb, last + ", " + first);
      } else {
        sb.append(first).append(' ').append(last);
      }
      sb.append(',');
      sb.append(ascii(first)).append('.').append(ascii(last)).append(id).append('@')
          .append(DOMAINS[rnd.nextInt(DOMAINS.length)]).append(',');
      appendCents(sb, 99 + rnd.nextLong(2_500_000L));
      sb.append(',');
      sb.append(1 + rnd.nextInt(12)).append(',');
      sb.append(rnd.nextInt(4) != 0 ? "true" : "false").append(',');
      long day = ORDERED_FROM + rnd.nextLong(2400);
      sb.append(LocalDate.ofEpochDay(day)).append(',');
      LocalDateTime created = LocalDateTime.ofEpochSecond(day * 86_400 + rnd.nextLong(86_400), 0, ZoneOffset.UTC);
      sb.append(created.getYear()).append('-');
      pad2(sb, created.getMonthValue()).append('-');
      pad2(sb, created.getDayOfMonth()).append(' ');
      pad2(sb, created.getHour()).append(':');
      pad2(sb, created.getMinute()).append(':');
      pad2(sb, created.getSecond()).append(',');
      sb.append(STATUSES[rnd.nextInt(STATUSES.length)]).append(',');
      int n = rnd.nextInt(3 * COMMENTS.length);
      if (n >= COMMENTS.length) field(sb, COMMENTS[n % COMMENTS.length]);
      sb.append('\n');
      w.append(sb);
    }
  }

  /** A version 4 UUID from the seeded generator (two draws). */
  static UUID uuid4(SplittableRandom rnd) {
    long msb = (rnd.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lsb = (rnd.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** Appends a value, quoted only when it needs it (RFC 4180). */
  static void field(StringBuilder sb, String v) {
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      quoted(sb, v);
    } else {
      sb.append(v);
    }
  }

  static void quoted(StringBuilder sb, String v) {
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"') sb.append('"');
      sb.append(c);
    }
    sb.append('"');
  }

  static void appendCents(StringBuilder sb, long cents) {
    if (cents < 0) {
      sb.append('-');
      cents = -cents;
    }
    sb.append(cents / 100).append('.');
    long frac = cents % 100;
    if (frac < 10) sb.append('0');
    sb.append(frac);
  }

  static void appendTimestamp(StringBuilder sb, long epochMillis) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, ZoneOffset.UTC);
    int millis = (int) Math.floorMod(epochMillis, 1000);
    sb.append(t.getYear()).append('-');
    pad2(sb, t.getMonthValue()).append('-');
    pad2(sb, t.getDayOfMonth()).append(' ');
    pad2(sb, t.getHour()).append(':');
    pad2(sb, t.getMinute()).append(':');
    pad2(sb, t.getSecond()).append('.');
    if (millis < 100) sb.append('0');
    if (millis < 10) sb.append('0');
    sb.append(millis);
  }

  static StringBuilder pad2(StringBuilder sb, int v) {
    if (v < 10) sb.append('0');
    return sb.append(v);
  }

  /** A lower-case ASCII local part for e-mail addresses. */
  static String ascii(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = Character.toLowerCase(s.charAt(i));
      switch (c) {
        case 'ä', 'à', 'á', 'â', 'ã' -> b.append('a');
        case 'é', 'è', 'ê', 'ë' -> b.append('e');
        case 'í', 'ì', 'î', 'ï' -> b.append('i');
        case 'ö', 'ó', 'ò', 'ô', 'õ', 'ø' -> b.append('o');
        case 'ü', 'ú', 'ù', 'û' -> b.append('u');
        case 'ñ' -> b.append('n');
        case 'ç' -> b.append('c');
        default -> {
          if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) b.append(c);
        }
      }
    }
    return b.toString();
  }
}
