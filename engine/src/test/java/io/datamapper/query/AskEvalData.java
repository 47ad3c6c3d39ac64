package io.datamapper.query;

import io.datamapper.testing.ImportFixture;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * The sample shop for the ask evaluation, generated from a fixed seed and imported through the real
 * importer (so the ledger knows each table's file): 60 customers in 8 countries (distinct counts,
 * so top-N has no ties), 20 products in 4 categories (the last two never ordered), 400 orders on
 * distinct days from 2023-01-01 on, and their items (an order's total is the sum of its items).
 */
final class AskEvalData {
  static final String[] COUNTRIES = {"GB", "US", "DE", "FR", "FI", "NL", "JP", "BR"};
  private static final int[] PER_COUNTRY = {14, 12, 10, 8, 6, 5, 3, 2};
  static final String[] CATEGORIES = {"books", "games", "tools", "garden"};
  private static final String[] FIRST = {
    "Ada", "Alan", "Grace", "Linus", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Frances"
  };
  private static final String[] LAST = {
    "Lovelace", "Turing", "Hopper", "Torvalds", "Dijkstra", "Liskov"
  };
  private static final String[] PRODUCTS = {
    "Atlas",
    "Beacon",
    "Compass",
    "Drill",
    "Easel",
    "Fern",
    "Gadget",
    "Hammock",
    "Inkwell",
    "Jigsaw",
    "Kettle",
    "Lantern",
    "Mallet",
    "Notebook",
    "Orchid",
    "Puzzle",
    "Quill",
    "Rake",
    "Sextant",
    "Trowel"
  };

  private AskEvalData() {}

  static void load(ImportFixture fx) {
    Random random = new Random(20_241_201);
    StringBuilder customers = new StringBuilder("customer_id,name,country,signup_date\n");
    int id = 1;
    for (int c = 0; c < COUNTRIES.length; c++) {
      for (int i = 0; i < PER_COUNTRY[c]; i++, id++) {
        customers
            .append(id)
            .append(',')
            .append(FIRST[id % FIRST.length])
            .append(' ')
            .append(LAST[id % LAST.length])
            .append(' ')
            .append(id)
            .append(',')
            .append(COUNTRIES[c])
            .append(',')
            .append(LocalDate.of(2022, 6, 1).plusDays(id * 13L))
            .append('\n');
      }
    }
    StringBuilder products = new StringBuilder("product_id,name,category,unit_price\n");
    double[] price = new double[PRODUCTS.length + 1];
    for (int p = 1; p <= PRODUCTS.length; p++) {
      price[p] = Math.round((3 + random.nextDouble() * 97) * 100) / 100.0;
      products
          .append(p)
          .append(',')
          .append(PRODUCTS[p - 1])
          .append(',')
          .append(CATEGORIES[p % CATEGORIES.length])
          .append(',')
          .append(String.format(java.util.Locale.ROOT, "%.2f", price[p]))
          .append('\n');
    }
    StringBuilder orders = new StringBuilder("order_id,customer_id,ordered_on,status,total\n");
    StringBuilder items = new StringBuilder("order_id,product_id,quantity,unit_price\n");
    List<String> statuses =
        List.of("shipped", "shipped", "shipped", "shipped", "cancelled", "pending");
    for (int o = 1; o <= 400; o++) {
      int customer = o <= 60 ? o : 1 + random.nextInt(60);
      int lines = 1 + random.nextInt(4);
      long cents = 0;
      for (int l = 0; l < lines; l++) {
        int product = 1 + random.nextInt(PRODUCTS.length - 2);
        int quantity = 1 + random.nextInt(5);
        cents += Math.round(price[product] * 100) * quantity;
        items
            .append(o)
            .append(',')
            .append(product)
            .append(',')
            .append(quantity)
            .append(',')
            .append(String.format(java.util.Locale.ROOT, "%.2f", price[product]))
            .append('\n');
      }
      orders
          .append(o)
          .append(',')
          .append(customer)
          .append(',')
          .append(LocalDate.of(2023, 1, 1).plusDays(o * 2L))
          .append(',')
          .append(statuses.get(random.nextInt(statuses.size())))
          .append(',')
          .append(cents / 100)
          .append('.')
          .append(String.format("%02d", cents % 100))
          .append('\n');
    }
    fx.run(
        fx.write("customers.csv", customers.toString()),
        """
        target: { schema: %s, table: customers }
        columns: [ { source: customer_id, type: bigint }, { source: name }, { source: country }, { source: signup_date, type: date } ]
        """);
    fx.run(
        fx.write("products.csv", products.toString()),
        """
        target: { schema: %s, table: products }
        columns: [ { source: product_id, type: bigint }, { source: name }, { source: category }, { source: unit_price, type: "numeric(10,2)" } ]
        """);
    fx.run(
        fx.write("orders.csv", orders.toString()),
        """
        target: { schema: %s, table: orders }
        columns: [ { source: order_id, type: bigint }, { source: customer_id, type: bigint }, { source: ordered_on, type: date },
                   { source: status }, { source: total, type: "numeric(12,2)" } ]
        """);
    fx.run(
        fx.write("order_items.csv", items.toString()),
        """
        target: { schema: %s, table: order_items }
        columns: [ { source: order_id, type: bigint }, { source: product_id, type: bigint }, { source: quantity, type: integer },
                   { source: unit_price, type: "numeric(10,2)" } ]
        """);
  }
}
