package io.trigger4j.client;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.model.CursorPage;
import io.trigger4j.client.model.OffsetPage;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Walks cursor pages (or numbered pages, {@link #numbered}) as one {@link Flux} driven by
 * its subscriber's demand. A page is fetched only while the subscriber has asked for more
 * items than the walk holds, and at most one request is in flight: so {@code take(n)} or
 * a cancel never causes a fetch that is not needed, and the walk is never more than one
 * page ahead of its subscriber. Once the subscriber has had items and still wants more
 * than a newly arrived page holds, the next page is asked for as soon as that page's
 * cursor is known, before its items are decoded ({@link Fetched}), so decoding one page
 * overlaps the server's work on the next; not on the first page, so a subscriber that
 * asks for everything and takes one item ({@code next()}) causes no second request. The
 * walk stops at the page without a next cursor. Items repeated from the previous page (a
 * boundary quirk the server has had) are dropped.
 */
final class CursorPager {

	private CursorPager() {
	}

	/**
	 * A page as fetched: how many items it holds (at most), the next page's cursor, and
	 * its items, decoded when asked for.
	 *
	 * @param size the number of items, or more: the page is asked for as soon as the
	 * demand exceeds it, and once decoded its items count
	 * @param next the next page's cursor, or {@code null} on the last page
	 * @param items decodes the items; may throw a
	 * {@link io.trigger4j.client.error.TriggerDecodingException}
	 */
	record Fetched<T>(int size, @Nullable String next, Supplier<List<T>> items) {

		/** A page already decoded. */
		static <T> Fetched<T> of(CursorPage<T> page) {
			List<T> items = page.data();
			return new Fetched<>(items.size(), page.next(), () -> items);
		}

		/**
		 * A list page's answer, {@code {"data": [...], "pagination": {"next": ...}}},
		 * read only as far as its next cursor; the items are decoded when asked for. The
		 * cursor is found from the answer's end when {@code pagination} is its last
		 * member (as the server writes it), else by scanning the answer without decoding
		 * its items; an answer that is not a JSON object is decoded at once (so that its
		 * error is the call's).
		 * @param atMost the most items the page can hold (the page size asked for)
		 * @param decode decodes the whole answer
		 */
		static <T> Fetched<T> lazily(byte[] body, int atMost, Supplier<CursorPage<T>> decode) {
			Outline outline = trailingCursor(body, atMost);
			if (outline == null) {
				outline = outline(body);
			}
			return (outline != null) ? new Fetched<>(outline.size(), outline.next(), checked(decode, outline.next()))
					: of(decode.get());
		}

		/**
		 * Decodes the items, failing if the decoded page's next cursor is not the one
		 * read early (the walk would have asked for the wrong page).
		 */
		private static <T> Supplier<List<T>> checked(Supplier<CursorPage<T>> decode, @Nullable String next) {
			return () -> {
				CursorPage<T> page = decode.get();
				if (!Objects.equals(page.next(), next)) {
					throw new TriggerDecodingException(
							"Could not decode a list page: its next cursor, read two ways, differs");
				}
				return page.data();
			};
		}

	}

	/** The most items a page holds: the size asked for, else the server's largest. */
	static int atMost(@Nullable Integer pageSize) {
		return (pageSize != null) ? pageSize : MAX_PAGE_SIZE;
	}

	/** The largest page size the server gives. */
	static final int MAX_PAGE_SIZE = 100;

	/**
	 * What is read of a page before its items are decoded.
	 *
	 * @param size its number of items, or more
	 * @param next its next cursor, {@code null} on the last page
	 */
	record Outline(int size, @Nullable String next) {
	}

	private static final byte[] PAGINATION = "\"pagination\"".getBytes(StandardCharsets.US_ASCII);

	/**
	 * The next cursor of an answer whose last member is {@code "pagination": {...}},
	 * found from its end without reading the items before it (with {@code atMost} as its
	 * size), or {@code null} if the answer does not end that way. Inside a JSON string a
	 * quote is escaped, so the bytes {@code "pagination"} are a name or a value; the one
	 * found counts only if the object after it is followed by nothing but the answer's
	 * closing brace.
	 */
	static @Nullable Outline trailingCursor(byte[] body, int atMost) {
		int at = lastIndexOf(body, PAGINATION);
		if (at < 0 || (at > 0 && body[at - 1] == '\\')) {
			return null;
		}
		int i = skipWhitespace(body, at + PAGINATION.length);
		if (i >= body.length || body[i] != ':') {
			return null;
		}
		int start = skipWhitespace(body, i + 1);
		try (JsonParser parser = WireJson.WIRE.createParser(body, start, body.length - start)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			String next = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				JsonToken token = parser.nextToken();
				if (token.isStructStart()) {
					return null;
				}
				if ("next".equals(field)) {
					if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL) {
						return null;
					}
					next = (token == JsonToken.VALUE_STRING) ? parser.getString() : null;
				}
			}
			int end = skipWhitespace(body, start + (int) parser.currentLocation().getByteOffset());
			if (end >= body.length || body[end] != '}' || skipWhitespace(body, end + 1) != body.length) {
				return null;
			}
			return new Outline(atMost, next);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static int lastIndexOf(byte[] body, byte[] part) {
		for (int i = body.length - part.length; i >= 0; i--) {
			int j = 0;
			while (j < part.length && body[i + j] == part[j]) {
				j++;
			}
			if (j == part.length) {
				return i;
			}
		}
		return -1;
	}

	private static int skipWhitespace(byte[] body, int from) {
		int i = from;
		while (i < body.length && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
			i++;
		}
		return i;
	}

	/**
	 * Walks pages numbered from 1 the same way: the next page is asked for only while the
	 * last one was not empty and was not the last ({@code currentPage < totalPages}).
	 */
	static <T> Flux<T> numbered(IntFunction<Mono<OffsetPage<T>>> fetch, Function<T, String> id) {
		return stream((cursor) -> {
			int number = (cursor != null) ? Integer.parseInt(cursor) : 1;
			return fetch.apply(number)
				.map((page) -> Fetched.of(new CursorPage<>(page.data(),
						(!page.data().isEmpty() && number < page.totalPages()) ? Integer.toString(number + 1) : null,
						null)));
		}, id);
	}

	/**
	 * Walks cursor pages from the first ({@code fetch} is given {@code null}) to the
	 * last.
	 * @param fetch fetches the page at a cursor, one subscription per fetch
	 * @param id an item's identity, to drop items repeated from the previous page
	 */
	static <T> Flux<T> stream(Function<@Nullable String, Mono<Fetched<T>>> fetch, Function<T, String> id) {
		return Flux.from(new Walk<>(fetch, id));
	}

	/**
	 * The size and next cursor of a list page's answer, scanned without decoding its
	 * items, or {@code null} if the answer is not a JSON object.
	 */
	static @Nullable Outline outline(byte[] body) {
		try (JsonParser parser = WireJson.WIRE.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			int size = 0;
			String next = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("data".equals(name) && value == JsonToken.START_ARRAY) {
					while (parser.nextToken() != JsonToken.END_ARRAY) {
						size++;
						parser.skipChildren();
					}
				}
				else if ("pagination".equals(name)) {
					next = null;
					if (value != JsonToken.START_OBJECT) {
						parser.skipChildren();
						continue;
					}
					while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
						String field = parser.currentName();
						JsonToken token = parser.nextToken();
						if ("next".equals(field)) {
							if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL) {
								return null;
							}
							next = (token == JsonToken.VALUE_STRING) ? parser.getString() : null;
						}
						else {
							parser.skipChildren();
						}
					}
				}
				else {
					parser.skipChildren();
				}
			}
			return new Outline(size, next);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static final class Walk<T> extends Flux<T> {

		private final Function<@Nullable String, Mono<Fetched<T>>> fetch;

		private final Function<T, String> id;

		Walk(Function<@Nullable String, Mono<Fetched<T>>> fetch, Function<T, String> id) {
			this.fetch = fetch;
			this.id = id;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			actual.onSubscribe(new Walker<>(actual, this.fetch, this.id));
		}

	}

	/**
	 * One walk: a drain loop (one thread at a time) that emits the held items within the
	 * subscriber's demand, takes a fetched page once the held items are gone, asks for
	 * the next page while the demand exceeds what is held and nothing is in flight, and
	 * only then decodes the page it took.
	 */
	private static final class Walker<T> implements Subscription {

		@SuppressWarnings("rawtypes")
		private static final AtomicLongFieldUpdater<Walker> REQUESTED = AtomicLongFieldUpdater.newUpdater(Walker.class,
				"requested");

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<Walker> WIP = AtomicIntegerFieldUpdater.newUpdater(Walker.class,
				"wip");

		private final CoreSubscriber<? super T> actual;

		private final Function<@Nullable String, Mono<Fetched<T>>> fetch;

		private final Function<T, String> id;

		private volatile long requested;

		private volatile int wip;

		private volatile boolean cancelled;

		/**
		 * Set by the page in flight when it arrives, before {@link #fetching} is cleared.
		 */
		private volatile @Nullable Fetched<T> arrived;

		/**
		 * Set by the page in flight when it fails, before {@link #fetching} is cleared.
		 */
		private volatile @Nullable Throwable failed;

		private volatile boolean fetching;

		private volatile @Nullable Subscription inflight;

		// owned by the drain loop

		private List<T> items = List.of();

		private int index;

		private List<T> lastPage = List.of();

		private @Nullable String cursor;

		private boolean last;

		private volatile boolean done;

		/**
		 * Whether the subscriber has had an item: only then is a page asked for early.
		 */
		private boolean emittedAny;

		Walker(CoreSubscriber<? super T> actual, Function<@Nullable String, Mono<Fetched<T>>> fetch,
				Function<T, String> id) {
			this.actual = actual;
			this.fetch = fetch;
			this.id = id;
		}

		@Override
		public void request(long n) {
			if (Operators.validate(n)) {
				Operators.addCap(REQUESTED, this, n);
				drain();
			}
		}

		@Override
		public void cancel() {
			this.cancelled = true;
			Subscription page = this.inflight;
			if (page != null) {
				page.cancel();
			}
			drain();
		}

		private void drain() {
			if (WIP.getAndIncrement(this) != 0) {
				return;
			}
			int missed = 1;
			do {
				drainOnce();
				missed = WIP.addAndGet(this, -missed);
			}
			while (missed != 0);
		}

		private void drainOnce() {
			while (!this.done) {
				if (this.cancelled) {
					end();
					return;
				}
				long demand = this.requested;
				long emitted = 0;
				while (emitted != demand && this.index < this.items.size()) {
					this.actual.onNext(this.items.get(this.index++));
					emitted++;
					if (this.cancelled) {
						end();
						return;
					}
				}
				if (emitted != 0) {
					this.emittedAny = true;
				}
				if (emitted != 0 && demand != Long.MAX_VALUE) {
					demand = REQUESTED.addAndGet(this, -emitted);
				}
				boolean drained = this.index >= this.items.size();
				Fetched<T> taken = null;
				if (drained) {
					taken = this.arrived;
					if (taken != null) {
						this.arrived = null;
						this.cursor = taken.next();
						this.last = taken.next() == null;
					}
				}
				// The next page, before this one is decoded, while more is wanted than
				// is held.
				long held = (this.items.size() - this.index) + ((taken != null) ? taken.size() : 0);
				if (!this.fetching && this.arrived == null && this.failed == null && !this.last && demand > held
						&& (taken == null || this.emittedAny)) {
					fetchNext();
				}
				if (taken != null) {
					List<T> decoded;
					try {
						decoded = withoutRepeats(taken.items().get());
					}
					catch (Throwable ex) {
						Exceptions.throwIfJvmFatal(ex);
						fail(ex);
						return;
					}
					this.lastPage = decoded;
					this.items = decoded;
					this.index = 0;
					continue;
				}
				if (drained && this.arrived == null) {
					Throwable failure = this.failed;
					if (failure != null) {
						fail(failure);
						return;
					}
					if (this.last && !this.fetching) {
						end();
						this.actual.onComplete();
						return;
					}
				}
				return;
			}
		}

		private void fetchNext() {
			this.fetching = true;
			try {
				Mono<Fetched<T>> page = Objects.requireNonNull(this.fetch.apply(this.cursor), "fetched page");
				page.subscribe(new PageSubscriber());
			}
			catch (Throwable ex) {
				Exceptions.throwIfJvmFatal(ex);
				this.failed = ex;
				this.fetching = false;
			}
		}

		private void fail(Throwable failure) {
			Subscription page = this.inflight;
			end();
			if (page != null) {
				page.cancel();
			}
			this.actual.onError(failure);
		}

		/** Lets go of what is held. */
		private void end() {
			this.done = true;
			this.items = List.of();
			this.lastPage = List.of();
			this.index = 0;
			this.arrived = null;
			this.failed = null;
			this.inflight = null;
		}

		private List<T> withoutRepeats(List<T> page) {
			if (this.lastPage.isEmpty()) {
				return page;
			}
			Set<String> seen = new HashSet<>();
			this.lastPage.forEach((item) -> seen.add(this.id.apply(item)));
			return page.stream().filter((item) -> !seen.contains(this.id.apply(item))).toList();
		}

		/** The page in flight. */
		private final class PageSubscriber implements CoreSubscriber<Fetched<T>> {

			private @Nullable Fetched<T> page;

			@Override
			public void onSubscribe(Subscription subscription) {
				Walker.this.inflight = subscription;
				if (Walker.this.cancelled || Walker.this.done) {
					subscription.cancel();
				}
				else {
					subscription.request(Long.MAX_VALUE);
				}
			}

			@Override
			public void onNext(Fetched<T> value) {
				if (!Walker.this.done) {
					this.page = value;
				}
			}

			@Override
			public void onError(Throwable error) {
				Walker.this.inflight = null;
				if (Walker.this.done) {
					return;
				}
				Walker.this.failed = error;
				Walker.this.fetching = false;
				drain();
			}

			@Override
			public void onComplete() {
				Walker.this.inflight = null;
				if (Walker.this.done) {
					this.page = null;
					return;
				}
				Fetched<T> value = this.page;
				Walker.this.arrived = (value != null) ? value : new Fetched<>(0, null, List::of);
				Walker.this.fetching = false;
				drain();
			}

			@Override
			public Context currentContext() {
				return Walker.this.actual.currentContext();
			}

		}

	}

}
