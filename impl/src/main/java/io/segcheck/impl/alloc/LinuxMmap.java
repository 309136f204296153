package io.segcheck.impl.alloc;

import io.segcheck.model.fault.FaultSite;
import io.segcheck.model.fault.Faults;
import io.segcheck.model.fault.InjectedFault;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code mmap}/{@code munmap} of anonymous private memory through {@link Linker#nativeLinker()}
 * downcalls, with {@code errno} captured for the error message. An instance is immutable and
 * holds only method handles, so one per JVM serves every allocator: making the handles interns
 * method types in the JDK's weak table, whose lookups depend on garbage collection and identity
 * hashes, so an allocator built inside a Fray-scheduled run took a different number of scheduling
 * steps in every process (docs/evidence/races.md).
 *
 * <p>With huge pages asked for, a region whose size is a multiple of 2 MiB is placed on a 2 MiB
 * boundary and advised {@code MADV_HUGEPAGE}, so the kernel backs it with transparent huge pages
 * where it can: a 256 KiB slice then needs one TLB entry instead of 64. The advice is a hint; where
 * the kernel has no huge page to give (or transparent huge pages are off) the region keeps 4 KiB
 * pages and behaves as before.
 */
@SuppressWarnings("restricted") // downcalls to libc; the JVM runs with --enable-native-access
final class LinuxMmap {

    private static final int PROT_READ = 0x1;
    private static final int PROT_WRITE = 0x2;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final long MAP_FAILED = -1L;
    private static final int ENOMEM = 12;
    private static final int EINVAL = 22;
    private static final int MADV_HUGEPAGE = 14;
    /** Size and alignment of an x86-64 (and arm64 with 4 KiB base pages) transparent huge page. */
    static final long HUGE_PAGE_BYTES = 2L << 20;

    private final MethodHandle mmap;
    private final MethodHandle munmap;
    private final MethodHandle madvise;
    private final StructLayout callState;
    private final VarHandle errno;

    private LinuxMmap(Linker linker, SymbolLookup libc) {
        Linker.Option captureErrno = Linker.Option.captureCallState("errno");
        this.callState = Linker.Option.captureStateLayout();
        this.errno = callState.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        this.mmap = linker.downcallHandle(libc.findOrThrow("mmap"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG),
                captureErrno);
        this.munmap = linker.downcallHandle(libc.findOrThrow("munmap"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                captureErrno);
        this.madvise = linker.downcallHandle(libc.findOrThrow("madvise"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT),
                captureErrno);
    }

    /** The downcalls on Linux with native access, or empty elsewhere (then use the arena fallback). */
    static Optional<LinuxMmap> load() {
        return Loaded.MMAP;
    }

    /** Made when first asked for, once (class initialisation is the JVM's own once-only lock). */
    private static final class Loaded {
        static final Optional<LinuxMmap> MMAP = create();
    }

    private static Optional<LinuxMmap> create() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            return Optional.of(new LinuxMmap(linker, linker.defaultLookup()));
        } catch (RuntimeException | LinkageError unavailable) {
            return Optional.empty();
        }
    }

    /**
     * Maps {@code bytes} of zeroed memory; the returned segment is bound to {@code arena}. With
     * {@code hugePages} and a size that is a multiple of {@link #HUGE_PAGE_BYTES}, the memory starts
     * on a huge-page boundary and is advised for huge pages.
     */
    MemorySegment map(Arena arena, long bytes, boolean hugePages, Faults faults) {
        if (faults.fire(FaultSite.MAP)) {
            throw new OutOfMemoryError("mmap failed: bytes=" + bytes + " errno=" + ENOMEM + InjectedFault.MARKER);
        }
        if (!hugePages || bytes % HUGE_PAGE_BYTES != 0) {
            return mapExactly(bytes).reinterpret(bytes, arena, null);
        }
        // mmap aligns to 4 KiB only: map one huge page more, then give back the unaligned head and
        // the tail, so exactly [aligned, aligned + bytes) stays mapped.
        long reservedBytes = bytes + HUGE_PAGE_BYTES;
        long reserved = mapExactly(reservedBytes).address();
        long aligned = (reserved + HUGE_PAGE_BYTES - 1) & -HUGE_PAGE_BYTES;
        long end = reserved + reservedBytes;
        // A trim that fails leaves its range mapped: give back what is still reserved, or the whole
        // reservation would leak, mapped and known to no one.
        trimOrGiveBack(reserved, aligned - reserved, reserved, end);
        trimOrGiveBack(aligned + bytes, end - (aligned + bytes), aligned, end);
        advise(aligned, bytes);
        return MemorySegment.ofAddress(aligned).reinterpret(bytes, arena, null);
    }

    /** Unmaps {@code [address, address + bytes)}; when that fails, unmaps {@code [from, to)} and throws. */
    private void trimOrGiveBack(long address, long bytes, long from, long to) {
        try {
            unmapRange(address, bytes);
        } catch (RuntimeException trimFailure) {
            try {
                unmapRange(from, to - from);
            } catch (RuntimeException giveBackFailure) {
                trimFailure.addSuppressed(giveBackFailure);
            }
            throw trimFailure;
        }
    }

    /** A fresh anonymous mapping of {@code bytes}, as a zero-length segment at its address. */
    private MemorySegment mapExactly(long bytes) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment state = scratch.allocate(callState);
            MemorySegment address = (MemorySegment) mmap.invokeExact(state, MemorySegment.NULL, bytes,
                    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0L);
            if (address.address() == MAP_FAILED) {
                throw new OutOfMemoryError("mmap failed: bytes=" + bytes + " errno=" + (int) errno.get(state, 0L));
            }
            return address;
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable impossible) {
            throw new IllegalStateException("mmap downcall failed", impossible);
        }
    }

    /**
     * Advises huge pages. A failure is ignored on purpose: the advice only changes how the memory
     * is backed, never what it holds, and a kernel without transparent huge pages answers EINVAL.
     */
    private void advise(long address, long bytes) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment state = scratch.allocate(callState);
            int ignored = (int) madvise.invokeExact(state, MemorySegment.ofAddress(address), bytes, MADV_HUGEPAGE);
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable impossible) {
            throw new IllegalStateException("madvise downcall failed", impossible);
        }
    }

    /** Unmaps memory from {@link #map}; its arena must already be closed. */
    void unmap(MemorySegment memory, Faults faults) {
        if (faults.fire(FaultSite.UNMAP)) {
            throw new IllegalStateException("munmap failed: address=0x" + Long.toHexString(memory.address())
                    + " bytes=" + memory.byteSize() + " errno=" + EINVAL + InjectedFault.MARKER);
        }
        unmapRange(memory.address(), memory.byteSize());
    }

    private void unmapRange(long address, long bytes) {
        if (bytes == 0) {
            return;
        }
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment state = scratch.allocate(callState);
            int result = (int) munmap.invokeExact(state, MemorySegment.ofAddress(address), bytes);
            if (result != 0) {
                throw new IllegalStateException("munmap failed: address=0x" + Long.toHexString(address)
                        + " bytes=" + bytes + " errno=" + (int) errno.get(state, 0L));
            }
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable impossible) {
            throw new IllegalStateException("munmap downcall failed", impossible);
        }
    }
}
