package io.trigger4j.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.model.CursorPage;
import io.trigger4j.client.model.OffsetPage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run list is walked by demand: a page is fetched only while the subscriber wants
 * more than the walk holds, asked for before the previous page is decoded, and never more
 * than one page ahead.
 */
class CursorPagerTests {

	/**
	 * What happened, in order: "fetch <cursor>", "decode <cursor>", "cancel <cursor>".
	 */
	private final List<String> events = new ArrayList<>();

	private final Map<String, CursorPage<String>> pages = Map.of("first",
			new CursorPage<>(List.of("a", "b", "c"), "c1", null), "c1",
			new CursorPage<>(List.of("c", "d", "e"), "c2", "p1"), "c2", new CursorPage<>(List.of("f"), null, "p2"));

	/** Pages answered at once, decoded when the walk gets to them. */
	private final Function<@Nullable String, Mono<CursorPager.Fetched<String>>> fetch = (cursor) -> Mono.defer(() -> {
		String key = (cursor != null) ? cursor : "first";
		this.events.add("fetch " + key);
		CursorPage<String> page = this.pages.get(key);
		return Mono.just(new CursorPager.Fetched<>(page.data().size(), page.next(), () -> {
			this.events.add("decode " + key);
			return page.data();
		}));
	});

	/** Pages answered when the test says, through {@link #answer(String)}. */
	private final Map<String, Sinks.One<CursorPager.Fetched<String>>> pending = new HashMap<>();

	private final Function<@Nullable String, Mono<CursorPager.Fetched<String>>> slowFetch = (cursor) -> {
		String key = (cursor != null) ? cursor : "first";
		Sinks.One<CursorPager.Fetched<String>> sink = Sinks.one();
		return sink.asMono().doOnSubscribe((subscription) -> {
			this.events.add("fetch " + key);
			this.pending.put(key, sink);
		}).doOnCancel(() -> this.events.add("cancel " + key));
	};

	private void answer(String key) {
		CursorPage<String> page = this.pages.get(key);
		this.pending.get(key).tryEmitValue(new CursorPager.Fetched<>(page.data().size(), page.next(), page::data));
	}

	private List<String> fetches() {
		return this.events.stream().filter((event) -> event.startsWith("fetch")).toList();
	}

	@Test
	void nothingIsFetchedBeforeDemandAndOneItemFetchesOnePage() {
		StepVerifier.create(CursorPager.stream(this.fetch, Function.identity()), 0)
			.expectSubscription()
			.then(() -> assertThat(this.events).isEmpty())
			.thenRequest(1)
			.expectNext("a")
			.then(() -> assertThat(fetches()).containsExactly("fetch first"))
			.thenRequest(2)
			.expectNext("b", "c")
			// the subscriber has had all it asked for: no page is fetched for nobody
			.then(() -> assertThat(fetches()).containsExactly("fetch first"))
			.thenRequest(1)
			.expectNext("d") // "c" repeated on page two is dropped
			.then(() -> assertThat(fetches()).containsExactly("fetch first", "fetch c1"))
			.thenCancel()
			.verify();
	}

	@Test
	void onceItemsWereHadTheNextPageIsAskedForBeforeThisOneIsDecoded() {
		StepVerifier.create(CursorPager.stream(this.fetch, Function.identity()), 7)
			.expectNext("a", "b", "c", "d", "e", "f")
			.verifyComplete();

		// page c2 is asked for before page c1 is decoded; the first page is decoded
		// before any other is asked for
		assertThat(this.events).containsExactly("fetch first", "decode first", "fetch c1", "fetch c2", "decode c1",
				"decode c2");
	}

	@Test
	void aSubscriberAskingForEverythingAndTakingOneItemCausesOneRequest() {
		StepVerifier.create(CursorPager.stream(this.slowFetch, Function.identity()).next())
			.then(() -> answer("first"))
			.expectNext("a")
			.verifyComplete();

		assertThat(fetches()).containsExactly("fetch first");
	}

	@Test
	void aPageIsNotFetchedWhileWhatIsHeldCoversTheDemand() {
		StepVerifier.create(CursorPager.stream(this.fetch, Function.identity()), 3)
			.expectNext("a", "b", "c")
			.then(() -> assertThat(fetches()).containsExactly("fetch first"))
			.thenCancel()
			.verify();
	}

	@Test
	void atMostOneRequestIsInFlightAndTheWalkIsAtMostOnePageAhead() {
		StepVerifier.create(CursorPager.stream(this.slowFetch, Function.identity()), 4)
			.then(() -> answer("first"))
			.expectNext("a", "b", "c")
			// page two asked for at once, page three not before page two has come
			.then(() -> assertThat(fetches()).containsExactly("fetch first", "fetch c1"))
			.then(() -> answer("c1"))
			.expectNext("d")
			// "e" is held and nothing more is wanted
			.then(() -> assertThat(fetches()).containsExactly("fetch first", "fetch c1"))
			.thenRequest(1)
			.expectNext("e")
			.then(() -> assertThat(fetches()).containsExactly("fetch first", "fetch c1"))
			.thenRequest(1)
			.then(() -> assertThat(fetches()).containsExactly("fetch first", "fetch c1", "fetch c2"))
			.then(() -> answer("c2"))
			.expectNext("f")
			.verifyComplete();
	}

	@Test
	void cancellingCancelsThePageInFlight() {
		List<String> received = new ArrayList<>();
		reactor.core.Disposable walk = CursorPager.stream(this.slowFetch, Function.identity()).subscribe(received::add);

		answer("first");
		assertThat(received).containsExactly("a", "b", "c");
		assertThat(fetches()).containsExactly("fetch first", "fetch c1");
		walk.dispose();

		assertThat(this.events).containsExactly("fetch first", "fetch c1", "cancel c1");
	}

	@Test
	void takeStopsFetching() {
		StepVerifier.create(CursorPager.stream(this.fetch, Function.identity()).take(3))
			.expectNext("a", "b", "c")
			.verifyComplete();

		assertThat(fetches()).containsExactly("fetch first");
	}

	@Test
	void walksToTheLastPageAndStops() {
		StepVerifier.create(CursorPager.stream(this.fetch, Function.identity()))
			.expectNext("a", "b", "c", "d", "e", "f")
			.verifyComplete();

		assertThat(fetches()).containsExactly("fetch first", "fetch c1", "fetch c2");
	}

	@Test
	void aFailedPageEndsTheWalkAfterTheItemsHeld() {
		Function<@Nullable String, Mono<CursorPager.Fetched<String>>> failing = (cursor) -> (cursor == null)
				? this.fetch.apply(null) : Mono.error(new IllegalStateException("page two failed"));

		StepVerifier.create(CursorPager.stream(failing, Function.identity()))
			.expectNext("a", "b", "c")
			.verifyErrorMessage("page two failed");
	}

	@Test
	void aPageThatCannotBeDecodedEndsTheWalkAndCancelsThePageInFlight() {
		Function<@Nullable String, Mono<CursorPager.Fetched<String>>> undecodable = (cursor) -> {
			if (cursor == null) {
				return this.fetch.apply(null);
			}
			if (cursor.equals("c1")) {
				return Mono.just(new CursorPager.Fetched<>(3, "c2", () -> {
					throw new TriggerDecodingException("Could not decode the response of runs.list", null);
				}));
			}
			return this.slowFetch.apply(cursor);
		};

		StepVerifier.create(CursorPager.stream(undecodable, Function.identity()))
			.expectNext("a", "b", "c")
			.verifyErrorMessage("Could not decode the response of runs.list");

		// page c2 was asked for before page c1 was decoded, and cancelled when that
		// failed
		assertThat(this.events).containsExactly("fetch first", "decode first", "fetch c2", "cancel c2");
	}

	@Test
	void anOutlineReadsTheSizeAndNextCursorWithoutTheItems() {
		byte[] body = """
				{"data":[{"id":"run_1","nested":{"data":[1,2]}},{"id":"run_2"}],
				 "other":{"next":"not this"},
				 "pagination":{"previous":"run_0","next":"run_2","extra":[1]}}""".getBytes(StandardCharsets.UTF_8);

		CursorPager.Outline outline = CursorPager.outline(body);

		assertThat(outline).isNotNull();
		assertThat(outline.size()).isEqualTo(2);
		assertThat(outline.next()).isEqualTo("run_2");
		assertThat(CursorPager.outline("""
				{"data":[],"pagination":{"next":null}}""".getBytes(StandardCharsets.UTF_8))).satisfies((last) -> {
			assertThat(last.size()).isZero();
			assertThat(last.next()).isNull();
		});
		assertThat(CursorPager.outline("not json".getBytes(StandardCharsets.UTF_8))).isNull();
	}

	@Test
	void theNextCursorIsReadFromTheEndWhenPaginationComesLast() {
		List<String> decoded = new ArrayList<>();
		String body = """
				{"data":[{"id":"run_1","metadata":{"pagination":{"next":"inside"}}}],
				 "pagination" : {"next":"run_\\"1","previous":null} }
				""";

		CursorPager.Fetched<String> page = CursorPager.Fetched.lazily(body.getBytes(StandardCharsets.UTF_8), 100,
				() -> {
					decoded.add(body);
					return new CursorPage<>(List.of("run_1"), "run_\"1", null);
				});

		assertThat(page.next()).isEqualTo("run_\"1");
		assertThat(page.size()).isEqualTo(100);
		assertThat(decoded).isEmpty();
		assertThat(page.items().get()).containsExactly("run_1");
	}

	@Test
	void aPaginationThatIsNotTheLastMemberIsFoundByScanning() {
		// the last "pagination" is a run's metadata: scanned, the real cursor is found
		String body = """
				{"pagination":{"next":"run_2"},"data":[{"id":"run_1"},{"id":"run_2","metadata":{"pagination":{"next":"inside"}}}]}""";

		CursorPager.Fetched<String> page = CursorPager.Fetched.lazily(body.getBytes(StandardCharsets.UTF_8), 100,
				() -> new CursorPage<>(List.of(), null, null));

		assertThat(page.next()).isEqualTo("run_2");
		assertThat(page.size()).isEqualTo(2);
		assertThat(CursorPager.Fetched
			.lazily("""
					{"data":[],"pagination":{"next":"run_9"}, "pagination2":{}}""".getBytes(StandardCharsets.UTF_8),
					100, () -> new CursorPage<String>(List.of(), null, null))
			.next()).isEqualTo("run_9");
	}

	@Test
	void aNextCursorThatIsNotTextIsLeftToTheDecoding() {
		List<String> decoded = new ArrayList<>();
		CursorPager.Fetched<String> page = CursorPager.Fetched.lazily("""
				{"data":[],"pagination":{"next":123}}""".getBytes(StandardCharsets.UTF_8), 100, () -> {
			decoded.add("now");
			return new CursorPage<>(List.of(), "123", null);
		});

		assertThat(decoded).containsExactly("now");
		assertThat(page.next()).isEqualTo("123");
	}

	@Test
	void anEscapedQuoteBeforeTheNameIsNotTheMember() {
		// the last member's name is x"pagination: the real cursor is found by scanning
		String body = """
				{"pagination":{"next":"run_2"},"data":[],"x\\"pagination":{"next":"wrong"}}""";

		assertThat(CursorPager.Fetched
			.lazily(body.getBytes(StandardCharsets.UTF_8), 100, () -> new CursorPage<String>(List.of(), "run_2", null))
			.next()).isEqualTo("run_2");
	}

	@Test
	void aPageWhoseDecodedCursorDiffersFromTheOneReadEarlyFailsToDecode() {
		CursorPager.Fetched<String> page = CursorPager.Fetched.lazily("""
				{"data":[],"pagination":{"next":"run_2"}}""".getBytes(StandardCharsets.UTF_8), 100,
				() -> new CursorPage<String>(List.of(), "run_3", null));

		org.assertj.core.api.Assertions.assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> page.items().get())
			.withMessageContaining("next cursor");
	}

	@Test
	void anAnswerThatIsNotAPageIsDecodedAtOnce() {
		assertThatDecodingFailsAtOnce("[1, 2]");
		assertThatDecodingFailsAtOnce("{\"data\": [");
	}

	private void assertThatDecodingFailsAtOnce(String body) {
		List<String> decoded = new ArrayList<>();
		org.assertj.core.api.Assertions.assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> CursorPager.Fetched.lazily(body.getBytes(StandardCharsets.UTF_8), 100, () -> {
				decoded.add(body);
				throw new TriggerDecodingException("Could not decode", null);
			}));
		assertThat(decoded).containsExactly(body);
	}

	@Test
	void numberedPagesAreFetchedOnlyWhenMoreIsWanted() {
		List<Integer> fetched = new ArrayList<>();
		IntFunction<Mono<OffsetPage<String>>> fetch = (number) -> Mono.fromSupplier(() -> {
			fetched.add(number);
			return (number == 1) ? new OffsetPage<>(List.of("a", "b"), 1, 2, 3)
					: new OffsetPage<>(List.of("c"), 2, 2, 3);
		});

		StepVerifier.create(CursorPager.numbered(fetch, Function.identity()), 0)
			.expectSubscription()
			.then(() -> assertThat(fetched).isEmpty())
			.thenRequest(1)
			.expectNext("a")
			.then(() -> assertThat(fetched).containsExactly(1))
			.thenRequest(1)
			.expectNext("b")
			.then(() -> assertThat(fetched).containsExactly(1))
			.thenRequest(5)
			.expectNext("c")
			.verifyComplete();
		assertThat(fetched).containsExactly(1, 2);
	}

}
