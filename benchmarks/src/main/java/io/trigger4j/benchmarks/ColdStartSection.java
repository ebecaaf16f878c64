package io.trigger4j.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.trigger4j.benchmarks.StubServer.CapturedRequest;
import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerOperations;

/**
 * Cold start: forked JVMs from their start to the first completed trigger against the
 * stub, plain-Java trigger4j against raw Reactor Netty posting the same bytes; then what
 * the auto-configuration adds to a minimal Spring Boot context's start.
 */
public final class ColdStartSection implements Section {

	@Override
	public String name() {
		return "coldstart";
	}

	@Override
	public String run(Mode mode, StubServer stub) throws Exception {
		Path request = Files.createTempFile("trigger4j-bench-request", ".txt");
		try {
			CapturedRequest sent;
			try (TriggerOperations trigger = TriggerClient.builder()
				.secretKey(StubServer.SECRET_KEY)
				.baseUrl(stub.baseUrl())
				.build()) {
				sent = stub.capture(
						() -> trigger.tasks().trigger(TriggerThroughputSection.TASK, ColdStartMain.PAYLOAD).block());
			}
			ColdStartMain.write(sent, request);
			List<Double> ours = new ArrayList<>();
			List<Double> theirs = new ArrayList<>();
			List<Double> bootOn = new ArrayList<>();
			List<Double> bootOff = new ArrayList<>();
			for (int i = 0; i < mode.coldStarts(); i++) {
				ours.add(firstTrigger(ColdStartMain.TRIGGER4J, stub, request));
				theirs.add(firstTrigger(ColdStartMain.RAW, stub, request));
				bootOn.add(bootStart(true, stub));
				bootOff.add(bootStart(false, stub));
			}
			double our = TriggerThroughputSection.median(ours, Double::doubleValue);
			double their = TriggerThroughputSection.median(theirs, Double::doubleValue);
			double on = TriggerThroughputSection.median(bootOn, Double::doubleValue);
			double off = TriggerThroughputSection.median(bootOff, Double::doubleValue);
			Table table = new Table()
				.rowAtMost("JVM start to first completed trigger, ms, vs raw Reactor Netty", Table.number(our),
						Table.number(their), our / their, 1.3)
				.row("Spring Boot context start, ms, `trigger.enabled=true` vs `false`", Table.number(on),
						Table.number(off), on / off, "+< 50 ms", on - off < 50);
			return "## Cold start\n\n" + table.toMarkdown() + String.format(Locale.ROOT,
					"%nForked JVMs (this JVM's `java` and class path, default heap), %d alternating start(s) per contender, "
							+ "medians shown. First trigger: from the JVM's start (`ProcessHandle.current().info().startInstant()`,"
							+ " which Linux gives to 10 ms) to the first trigger's answer decoded; trigger4j builds its "
							+ "client with `TriggerClient.builder()` and calls `tasks().trigger(...)`, the baseline builds a "
							+ "Reactor Netty `HttpClient` and posts the bytes trigger4j sent (captured at the stub). "
							+ "Runs (ms) trigger4j %s, raw %s.%n%nSpring Boot: a minimal non-web `SpringApplication` "
							+ "(`@SpringBootConfiguration @EnableAutoConfiguration`, starter on the class path, a secret "
							+ "key and base URL set), the time `SpringApplication.run` takes with `trigger.enabled=true` "
							+ "(the client bean is created) against `trigger.enabled=false` (nothing of trigger4j is "
							+ "configured; its conditions are still evaluated). Added: %.0f ms (target < 50 ms). Runs (ms) "
							+ "enabled %s, disabled %s.%n",
					mode.coldStarts(), ours, theirs, on - off, bootOn, bootOff);
		}
		finally {
			Files.deleteIfExists(request);
		}
	}

	private static double firstTrigger(String contender, StubServer stub, Path request) throws Exception {
		Map<String, String> reported = Forks.run(List.of(), ColdStartMain.class, 120, contender, stub.baseUrl(),
				request.toString());
		return Double.parseDouble(reported.get("firstTriggerMs"));
	}

	private static double bootStart(boolean enabled, StubServer stub) throws Exception {
		Map<String, String> reported = Forks.run(List.of(), BootStartMain.class, 120, Boolean.toString(enabled),
				stub.baseUrl());
		return Double.parseDouble(reported.get("contextStartMs"));
	}

}
