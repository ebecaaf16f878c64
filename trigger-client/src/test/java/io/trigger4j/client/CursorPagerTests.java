package io.trigger4j.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.trigger4j.client.model.CursorPage;
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

}
