package io.trigger4j.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator from the command line, for curl or any SDK: {@code --port 3030} (the
 * default; 0 picks a free one), {@code --secret-key tr_dev_...} (default: any
 * {@code tr_dev_} key), {@code --no-demo-tasks}, {@code --rate-limited}.
 */
public final class TriggerEmulatorMain {

	static final String USAGE = "usage: [--port N] [--secret-key KEY] [--project-ref proj_...] [--no-demo-tasks] [--rate-limited]";

	/** The declarative schedule of the demo task hourly-report. */
	static final String HOURLY = "0 * * * *";

	private TriggerEmulatorMain() {
	}

	/**
	 * Starts the emulator and serves until the process is stopped; exits with 2 on bad
	 * arguments.
	 * @param args the command-line arguments, as the class comment lists them
	 * @throws InterruptedException if the main thread is interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		TriggerEmulator emulator;
		Setup setup;
		try {
			setup = setup(args);
			emulator = setup.builder().start();
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		System.out.println("Trigger.dev emulator on " + emulator.baseUrl()
				+ " (accepting any tr_dev_... key unless --secret-key was given; project " + emulator.projectRef()
				+ ")");
		System.out.println("Packets (presigned URLs of large payloads and outputs) on " + emulator.packetBaseUrl());
		System.out.println(describe(setup.tasks()));
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			emulator.stop();
			stopped.countDown();
		}));
		stopped.await();
	}

	/**
	 * Starts an emulator as the command-line arguments say.
	 * @throws IllegalArgumentException on an unknown argument or a bad value, with the
	 * usage
	 */
	static TriggerEmulator start(String... args) {
		return setup(args).builder().start();
	}

	/**
	 * A configured builder and the tasks it declares.
	 *
	 * @param builder the builder, ready to start
	 * @param tasks the declared tasks
	 */
	record Setup(TriggerEmulator.Builder builder, List<EmulatedTask> tasks) {
	}

	/**
	 * Configures an emulator as the command-line arguments say.
	 * @throws IllegalArgumentException on an unknown argument or a bad value, with the
	 * usage
	 */
	static Setup setup(String... args) {
		TriggerEmulator.Builder builder = TriggerEmulator.builder().port(3030);
		boolean demoTasks = true;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--port" -> builder.port(port(value(args, ++i, "--port")));
				case "--secret-key" -> builder.secretKey(value(args, ++i, "--secret-key"));
				case "--project-ref" -> builder.projectRef(value(args, ++i, "--project-ref"));
				case "--no-demo-tasks" -> demoTasks = false;
				case "--rate-limited" -> builder.rateLimited();
				default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'; " + USAGE);
			}
		}
		List<EmulatedTask> tasks = demoTasks ? demoTasks() : List.of();
		tasks.forEach(builder::task);
		return new Setup(builder, tasks);
	}

	/**
	 * hello-world succeeds at once, flaky succeeds on its second attempt, slow-report
	 * takes 10 s, hourly-report is a scheduled task whose declarative schedule fires at
	 * the start of every hour (UTC); more schedules can be attached to it.
	 */
	static List<EmulatedTask> demoTasks() {
		return List.of(
				EmulatedTask.of("hello-world",
						(run) -> Map.of("greeting",
								"Hello, " + run.payloadAsMap().getOrDefault("name", "world") + "!")),
				EmulatedTask.of("flaky", (run) -> {
					if (run.attempt() < 2) {
						throw new IllegalStateException("Failed on attempt " + run.attempt() + ", will retry");
					}
					return Map.of("attempts", run.attempt());
				}), EmulatedTask.of("slow-report", (run) -> Map.of("pages", 12)).withDuration(Duration.ofSeconds(10)),
				EmulatedTask.of("hourly-report", (run) -> {
					Map<String, Object> payload = run.payloadAsMap();
					return Map.of("reportFor", payload.getOrDefault("timestamp", "now"), "schedule",
							payload.getOrDefault("scheduleId", "none"));
				}).asScheduled(HOURLY));
	}

	/** The start-up line naming the declared tasks. */
	static String describe(List<EmulatedTask> tasks) {
		if (tasks.isEmpty()) {
			return "Tasks: none (--no-demo-tasks)";
		}
		List<String> names = new ArrayList<>();
		for (EmulatedTask task : tasks) {
			if (task.cron() != null) {
				names.add(task.id() + " (scheduled: \"" + task.cron() + "\" "
						+ ((task.timezone() != null) ? task.timezone() : "UTC") + ")");
			}
			else {
				names.add(task.scheduled() ? task.id() + " (scheduled)" : task.id());
			}
		}
		return "Tasks: " + String.join(", ", names);
	}

	private static int port(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--port needs a number but was '" + text + "'; " + USAGE);
		}
	}

	private static String value(String[] args, int index, String name) {
		if (index >= args.length) {
			throw new IllegalArgumentException(name + " needs a value; " + USAGE);
		}
		return args[index];
	}

}
