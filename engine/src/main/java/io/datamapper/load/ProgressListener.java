package io.datamapper.load;

/**
 * Receives progress a few times a second from the import's loading thread; must return quickly and
 * not throw.
 */
@FunctionalInterface
public interface ProgressListener {
  void onProgress(Progress progress);

  ProgressListener NONE = p -> {};
}
