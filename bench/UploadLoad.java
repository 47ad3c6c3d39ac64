import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator of bench/upload-load.sh (issue #16): CLIENTS threads, each in a loop
 * uploading its big CSV (uN.csv, mapping uN.json in DIR) to /map-data?force=true, half of
 * the rounds synchronously and half with async=true, until SECONDS have passed. A 429 or 503
 * is an answer, not an error: the client waits for its Retry-After (at most 2 s) and goes
 * on, as a polite client would. Prints answers by status, p50/p99/max latency, and writes
 * the accepted import ids (sync) and task ids (async) to DIR/accepted.txt for the check.
 *
 * <pre>java bench/UploadLoad.java BASE_URL API_KEY CLIENTS SECONDS DIR</pre>
 */
public class UploadLoad {
  record Sample(int status, long nanos) {}

  private static final Pattern IMPORT_ID = Pattern.compile("\"importId\"\\s*:\\s*(\\d+)");
  private static final Pattern TASK_ID = Pattern.compile("\"(?:taskId|id)\"\\s*:\\s*\"?([0-9a-fA-F-]{6,})\"?");

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String key = args[1];
    int clients = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    Path dir = Path.of(args[4]);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    Map<String, AtomicLong> odd = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 1; c <= clients; c++) {
      int client = c;
      Path csv = dir.resolve("u" + c + ".csv");
      String mapping = Files.readString(dir.resolve("u" + c + ".json"));
      threads.add(Thread.ofPlatform().name("client-" + client).start(() -> {
        int round = 0;
        while (System.nanoTime() < end) {
          boolean async = (round++ + client) % 2 == 0;
          String boundary = "----uploadload" + client + "x" + round;
          long t0 = System.nanoTime();
          int status;
          String body = "";
          String retryAfter = null;
          try {
            HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/map-data?force=true" + (async ? "&async=true" : "")))
                .header("X-API-Key", key).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(10)).POST(multipart(boundary, csv, mapping)).build();
            HttpResponse<String> r = http.send(post, HttpResponse.BodyHandlers.ofString());
            status = r.statusCode();
            body = r.body();
            retryAfter = r.headers().firstValue("Retry-After").orElse(null);
          } catch (IOException e) {
            status = 0;
            body = e.toString();
          } catch (InterruptedException e) {
            return;
          }
          samples.add(new Sample(status, System.nanoTime() - t0));
          if (status == 200) {
            Matcher m = IMPORT_ID.matcher(body);
            accepted.add(m.find() ? "import " + client + " " + m.group(1) : "import " + client + " ?");
          } else if (status == 202) {
            Matcher m = TASK_ID.matcher(body);
            accepted.add(m.find() ? "task " + client + " " + m.group(1) : "task " + client + " ?");
          } else if (status == 429 || status == 503) {
            pause(retryAfter);
          } else {
            odd.computeIfAbsent(status + " " + body.substring(0, Math.min(200, body.length())), k -> new AtomicLong()).incrementAndGet();
          }
        }
      }));
    }
    for (Thread t : threads) t.join();
    double elapsed = (System.nanoTime() - start) / 1e9;
    Files.write(dir.resolve("accepted.txt"), accepted, StandardCharsets.UTF_8);
    Map<Integer, Long> byStatus = new TreeMap<>();
    List<Long> lat = new ArrayList<>();
    synchronized (samples) {
      for (Sample s : samples) {
        byStatus.merge(s.status(), 1L, Long::sum);
        lat.add(s.nanos());
      }
    }
    Collections.sort(lat);
    int n = lat.size();
    System.out.printf("upload-load: %d clients, %.1f s, %d CPUs, %d requests (%.1f req/s)%n", clients, elapsed,
        Runtime.getRuntime().availableProcessors(), n, n / elapsed);
    byStatus.forEach((s, k) -> System.out.printf("upload-load: status %s: %d%n", s == 0 ? "no answer" : s, k));
    if (n > 0) {
      System.out.printf("upload-load: latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", lat.get((int) ((n - 1) * 0.50)) / 1e6,
          lat.get((int) ((n - 1) * 0.99)) / 1e6, lat.get(n - 1) / 1e6);
    }
    odd.forEach((what, k) -> System.out.println("upload-load: unexpected: " + k + " × " + what));
    long unexpected = byStatus.entrySet().stream().filter(e -> !List.of(200, 202, 429, 503).contains(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
    System.out.println("upload-load: unexpected answers: " + unexpected);
    System.exit(unexpected == 0 ? 0 : 1);
  }

  private static void pause(String retryAfter) {
    long ms = 1000;
    try {
      if (retryAfter != null) ms = Long.parseLong(retryAfter.trim()) * 1000;
    } catch (NumberFormatException ignored) {
      // an HTTP date: wait the default
    }
    try {
      Thread.sleep(Math.max(100, Math.min(ms, 2000)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The multipart body streamed from the file, never held whole in memory. */
  private static HttpRequest.BodyPublisher multipart(String boundary, Path csv, String mapping) throws IOException {
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + csv.getFileName()
        + "\"\r\nContent-Type: text/csv\r\n\r\n";
    String tail = "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"mapping\"\r\nContent-Type: application/json\r\n\r\n"
        + mapping + "\r\n--" + boundary + "--\r\n";
    return HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
        HttpRequest.BodyPublishers.ofFile(csv), HttpRequest.BodyPublishers.ofString(tail));
  }
}
