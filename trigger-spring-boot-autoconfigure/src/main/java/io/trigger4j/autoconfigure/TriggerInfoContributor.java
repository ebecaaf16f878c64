package io.trigger4j.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerOperations;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Contributes {@code trigger} to {@code /actuator/info}: the trigger4j client's
 * {@code version}, the {@code baseUrl} and the secret key's {@code environment} type of
 * the operations as built ({@link TriggerOperations#baseUrl()},
 * {@link TriggerOperations#environmentType()}), never a key. Makes no call.
 */
public class TriggerInfoContributor implements InfoContributor {

	private static final String CLIENT_POM = "META-INF/maven/io.trigger4j/trigger-client/pom.properties";

	private static final String OWN_VERSION = "io/trigger4j/autoconfigure/trigger4j.properties";

	private final TriggerOperations operations;

	/**
	 * Creates a contributor.
	 * @param operations the operations whose base URL and environment type are shown
	 */
	public TriggerInfoContributor(TriggerOperations operations) {
		this.operations = operations;
	}

	@Override
	public void contribute(Info.Builder builder) {
		// read when asked: the auto-configured client is built on its first use
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("version", clientVersion());
		details.put("baseUrl", this.operations.baseUrl());
		details.put("environment", this.operations.environmentType().name());
		builder.withDetail("trigger", details);
	}

	/**
	 * The version of trigger-client on the class path: from its jar's Maven properties,
	 * else its manifest, else the version trigger4j's auto-configuration was built with
	 * (both are released together).
	 * @return the version, or {@code unknown}
	 */
	static String clientVersion() {
		String version = versionIn(TriggerClient.class.getClassLoader(), CLIENT_POM);
		if (version == null) {
			version = TriggerClient.class.getPackage().getImplementationVersion();
		}
		if (version == null) {
			version = versionIn(TriggerInfoContributor.class.getClassLoader(), OWN_VERSION);
		}
		return (version != null) ? version : "unknown";
	}

	private static @Nullable String versionIn(@Nullable ClassLoader classLoader, String resource) {
		if (classLoader == null) {
			return null;
		}
		try (InputStream in = classLoader.getResourceAsStream(resource)) {
			if (in == null) {
				return null;
			}
			Properties properties = new Properties();
			properties.load(in);
			String version = properties.getProperty("version");
			return (version == null || version.isBlank() || version.startsWith("${")) ? null : version.strip();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
