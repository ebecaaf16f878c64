package io.trigger4j.client;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.trigger4j.client.model.CursorPage;
import io.trigger4j.client.model.OffsetPage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Walks cursor pages (or numbered pages, {@link #numbered}) as one demand-driven
 * {@link Flux}. The first page is fetched on subscription; each later page only once the
 * previous page's last item has been delivered downstream, so a subscriber that stops
 * early ({@code take(n)}, cancel) never causes a fetch it does not need. The walk stops
 * at the page without a next cursor. Items repeated from the previous page (a boundary
 * quirk the server has had) are dropped.
 *
 * <p>
 * Built from {@code repeat}, not {@code expand}:
 * {@code expand(...).concatMapIterable(..., 1)} subscribes to the second page before any
 * item of the first is requested.
 */
final class CursorPager {

	private CursorPager() {
	}

	/**
	 * Walks pages numbered from 1 the same way: the next page is asked for only while the
	 * last one was not empty and was not the last ({@code currentPage < totalPages}).
	 */
	static <T> Flux<T> numbered(IntFunction<Mono<OffsetPage<T>>> fetch, Function<T, String> id) {
		return stream((cursor) -> {
			int number = (cursor != null) ? Integer.parseInt(cursor) : 1;
			return fetch.apply(number)
				.map((page) -> new CursorPage<>(page.data(),
						(!page.data().isEmpty() && number < page.totalPages()) ? Integer.toString(number + 1) : null,
						null));
		}, id);
	}

	static <T> Flux<T> stream(Function<@Nullable String, Mono<CursorPage<T>>> fetch, Function<T, String> id) {
		return Flux.defer(() -> {
			AtomicReference<State<T>> state = new AtomicReference<>(State.start());
			return Mono.defer(() -> fetch.apply(state.get().cursor())).flatMapIterable((page) -> {
				State<T> previous = state.get();
				List<T> fresh = previous.withoutRepeats(page.data(), id);
				state.set(new State<>(page.next(), page.next() == null, page.data()));
				return fresh;
			}).repeat(() -> !state.get().done());
		});
	}

	/**
	 * Where the walk is: the next cursor, whether it ended, and the last page's items.
	 */
	private record State<T>(@Nullable String cursor, boolean done, List<T> lastPage) {

		static <T> State<T> start() {
			return new State<>(null, false, List.of());
		}

		List<T> withoutRepeats(List<T> page, Function<T, String> id) {
			if (this.lastPage.isEmpty()) {
				return page;
			}
			Set<String> seen = new HashSet<>();
			this.lastPage.forEach((item) -> seen.add(id.apply(item)));
			return page.stream().filter((item) -> !seen.contains(id.apply(item))).toList();
		}

	}

}
