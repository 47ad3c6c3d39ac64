package io.datamapper.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The elements of a child array and their fields. A record's array arrives as the JSON text the
 * readers give any array (JSON) or repeated element (XML); elements are objects, read by the same
 * field rules as records: a dotted field is a key as written ({@code "dims.w"}, as XML flattens) or
 * a path into nested objects; numbers keep their literal digits, nested objects and arrays are
 * their compact JSON text. Thread-safe.
 */
final class ChildElements {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .build();

  private ChildElements() {}

  /** Thrown when a value that should hold the array is no JSON array or object. */
  static final class NotAnArray extends Exception {
    NotAnArray(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The elements in {@code text}: an array's elements, a lone object as one element, none for null
   * or an empty text.
   */
  static List<JsonNode> parse(String text) throws NotAnArray {
    if (text == null || text.isBlank()) return List.of();
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new NotAnArray("is not an array of objects (not JSON)");
    }
    return elements(node);
  }

  /** The elements of the array at {@code path} inside {@code element}. */
  static List<JsonNode> at(JsonNode element, String path) throws NotAnArray {
    JsonNode node = find(element, path);
    if (node == null && element instanceof ObjectNode o) {
      // XML flattens a lone nested element into dotted keys: gather them back into one element
      ObjectNode gathered = JSON.createObjectNode();
      String prefix = path + ".";
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        if (e.getKey().startsWith(prefix))
          gathered.set(e.getKey().substring(prefix.length()), e.getValue());
      }
      return gathered.isEmpty() ? List.of() : List.of(gathered);
    }
    return elements(node);
  }

  private static List<JsonNode> elements(JsonNode node) throws NotAnArray {
    if (node == null || node.isNull() || node.isMissingNode()) return List.of();
    if (node.isObject()) return List.of(node);
    if (node.isArray()) {
      List<JsonNode> out = new ArrayList<>(node.size());
      for (JsonNode e : node.values()) out.add(e);
      return out;
    }
    if (node.isString() && node.asString().isBlank()) return List.of();
    throw new NotAnArray("is not an array of objects");
  }

  /** The field's value as text for the column parsers; null when absent or JSON null. */
  static String text(JsonNode element, String field) {
    JsonNode v = find(element, field);
    if (v == null || v.isNull() || v.isMissingNode()) return null;
    if (v.isString()) return v.asString();
    if (v.isBigDecimal()) return v.decimalValue().toString();
    if (v.isNumber() || v.isBoolean()) return v.asString();
    return v.toString();
  }

  private static JsonNode find(JsonNode element, String field) {
    if (!element.isObject()) return null;
    JsonNode v = element.get(field);
    if (v != null) return v;
    if (field.indexOf('.') < 0) return null;
    JsonNode at = element;
    for (String part : field.split("\\.", -1)) {
      if (at == null || !at.isObject()) return null;
      at = at.get(part);
    }
    return at;
  }
}
