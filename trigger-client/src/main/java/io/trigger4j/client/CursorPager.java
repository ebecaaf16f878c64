package io.trigger4j.client;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Walks cursor pages as one demand-driven {@link Flux}: a page is fetched only after the previous
 * page's items have all been requested, and the walk stops at the page without a next cursor. Items
 * repeated from the previous page (a boundary quirk the server has had) are dropped.
 */
final class CursorPager {

	private CursorPager() {
	}

	static <T> Flux<T> stream(Function<@Nullable String, Mono<CursorPage<T>>> fetch, Function<T, String> id) {
		return fetch.apply(null)
			.expand((page) -> page.hasNext()
					? fetch.apply(page.next()).map((next) -> withoutRepeats(page, next, id)) : Mono.empty(), 1)
			.concatMapIterable(CursorPage::data, 1);
	}

	private static <T> CursorPage<T> withoutRepeats(CursorPage<T> previous, CursorPage<T> page, Function<T, String> id) {
		Set<String> seen = new HashSet<>();
		previous.data().forEach((item) -> seen.add(id.apply(item)));
		List<T> fresh = page.data().stream().filter((item) -> !seen.contains(id.apply(item))).toList();
		return (fresh.size() == page.data().size()) ? page : new CursorPage<>(fresh, page.next(), page.previous());
	}

}
