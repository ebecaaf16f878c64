package io.trigger4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;

/**
 * CPU time and allocated bytes of this JVM at one instant, without the
 * {@link StubServer}'s threads: CPU is the process's (so it includes GC and JIT) minus
 * what the stub's threads used; allocation is the sum over live threads but the stub's.
 * Threads that end between two snapshots take their allocation with them, so measured
 * windows keep the same event-loop threads alive.
 *
 * @param cpuNanos process CPU time minus the stub's threads' CPU time
 * @param allocatedBytes bytes allocated by the live threads but the stub's
 */
record Usage(long cpuNanos, long allocatedBytes) {

	private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	static Usage now() {
		long[] ids = THREADS.getAllThreadIds();
		ThreadInfo[] infos = THREADS.getThreadInfo(ids);
		long[] allocated = THREADS.getThreadAllocatedBytes(ids);
		long stubCpu = 0;
		long clientAllocated = 0;
		for (int i = 0; i < ids.length; i++) {
			if (infos[i] == null) {
				continue;
			}
			if (infos[i].getThreadName().startsWith(StubServer.THREAD_PREFIX)) {
				stubCpu += Math.max(0, THREADS.getThreadCpuTime(ids[i]));
			}
			else {
				clientAllocated += Math.max(0, allocated[i]);
			}
		}
		return new Usage(OS.getProcessCpuTime() - stubCpu, clientAllocated);
	}

	Usage minus(Usage earlier) {
		return new Usage(this.cpuNanos - earlier.cpuNanos, this.allocatedBytes - earlier.allocatedBytes);
	}

}
