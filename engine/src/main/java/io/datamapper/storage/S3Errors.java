package io.datamapper.storage;

import io.datamapper.storage.ObjectStoreException.Kind;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Object-store failures in words a person can act on; never with a secret in them. */
final class S3Errors {
  private S3Errors() {}

  static ObjectStoreException explain(
      ObjectUri uri,
      SdkException e,
      StorageConfig.Store store,
      String scheme,
      BooleanSupplier bucketExists) {
    String where =
        store.endpoint() == null
            ? "AWS S3 (region " + store.region() + ")"
            : store.endpoint().toString();
    if (e instanceof S3Exception s3) {
      int status = s3.statusCode();
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      if ("NoSuchBucket".equals(code) || (status == 404 && !bucketExists.getAsBoolean())) {
        return new ObjectStoreException(
            Kind.NOT_FOUND,
            uri.toString(),
            "The bucket '"
                + uri.bucket()
                + "' does not exist at "
                + where
                + " ("
                + uri
                + "). Check the bucket name"
                + (scheme.equals("b2")
                    ? " and B2_REGION."
                    : " and the endpoint (DATAMAPPER_S3_ENDPOINT)."),
            e);
      }
      if (status == 404) {
        return new ObjectStoreException(
            Kind.NOT_FOUND,
            uri.toString(),
            "There is no object "
                + uri
                + " (keys are case-sensitive). To import every object under "
                + "a prefix, end the URL with '/'.",
            e);
      }
      if (status == 403
          || status == 401
          || "InvalidAccessKeyId".equals(code)
          || "SignatureDoesNotMatch".equals(code)) {
        String keys =
            scheme.equals("b2")
                ? "B2_APPLICATION_KEY_ID and B2_APPLICATION_KEY"
                : "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
        String why =
            !store.hasCredentials()
                ? "no credentials are set"
                : switch (code == null ? "" : code) {
                  case "InvalidAccessKeyId" -> "the key id is not known to the store";
                  case "SignatureDoesNotMatch" -> "the secret does not match the key id";
                  default -> "the key is wrong or may not read this bucket";
                };
        return new ObjectStoreException(
            Kind.ACCESS_DENIED,
            uri.toString(),
            "Access to "
                + uri
                + " at "
                + where
                + " was refused (HTTP "
                + status
                + "): "
                + why
                + ". Set "
                + keys
                + " to a key that may read the bucket.",
            e);
      }
      if ("AuthorizationHeaderMalformed".equals(code)
          || "PermanentRedirect".equals(code)
          || status == 301) {
        return new ObjectStoreException(
            Kind.UNAVAILABLE,
            uri.toString(),
            "The bucket '"
                + uri.bucket()
                + "' is in another region than "
                + store.region()
                + ": set "
                + (scheme.equals("b2") ? "B2_REGION" : "AWS_REGION (or DATAMAPPER_S3_REGION)")
                + " to the bucket's region.",
            e);
      }
      return new ObjectStoreException(
          Kind.UNAVAILABLE,
          uri.toString(),
          "The object store at "
              + where
              + " refused "
              + uri
              + ": HTTP "
              + status
              + (code == null ? "" : " " + code)
              + ". Try again later if it persists.",
          e);
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new ObjectStoreException(
        Kind.UNAVAILABLE,
        uri.toString(),
        "Cannot reach the object store at "
            + where
            + " for "
            + uri
            + ": "
            + message
            + ". Check the endpoint"
            + (scheme.equals("b2")
                ? " (B2_REGION or DATAMAPPER_B2_ENDPOINT)"
                : " (DATAMAPPER_S3_ENDPOINT)")
            + " and the network.",
        e);
  }
}
