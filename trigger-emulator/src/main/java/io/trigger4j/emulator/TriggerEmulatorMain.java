package io.trigger4j.emulator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator from the command line, for curl or any SDK:
 * {@code --port 3030} (default 3030, 0 for a free one), {@code --secret-key tr_dev_...} (default: any
 * {@code tr_dev_} key), {@code --no-demo-tasks}, {@code --rate-limited}.
 */
public final class TriggerEmulatorMain {

	private TriggerEmulatorMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		TriggerEmulator.Builder builder = TriggerEmulator.builder().port(3030);
		boolean demoTasks = true;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--port" -> builder.port(Integer.parseInt(value(args, ++i, "--port")));
				case "--secret-key" -> builder.secretKey(value(args, ++i, "--secret-key"));
				case "--no-demo-tasks" -> demoTasks = false;
				case "--rate-limited" -> builder.rateLimited();
				default -> {
					System.err.println("Unknown argument " + args[i]
							+ "; usage: [--port N] [--secret-key KEY] [--no-demo-tasks] [--rate-limited]");
					System.exit(2);
				}
			}
		}
		if (demoTasks) {
			builder.task(EmulatedTask.of("hello-world", (run) -> Map.of("greeting", "Hello, " + run.payloadAsMap().getOrDefault("name", "world") + "!")));
			builder.task(EmulatedTask.of("flaky", (run) -> {
				if (run.attempt() < 2) {
					throw new IllegalStateException("Failed on attempt " + run.attempt() + ", will retry");
				}
				return Map.of("attempts", run.attempt());
			}));
			builder.task(EmulatedTask.of("slow-report", (run) -> Map.of("pages", 12)).withDuration(Duration.ofSeconds(10)));
		}
		TriggerEmulator emulator = builder.start();
		System.out.println("Trigger.dev emulator on " + emulator.baseUrl() + " (key: any tr_dev_... key"
				+ (demoTasks ? "; tasks: hello-world, flaky, slow-report" : "") + ")");
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			emulator.stop();
			stopped.countDown();
		}));
		stopped.await();
	}

	private static String value(String[] args, int index, String name) {
		if (index >= args.length) {
			System.err.println(name + " needs a value");
			System.exit(2);
		}
		return args[index];
	}

}
