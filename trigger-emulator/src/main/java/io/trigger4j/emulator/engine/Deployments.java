package io.trigger4j.emulator.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Deployments of the emulated project: at start one current deployment of the declared
 * tasks, version {@link Engine#DEFAULT_VERSION}, and any others tests add. Promoting one
 * changes the version new runs get. Texts are the server's
 * ({@code changeCurrentDeployment.server.ts}).
 */
public final class Deployments {

	private final Engine engine;

	/** The deployments in the order they were made; under the engine's lock. */
	private final List<Deployment> deployments = new ArrayList<>();

	private @Nullable Deployment current;

	Deployments(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Adds a deployment of the declared tasks; it does not become current.
	 * @param version its version, {@code YYYYMMDD.N}
	 * @param status one of {@link DeploymentSnapshot#STATUSES}; a deployment has a worker
	 * when {@code DEPLOYING} or {@code DEPLOYED}
	 * @return the new deployment
	 * @throws IllegalArgumentException for a malformed version, an unknown status or a
	 * version already deployed
	 */
	public DeploymentSnapshot add(String version, String status) {
		check(version, status);
		return this.engine.locked(() -> {
			deployments();
			if (byVersion(version) != null) {
				throw new IllegalArgumentException("version " + version + " is deployed already");
			}
			return snapshot(create(version, status));
		});
	}

	/**
	 * {@return the deployments in the order they were made, the first at start}
	 */
	public List<DeploymentSnapshot> list() {
		return this.engine.locked(() -> deployments().stream().map(this::snapshot).toList());
	}

	/**
	 * Looks a deployment up by id.
	 * @param id the deployment's id ({@code deployment_...})
	 * @return the deployment, or empty if there is none
	 */
	public Optional<DeploymentSnapshot> find(String id) {
		Objects.requireNonNull(id, "id must not be null");
		return this.engine.locked(() -> deployments().stream()
			.filter((deployment) -> deployment.id().equals(id))
			.findFirst()
			.map(this::snapshot));
	}

	/**
	 * {@return the current deployment, whose version new runs get}
	 */
	public DeploymentSnapshot current() {
		return this.engine.locked(() -> {
			deployments();
			return snapshot(Objects.requireNonNull(this.current));
		});
	}

	/**
	 * Makes a deployment current: runs created from now on get its version. 404
	 * "Deployment not found"; 400 "Deployment is not associated with a worker and cannot
	 * be promoted.", "Deployment must be in the DEPLOYED state to be promoted.",
	 * "Deployment is already the current deployment.", and "Cannot promote a deployment
	 * that is older than the current deployment." unless {@code allowRollbacks}.
	 * @param version the version of the deployment to promote
	 * @param allowRollbacks whether a version older than the current one may be promoted
	 * @return the deployment, now current
	 */
	public DeploymentSnapshot promote(String version, boolean allowRollbacks) {
		Objects.requireNonNull(version, "version must not be null");
		return this.engine.locked(() -> {
			deployments();
			Deployment deployment = byVersion(version);
			if (deployment == null) {
				throw new EngineException(404, "Deployment not found");
			}
			if (deployment.worker() == null) {
				throw new EngineException(400, "Deployment is not associated with a worker and cannot be promoted.");
			}
			if (!"DEPLOYED".equals(deployment.status())) {
				throw new EngineException(400, "Deployment must be in the DEPLOYED state to be promoted.");
			}
			Deployment current = Objects.requireNonNull(this.current);
			if (current == deployment) {
				throw new EngineException(400, "Deployment is already the current deployment.");
			}
			if (!allowRollbacks && compareVersions(current.version(), deployment.version()) >= 0) {
				throw new EngineException(400,
						"Cannot promote a deployment that is older than the current deployment.");
			}
			this.current = deployment;
			this.engine.currentVersion(deployment.version());
			return snapshot(deployment);
		});
	}

	/**
	 * Makes the first deployment (of the default version) current again; the deployments
	 * stay. Under the engine's lock.
	 */
	void reset() {
		if (this.current != null) {
			this.current = this.deployments.get(0);
			this.engine.currentVersion(this.current.version());
		}
	}

	/**
	 * The deployments, the first made (current, of the default version) when asked first.
	 */
	private List<Deployment> deployments() {
		if (this.current == null) {
			this.current = create(Engine.DEFAULT_VERSION, "DEPLOYED");
			this.engine.currentVersion(Engine.DEFAULT_VERSION);
		}
		return this.deployments;
	}

	private @Nullable Deployment byVersion(String version) {
		for (Deployment deployment : this.deployments) {
			if (deployment.version().equals(version)) {
				return deployment;
			}
		}
		return null;
	}

	private Deployment create(String version, String status) {
		DeploymentSnapshot.Worker worker = null;
		if ("DEPLOYING".equals(status) || "DEPLOYED".equals(status)) {
			List<DeploymentSnapshot.Task> tasks = this.engine.tasks()
				.keySet()
				.stream()
				.sorted()
				.map((slug) -> new DeploymentSnapshot.Task(Nanoids.friendlyId("task_"), slug,
						"src/trigger/" + slug + ".ts", exportName(slug)))
				.toList();
			worker = new DeploymentSnapshot.Worker(Nanoids.friendlyId("worker_"), version, tasks);
		}
		Deployment deployment = new Deployment(Nanoids.friendlyId("deployment_"), Nanoids.shortCode(), version, status,
				contentHash(version), this.engine.horizon(), worker);
		this.deployments.add(deployment);
		return deployment;
	}

	private DeploymentSnapshot snapshot(Deployment deployment) {
		return new DeploymentSnapshot(deployment.id(), deployment.shortCode(), deployment.version(),
				deployment.status(), deployment.contentHash(), deployment.createdAt(), deployment.worker(),
				deployment == this.current);
	}

	/**
	 * The server's order of versions: by the date part as text, then by the number (a
	 * part that is no number compares equal).
	 */
	static int compareVersions(String a, String b) {
		String[] partsA = a.split("\\.", -1);
		String[] partsB = b.split("\\.", -1);
		int dates = partsA[0].compareTo(partsB[0]);
		if (dates != 0) {
			return Integer.signum(dates);
		}
		double numberA = number((partsA.length > 1) ? partsA[1] : null);
		double numberB = number((partsB.length > 1) ? partsB[1] : null);
		if (numberA < numberB) {
			return -1;
		}
		return (numberA > numberB) ? 1 : 0;
	}

	private static double number(@Nullable String text) {
		if (text == null) {
			return Double.NaN;
		}
		String trimmed = text.strip();
		if (trimmed.isEmpty()) {
			return 0;
		}
		return trimmed.matches("[0-9]+") ? Double.parseDouble(trimmed) : Double.NaN;
	}

	/** {@code hello-world} is exported as {@code helloWorld}. */
	private static String exportName(String slug) {
		StringBuilder name = new StringBuilder();
		boolean upper = false;
		for (char c : slug.toCharArray()) {
			if (Character.isLetterOrDigit(c)) {
				name.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
			else {
				upper = name.length() > 0;
			}
		}
		return name.isEmpty() ? "task" : name.toString();
	}

	private String contentHash(String version) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] hash = digest.digest((this.engine.envVars().projectRef() + ":" + version + ":"
					+ String.join(",", this.engine.tasks().keySet().stream().sorted().toList()))
				.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash).toLowerCase(Locale.ROOT);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A deployment; immutable once made. */
	private record Deployment(String id, String shortCode, String version, String status, String contentHash,
			Instant createdAt, DeploymentSnapshot.@Nullable Worker worker) {
	}

	/**
	 * Checks a deployment a test declares: a {@code YYYYMMDD.N} version and one of
	 * {@link DeploymentSnapshot#STATUSES}.
	 * @param version the version, {@code YYYYMMDD.N}
	 * @param status the status
	 * @throws IllegalArgumentException naming what was wrong
	 */
	public static void check(String version, String status) {
		Objects.requireNonNull(version, "version must not be null");
		Objects.requireNonNull(status, "status must not be null");
		if (!version.matches("[0-9]{8}\\.[1-9][0-9]{0,8}")) {
			throw new IllegalArgumentException("version must be YYYYMMDD.N but was '" + version + "'");
		}
		if (!DeploymentSnapshot.STATUSES.contains(status)) {
			throw new IllegalArgumentException(
					"status must be one of " + DeploymentSnapshot.STATUSES + " but was '" + status + "'");
		}
	}

}
