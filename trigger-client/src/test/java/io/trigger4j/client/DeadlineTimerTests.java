package io.trigger4j.client;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attempt timers run on the client's scheduler, on Reactor's parallel scheduler while it
 * is replaced (virtual time), and otherwise on the shared wheel.
 */
class DeadlineTimerTests {

	@Test
	void theClientsSchedulerIsUsed() {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		AtomicInteger fired = new AtomicInteger();

		DeadlineTimer.of(time).schedule(fired::incrementAndGet, 1000);
		time.advanceTimeBy(Duration.ofMillis(999));
		assertThat(fired).hasValue(0);
		time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(fired).hasValue(1);
	}

	@Test
	void reactorsParallelSchedulerIsUsedWhileVirtualTimeReplacesIt() {
		VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
		try {
			AtomicInteger fired = new AtomicInteger();

			DeadlineTimer.of(null).schedule(fired::incrementAndGet, 1000);
			time.advanceTimeBy(Duration.ofSeconds(1));

			assertThat(fired).hasValue(1);
		}
		finally {
			VirtualTimeScheduler.reset();
		}
	}

	@Test
	void withoutEitherTheWheelFiresATimeoutAndNeverACancelledOne() throws InterruptedException {
		CountDownLatch fired = new CountDownLatch(1);
		AtomicInteger cancelledFired = new AtomicInteger();
		DeadlineTimer timer = DeadlineTimer.of(null);

		Disposable cancelled = timer.schedule(cancelledFired::incrementAndGet, 20);
		cancelled.dispose();
		timer.schedule(fired::countDown, 20);

		assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(cancelled.isDisposed()).isTrue();
		// the cancelled timeout was due with the other one; the wheel has passed it
		assertThat(cancelledFired).hasValue(0);
		assertThat(timer.getClass().getSimpleName()).isEqualTo("Wheel");
	}

}
