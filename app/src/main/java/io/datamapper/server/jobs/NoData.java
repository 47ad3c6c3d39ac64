package io.datamapper.server.jobs;

import com.github.kagkarlsson.scheduler.serializer.Serializer;

/**
 * db-scheduler's serializer for executions that carry no data (ours: the task id is the execution's
 * id, and {@code datamapper.tasks} holds the rest). It never deserializes: bytes in {@code
 * scheduled_tasks.task_data} come back from the database, and with the default Java serialization a
 * row written there by someone else would be an object graph run on this server.
 */
final class NoData {
  static final Serializer SERIALIZER =
      new Serializer() {
        @Override
        public byte[] serialize(Object data) {
          return null;
        }

        @Override
        public <T> T deserialize(Class<T> type, byte[] serialized) {
          return null;
        }
      };

  private NoData() {}
}
