package io.trigger4j.benchmarks;

import io.trigger4j.client.TriggerOperations;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The forked JVM of {@link ColdStartSection}'s Spring Boot row: starts a minimal non-web
 * context with the starter on the class path and reports how long
 * {@code SpringApplication.run} took. Arguments: {@code <trigger.enabled> <baseUrl>}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BootStartMain {

	/**
	 * Starts the context once and reports.
	 * @param args {@code <trigger.enabled> <baseUrl>}
	 */
	public static void main(String[] args) {
		boolean enabled = Boolean.parseBoolean(args[0]);
		SpringApplication application = new SpringApplication(BootStartMain.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		long start = System.nanoTime();
		ConfigurableApplicationContext context = application.run("--trigger.enabled=" + enabled,
				"--trigger.secret-key=" + StubServer.SECRET_KEY, "--trigger.base-url=" + args[1],
				"--logging.level.root=WARN");
		long elapsed = System.nanoTime() - start;
		if ((context.getBeanNamesForType(TriggerOperations.class).length > 0) != enabled) {
			throw new IllegalStateException("trigger.enabled=" + enabled + " but TriggerOperations beans: "
					+ context.getBeanNamesForType(TriggerOperations.class).length);
		}
		Forks.report("contextStartMs", elapsed / 1e6);
		context.close();
		System.exit(0);
	}

}
