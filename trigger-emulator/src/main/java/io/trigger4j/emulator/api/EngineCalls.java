package io.trigger4j.emulator.api;

import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Calls into the engine off the I/O thread: engine calls may run task steps and wait for
 * them.
 */
final class EngineCalls {

	private EngineCalls() {
	}

	static <T> Mono<T> call(Callable<T> call) {
		return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
	}

}
