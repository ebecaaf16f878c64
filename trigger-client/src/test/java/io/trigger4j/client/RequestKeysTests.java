package io.trigger4j.client;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys the client makes itself are version 4 UUIDs' text and never repeat, also when
 * made from many threads at once.
 */
class RequestKeysTests {

	@Test
	void keysAreVersion4UuidsText() {
		String key = RequestKeys.next();
		UUID uuid = UUID.fromString(key);
		assertThat(uuid.toString()).isEqualTo(key);
		assertThat(uuid.version()).isEqualTo(4);
		assertThat(uuid.variant()).isEqualTo(2);
	}

	@Test
	void keysNeverRepeatAcrossThreads() {
		Set<String> keys = ConcurrentHashMap.newKeySet();
		IntStream.range(0, 200_000).parallel().forEach((i) -> keys.add(RequestKeys.next()));
		assertThat(keys).hasSize(200_000);
	}

	@Test
	void oneProcessKeepsItsRandomHighBits() {
		Set<String> prefixes = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			prefixes.add(RequestKeys.next().substring(0, 18));
		}
		// one process draws its high bits once: the first three groups stay the same
		assertThat(prefixes).hasSize(1);
	}

}
