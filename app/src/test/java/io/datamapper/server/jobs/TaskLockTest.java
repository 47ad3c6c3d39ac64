package io.datamapper.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskLockTest {

  @Test
  void a_task_locked_by_one_session_cannot_be_run_by_another_until_that_session_lets_go() {
    UUID task = UUID.randomUUID();

    try (TaskLock first = TaskLock.tryAcquire(TestDatabase.dataSource(), task)) {
      assertThat(first).isNotNull();
      assertThat(TaskLock.tryAcquire(TestDatabase.dataSource(), task)).isNull();
      try (TaskLock other = TaskLock.tryAcquire(TestDatabase.dataSource(), UUID.randomUUID())) {
        assertThat(other).as("other tasks are not blocked").isNotNull();
      }
    }
    try (TaskLock again = TaskLock.tryAcquire(TestDatabase.dataSource(), task)) {
      assertThat(again).isNotNull();
    }
  }
}
