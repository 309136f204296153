package io.segcheck.sim.runner;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Keeps one job's seeds on one core: while a {@link Pin} is open, the thread that took it, and
 * every thread it starts meanwhile (they inherit the mask), runs on the job's core only
 * ({@code sched_setaffinity} of Linux). Closing the pin gives the thread back the cores it had.
 *
 * <p>Why: a Fray exploration hands control from thread to thread at every step. Unpinned, the woken
 * thread is often queued on the other core: at one job that core is idle and must be woken first
 * (on a virtual machine, a trip through the host), at two jobs it is busy with the other job while
 * the core of the thread that just parked goes idle, since the scheduler does not move a thread that
 * ran a moment ago. Pinned, waker and woken share a core and a hand-off is one switch on it.
 * Measured on 2 cores (docs/evidence/parallel.md): the race search ran 1.6× the scenarios per
 * second at one job. A seed's results do not depend on where it runs; only the speed does.
 *
 * <p>Jobs are laid out from the core the first job started on ({@code job}-th core after it, modulo
 * the cores this process may use), so two runs started side by side tend to start on different
 * cores instead of all taking the first. Nothing is pinned where it cannot be done (not Linux, no
 * native access for this module, fewer than two cores allowed): the pin is then a no-op.
 */
@SuppressWarnings("restricted") // downcalls to libc; the JVM runs with --enable-native-access
public final class CorePinning {

    /** The environment variable that tells a child JVM the core its parent laid out for it. */
    public static final String CPU_VARIABLE = "SEGCHECK_CPU";

    /** Bytes of the kernel's CPU mask passed to the calls: 1,024 CPUs. */
    private static final int MASK_BYTES = 128;

    /** An open pin of the calling thread; {@link #close} gives it back the cores it had before. */
    public interface Pin extends AutoCloseable {
        @Override
        void close();
    }

    private static final Pin NOT_PINNED = () -> { };

    private CorePinning() {
    }

    /** The core laid out for {@code job}, if this JVM can pin: see the class comment. */
    public static OptionalInt cpuForJob(int job) {
        if (job < 0) {
            throw new IllegalArgumentException("job=" + job + " must be >= 0");
        }
        return Layout.LAID_OUT.map(layout -> OptionalInt.of(layout.cpuFor(job))).orElse(OptionalInt.empty());
    }

    /** Pins the calling thread to the core of {@code job} until the pin is closed. */
    public static Pin toJob(int job) {
        OptionalInt cpu = cpuForJob(job);
        return cpu.isPresent() ? toCpu(cpu.getAsInt()) : NOT_PINNED;
    }

    /** In a child JVM: pins the calling thread to the core its parent named in {@link #CPU_VARIABLE}, if any. */
    public static Pin toCpuOfParent() {
        String cpu = System.getenv(CPU_VARIABLE);
        if (cpu == null || !cpu.trim().matches("\\d{1,4}")) {
            return NOT_PINNED;
        }
        return toCpu(Integer.parseInt(cpu.trim()));
    }

    private static Pin toCpu(int cpu) {
        Optional<Calls> calls = Calls.LOADED;
        if (calls.isEmpty() || cpu >= MASK_BYTES * 8) {
            return NOT_PINNED;
        }
        byte[] before = calls.get().mask();
        if (before == null) {
            return NOT_PINNED;
        }
        byte[] only = new byte[MASK_BYTES];
        only[cpu / 8] = (byte) (1 << (cpu % 8));
        if (!calls.get().setMask(only)) {
            return NOT_PINNED;
        }
        return () -> calls.get().setMask(before);
    }

    /** Where jobs go: the cores this process may use, and the index among them of the first job's. */
    private record Layout(List<Integer> allowed, int first) {
        static final Optional<Layout> LAID_OUT = Calls.LOADED.flatMap(Layout::of);

        private static Optional<Layout> of(Calls calls) {
            byte[] mask = calls.mask();
            if (mask == null) {
                return Optional.empty();
            }
            List<Integer> allowed = new ArrayList<>();
            for (int cpu = 0; cpu < MASK_BYTES * 8; cpu++) {
                if ((mask[cpu / 8] & (1 << (cpu % 8))) != 0) {
                    allowed.add(cpu);
                }
            }
            if (allowed.size() < 2) {
                return Optional.empty();
            }
            return Optional.of(new Layout(List.copyOf(allowed), Math.max(0, allowed.indexOf(calls.currentCpu()))));
        }

        int cpuFor(int job) {
            return allowed.get((first + job) % allowed.size());
        }
    }

    /** The downcalls, when this JVM can make them. */
    private record Calls(MethodHandle get, MethodHandle set, MethodHandle getCpu) {
        static final Optional<Calls> LOADED = load();

        private static Optional<Calls> load() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                    || !CorePinning.class.getModule().isNativeAccessEnabled()) {
                return Optional.empty();
            }
            try {
                Linker linker = Linker.nativeLinker();
                FunctionDescriptor affinity = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
                return Optional.of(new Calls(
                        linker.downcallHandle(linker.defaultLookup().findOrThrow("sched_getaffinity"), affinity),
                        linker.downcallHandle(linker.defaultLookup().findOrThrow("sched_setaffinity"), affinity),
                        linker.downcallHandle(linker.defaultLookup().findOrThrow("sched_getcpu"),
                                FunctionDescriptor.of(ValueLayout.JAVA_INT))));
            } catch (RuntimeException | LinkageError unavailable) {
                return Optional.empty();
            }
        }

        /** The calling thread's mask; null when the call fails. */
        byte[] mask() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment mask = arena.allocate(MASK_BYTES);
                return (int) get.invokeExact(0, (long) MASK_BYTES, mask) == 0 ? mask.toArray(ValueLayout.JAVA_BYTE) : null;
            } catch (Throwable unreadable) {
                return null;
            }
        }

        /** Sets the calling thread's mask; whether the kernel took it. */
        boolean setMask(byte[] bits) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment mask = arena.allocate(MASK_BYTES);
                MemorySegment.copy(bits, 0, mask, ValueLayout.JAVA_BYTE, 0, MASK_BYTES);
                return (int) set.invokeExact(0, (long) MASK_BYTES, mask) == 0;
            } catch (Throwable refused) {
                return false;
            }
        }

        int currentCpu() {
            try {
                return (int) getCpu.invokeExact();
            } catch (Throwable unknown) {
                return -1;
            }
        }
    }
}
