import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator of bench/api-load.sh: CLIENTS threads, each in a loop POSTing its
 * 1,000-row CSV (cN.csv with mapping cN.json in DIR) to /map-data?force=true and reading
 * /tables/api_load_N?limit=50, until SECONDS have passed; then requests/s, p50/p99/max per
 * endpoint and errors (non-2xx or I/O failures). One JVM with keep-alive HTTP connections,
 * so the clients cost the 2-core machine far less than a curl process per request.
 *
 * <pre>java bench/ApiLoad.java BASE_URL API_KEY CLIENTS SECONDS DIR</pre>
 */
public class ApiLoad {
  record Sample(String endpoint, int status, long nanos) {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String key = args[1];
    int clients = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    Path dir = Path.of(args[4]);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 1; c <= clients; c++) {
      int client = c;
      String boundary = "----apiload" + c;
      byte[] body = multipart(boundary, Files.readAllBytes(dir.resolve("c" + c + ".csv")), Files.readString(dir.resolve("c" + c + ".json")));
      HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/map-data?force=true")).header("X-API-Key", key)
          .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/tables/api_load_" + c + "?limit=50")).header("X-API-Key", key).GET().build();
      threads.add(Thread.ofPlatform().name("client-" + client).start(() -> {
        while (System.nanoTime() < end) {
          samples.add(call(http, "map-data", post, failures));
          samples.add(call(http, "tables", get, failures));
        }
      }));
    }
    for (Thread t : threads) t.join();
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("api-load: %d clients, %.1f s, %d CPUs, 1,000-row CSV imports + 50-row table reads%n", clients, elapsed,
        Runtime.getRuntime().availableProcessors());
    report("map-data", samples, elapsed);
    report("tables", samples, elapsed);
    report(null, samples, elapsed);
    failures.forEach((what, n) -> System.out.println("api-load: errors: " + n + " × " + what));
  }

  private static Sample call(HttpClient http, String endpoint, HttpRequest request, Map<String, AtomicLong> failures) {
    long t0 = System.nanoTime();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        String body = r.body();
        failures.computeIfAbsent(endpoint + " " + r.statusCode() + " " + body.substring(0, Math.min(160, body.length())), k -> new AtomicLong()).incrementAndGet();
      }
      return new Sample(endpoint, r.statusCode(), System.nanoTime() - t0);
    } catch (IOException | InterruptedException e) {
      failures.computeIfAbsent(endpoint + " " + e, k -> new AtomicLong()).incrementAndGet();
      return new Sample(endpoint, 0, System.nanoTime() - t0);
    }
  }

  private static void report(String endpoint, List<Sample> all, double elapsed) {
    List<Long> lat = new ArrayList<>();
    long errors = 0;
    synchronized (all) {
      for (Sample s : all) {
        if (endpoint != null && !endpoint.equals(s.endpoint())) continue;
        lat.add(s.nanos());
        if (s.status() / 100 != 2) errors++;
      }
    }
    Collections.sort(lat);
    int n = lat.size();
    if (n == 0) return;
    System.out.printf("%-10s %7d requests %8.1f req/s   p50 %6.1f ms   p99 %7.1f ms   max %7.1f ms   errors %d%n",
        endpoint == null ? "all" : endpoint, n, n / elapsed, lat.get((int) ((n - 1) * 0.50)) / 1e6,
        lat.get((int) ((n - 1) * 0.99)) / 1e6, lat.get(n - 1) / 1e6, errors);
  }

  private static byte[] multipart(String boundary, byte[] csv, String mapping) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"load.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.write(csv);
    out.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"mapping\"\r\nContent-Type: application/json\r\n\r\n"
        + mapping + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
