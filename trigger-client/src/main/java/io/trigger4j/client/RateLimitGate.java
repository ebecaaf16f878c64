package io.trigger4j.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The rate-limit bucket of one client as its answers describe it ({@code
 * x-ratelimit-remaining}, {@code x-ratelimit-reset}, 429s), shared by all its views.
 * While the bucket is known to be empty, calls wait here (first come, first released)
 * instead of being sent to collect 429s. When it refills, one call goes first; its answer
 * tells how much budget the server has, and that many waiting calls (less those already
 * in flight, at most {@link #MAX_RELEASED_IN_FLIGHT} at once) are released, each after up
 * to {@link RetryStrategy#RATE_LIMIT_JITTER} of random jitter so that they spread. A call
 * that cannot be released within its wait is sent anyway (the server's 429 then decides).
 */
final class RateLimitGate {

	/** The most calls released from the queue and not yet answered. */
	static final int MAX_RELEASED_IN_FLIGHT = 100;

	/**
	 * The shortest time the gate stays closed after a 429 (one whose reset has passed by
	 * this client's clock, or is missing), so that waiting calls do not probe in a loop.
	 */
	static final Duration MIN_CLOSED = Duration.ofMillis(500);

	/** Reset values below this are epoch seconds, above it epoch milliseconds. */
	private static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L;

	private final Clock clock;

	private final @Nullable Scheduler scheduler;

	private final ClientSignals signals;

	private final DoubleSupplier random;

	private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

	/** Closed until this time (the timer's milliseconds). */
	private long openAt = Long.MIN_VALUE;

	/**
	 * How many more calls the bucket is believed to take: -1 unknown (calls pass), 0 none
	 * (calls wait, one goes first once the gate is open).
	 */
	private long estimate = -1;

	/** Whether one call may go first although others are in flight (a refill). */
	private boolean probe;

	/** Calls sent (or about to be) and not yet answered. */
	private int inFlight;

	private @Nullable Disposable reopen;

	private long reopenAt = Long.MIN_VALUE;

	RateLimitGate(Clock clock, @Nullable Scheduler scheduler, ClientSignals signals) {
		this(clock, scheduler, signals, () -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * @param random random numbers from 0 (inclusive) to 1 (exclusive) for jitter
	 */
	RateLimitGate(Clock clock, @Nullable Scheduler scheduler, ClientSignals signals, DoubleSupplier random) {
		this.clock = clock;
		this.scheduler = scheduler;
		this.signals = signals;
		this.random = random;
	}

	private Scheduler timer() {
		return (this.scheduler != null) ? this.scheduler : Schedulers.parallel();
	}

	private long now() {
		return timer().now(TimeUnit.MILLISECONDS);
	}

	/**
	 * Lets one attempt go: at once unless the bucket is known to be empty, else once it
	 * is released (or {@code maxWait} has passed). The attempt must call {@link #done()}
	 * once it ends.
	 * @param maxWait the longest to wait here; 0 never waits
	 * @return the time waited, in milliseconds
	 */
	Mono<Long> admit(long maxWait) {
		return tryAdmit(maxWait) ? ADMITTED : queue(maxWait);
	}

	private static final Mono<Long> ADMITTED = Mono.just(0L);

	/**
	 * Lets one attempt go now if it need not wait (the common case, without a
	 * {@link Mono} per attempt). The attempt must call {@link #done()} once it ends.
	 * @param maxWait the longest the attempt may wait here; 0 never waits
	 * @return whether the attempt was let through; if not, {@link #admit(long)} queues it
	 */
	boolean tryAdmit(long maxWait) {
		synchronized (this) {
			if (maxWait <= 0 || (this.waiters.isEmpty() && now() >= this.openAt && this.estimate != 0)) {
				if (this.estimate > 0) {
					this.estimate--;
				}
				this.inFlight++;
				return true;
			}
			return false;
		}
	}

	private Mono<Long> queue(long maxWait) {
		return Mono.create((sink) -> {
			Waiter waiter;
			synchronized (this) {
				long now = now();
				if (maxWait <= 0 || (this.waiters.isEmpty() && now >= this.openAt && this.estimate != 0)) {
					if (this.estimate > 0) {
						this.estimate--;
					}
					this.inFlight++;
					waiter = null;
				}
				else {
					waiter = new Waiter(sink, now);
					this.waiters.add(waiter);
					scheduleReopen(now);
				}
			}
			if (waiter == null) {
				sink.success(0L);
				return;
			}
			sink.onCancel(() -> cancel(waiter));
			Disposable expiry = timer().schedule(() -> expire(waiter), maxWait, TimeUnit.MILLISECONDS);
			waiter.expiry = expiry;
			if (waiter.state.get() != Waiter.QUEUED) {
				expiry.dispose();
			}
			// Nothing else may wake it: the gate is open (an answer said nothing is left
			// but its reset has passed) and no call is in flight, so it goes first now.
			drain();
		});
	}

	/** An admitted attempt ended (answered, failed or cancelled). */
	void done() {
		synchronized (this) {
			this.inFlight = Math.max(0, this.inFlight - 1);
		}
		drain();
	}

	/**
	 * Learns from an answer's headers: reports the remaining budget, closes the gate
	 * until the reset when the bucket is empty or the answer is a 429.
	 */
	void observe(int status, HttpHeaders headers) {
		Long remaining = number(headers.getFirst("x-ratelimit-remaining"));
		Long reset = number(headers.getFirst("x-ratelimit-reset"));
		if (remaining != null) {
			this.signals.rateLimitRemaining(remaining);
		}
		synchronized (this) {
			long now = now();
			long untilReset = (reset != null) ? untilReset(reset) : 0;
			if (status == 429) {
				close(now + Math.max(untilReset, MIN_CLOSED.toMillis()));
			}
			else if (remaining != null && remaining <= 0 && untilReset > 0) {
				close(now + untilReset);
			}
			else if (remaining != null) {
				// Those in flight besides this one may not be counted yet.
				this.estimate = Math.max(0, remaining - Math.max(0, this.inFlight - 1));
			}
			else if (status >= 200 && status < 300 && this.estimate == 0 && now >= this.openAt) {
				// A server that reports no budget: calls pass again.
				this.estimate = -1;
			}
		}
		drain();
	}

	private long untilReset(long reset) {
		Instant resetAt = (reset < EPOCH_MILLIS_THRESHOLD) ? Instant.ofEpochSecond(reset) : Instant.ofEpochMilli(reset);
		return Math.max(0, resetAt.toEpochMilli() - this.clock.millis());
	}

	private void close(long until) {
		this.openAt = Math.max(this.openAt, until);
		this.estimate = 0;
		this.probe = false;
	}

	/** Schedules the gate's opening, if calls wait for it and it is not scheduled. */
	private void scheduleReopen(long now) {
		if (now < this.openAt && this.reopenAt < this.openAt) {
			if (this.reopen != null) {
				this.reopen.dispose();
			}
			this.reopenAt = this.openAt;
			this.reopen = timer().schedule(() -> {
				synchronized (this) {
					this.probe = true;
				}
				drain();
			}, this.openAt - now, TimeUnit.MILLISECONDS);
		}
	}

	/** Releases the calls the bucket is believed to take, once the gate is open. */
	private void drain() {
		List<Waiter> released = new ArrayList<>();
		synchronized (this) {
			long now = now();
			if (now < this.openAt) {
				if (!this.waiters.isEmpty()) {
					scheduleReopen(now);
				}
				return;
			}
			while (!this.waiters.isEmpty() && this.inFlight < MAX_RELEASED_IN_FLIGHT) {
				boolean first = this.estimate == 0;
				if (first && !this.probe && this.inFlight > 0) {
					break;
				}
				if (this.estimate > 0) {
					this.estimate--;
				}
				Waiter waiter = this.waiters.poll();
				if (waiter.state.compareAndSet(Waiter.QUEUED, Waiter.RELEASED)) {
					this.inFlight++;
					released.add(waiter);
				}
				if (first) {
					// One goes first: its answer tells the budget.
					this.probe = false;
					break;
				}
			}
		}
		for (Waiter waiter : released) {
			waiter.expiry.dispose();
			long jitter = (long) (this.random.getAsDouble() * RetryStrategy.RATE_LIMIT_JITTER.toMillis());
			timer().schedule(() -> waiter.go(now()), jitter, TimeUnit.MILLISECONDS);
		}
	}

	/** A waiter whose wait ran out is sent anyway. */
	private void expire(Waiter waiter) {
		synchronized (this) {
			if (!waiter.state.compareAndSet(Waiter.QUEUED, Waiter.RELEASED)) {
				return;
			}
			this.waiters.remove(waiter);
			this.inFlight++;
		}
		waiter.go(now());
	}

	private void cancel(Waiter waiter) {
		waiter.expiry.dispose();
		synchronized (this) {
			if (waiter.state.compareAndSet(Waiter.QUEUED, Waiter.CANCELLED)) {
				this.waiters.remove(waiter);
				return;
			}
		}
		if (waiter.state.compareAndSet(Waiter.RELEASED, Waiter.CANCELLED)) {
			// Released, still in its jitter: it will not be sent.
			done();
		}
	}

	private static @Nullable Long number(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** A call waiting for the gate. */
	private static final class Waiter {

		static final int QUEUED = 0;

		static final int RELEASED = 1;

		static final int SENT = 2;

		static final int CANCELLED = 3;

		private final AtomicInteger state = new AtomicInteger(QUEUED);

		private final MonoSink<Long> sink;

		private final long queuedAt;

		private volatile Disposable expiry = () -> {
		};

		Waiter(MonoSink<Long> sink, long queuedAt) {
			this.sink = sink;
			this.queuedAt = queuedAt;
		}

		void go(long now) {
			if (this.state.compareAndSet(RELEASED, SENT)) {
				this.sink.success(Math.max(0, now - this.queuedAt));
			}
		}

	}

}
