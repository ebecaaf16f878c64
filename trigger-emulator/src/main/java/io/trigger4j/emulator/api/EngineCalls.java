package io.trigger4j.emulator.api;

import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Calls into the engine off the I/O thread: engine calls may run task steps and wait for
 * them (a query waits for its own thread at most its timeout).
 */
final class EngineCalls {

	private EngineCalls() {
	}

	/**
	 * The call's result; a {@link VirtualMachineError} or {@link LinkageError} it throws
	 * is signalled as an ordinary error (a 500), since Reactor treats those as fatal and
	 * would never answer the request.
	 */
	static <T> Mono<T> call(Callable<T> call) {
		return Mono.fromCallable(() -> {
			try {
				return call.call();
			}
			catch (VirtualMachineError | LinkageError ex) {
				throw new IllegalStateException("The engine call failed: " + ex, ex);
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}

}
