package io.trigger4j.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.trigger4j.client.model.CursorPage;
import io.trigger4j.client.model.OffsetPage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The run list is walked lazily: a page is fetched only when the subscriber needs it. */
class CursorPagerTests {

	/** Cursor -> page, recording every fetch when it is actually subscribed. */
	private final List<String> fetched = new ArrayList<>();

	private final Map<String, CursorPage<String>> pages = Map.of("first",
			new CursorPage<>(List.of("a", "b", "c"), "c1", null), "c1",
			new CursorPage<>(List.of("c", "d", "e"), "c2", "p1"), "c2", new CursorPage<>(List.of("f"), null, "p2"));

	private final Function<@Nullable String, Mono<CursorPage<String>>> fetch = (cursor) -> Mono.defer(() -> {
		String key = (cursor != null) ? cursor : "first";
		this.fetched.add(key);
		return Mono.just(this.pages.get(key));
	});

	@Test
	void oneRequestedItemFetchesOnePage() {
		StepVerifier.create(CursorPager.stream(this.fetch, Function.identity()), 0)
			.expectSubscription()
			.then(() -> assertThat(this.fetched).hasSizeLessThanOrEqualTo(1))
			.thenRequest(1)
			.expectNext("a")
			.then(() -> assertThat(this.fetched).containsExactly("first"))
			.thenRequest(1)
			.expectNext("b")
			.then(() -> assertThat(this.fetched).containsExactly("first"))
			.thenCancel()
			.verify();
	}

	@Test
	void theNextPageIsFetchedOnlyOnceThePreviousIsConsumed() {
		StepVerifier.create(CursorPager.stream(this.fetch, Function.identity()), 2)
			.expectNext("a", "b")
			.then(() -> assertThat(this.fetched).containsExactly("first"))
			.thenRequest(1)
			.expectNext("c")
			.thenRequest(1)
			.expectNext("d") // "c" repeated on page two is dropped
			.then(() -> assertThat(this.fetched).containsExactly("first", "c1"))
			.thenCancel()
			.verify();
	}

	@Test
	void theNextPageIsFetchedWhenTheLastItemOfThePageIsDelivered() {
		StepVerifier.create(CursorPager.stream(this.fetch, Function.identity()), 3)
			.expectNext("a", "b", "c")
			.then(() -> assertThat(this.fetched).containsExactly("first", "c1"))
			.thenCancel()
			.verify();
	}

	@Test
	void takeStopsFetching() {
		StepVerifier.create(CursorPager.stream(this.fetch, Function.identity()).take(3))
			.expectNext("a", "b", "c")
			.verifyComplete();

		assertThat(this.fetched).containsExactly("first");
	}

	@Test
	void walksToTheLastPageAndStops() {
		StepVerifier.create(CursorPager.stream(this.fetch, Function.identity()))
			.expectNext("a", "b", "c", "d", "e", "f")
			.verifyComplete();

		assertThat(this.fetched).containsExactly("first", "c1", "c2");
	}

	@Test
	void numberedPagesAreFetchedOnlyWhenThePreviousPagesLastItemIsDelivered() {
		List<Integer> fetched = new ArrayList<>();
		IntFunction<Mono<OffsetPage<String>>> fetch = (number) -> Mono.fromSupplier(() -> {
			fetched.add(number);
			return (number == 1) ? new OffsetPage<>(List.of("a", "b"), 1, 2, 3)
					: new OffsetPage<>(List.of("c"), 2, 2, 3);
		});

		StepVerifier.create(CursorPager.numbered(fetch, Function.identity()), 0)
			.expectSubscription()
			.then(() -> assertThat(fetched).hasSizeLessThanOrEqualTo(1))
			.thenRequest(1)
			.expectNext("a")
			.then(() -> assertThat(fetched).containsExactly(1))
			.thenRequest(1)
			.expectNext("b")
			// page 2 now, or on the next request at the latest
			.then(() -> assertThat(fetched).startsWith(1).hasSizeLessThanOrEqualTo(2))
			.thenRequest(5)
			.expectNext("c")
			.verifyComplete();
		assertThat(fetched).containsExactly(1, 2);
	}

}
