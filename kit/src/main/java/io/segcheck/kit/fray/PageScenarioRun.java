package io.segcheck.kit.fray;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageDesign;
import io.segcheck.api.PageFactory;
import io.segcheck.kit.ObservingAllocator;
import io.segcheck.kit.OwnershipViolation;
import io.segcheck.kit.PageJudge;
import io.segcheck.kit.PageOracle;
import io.segcheck.kit.fray.GeneratedPageScenarios.Program;
import io.segcheck.kit.fray.GeneratedPageScenarios.Step;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;
import io.segcheck.model.page.ExpectedPage;
import io.segcheck.model.page.PageCall;
import io.segcheck.model.page.PageDesignModel;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One schedule's run of a generated page program: the pages built and filled on one thread (each
 * call judged by the page-design model), the threads started together, each call's ending judged
 * as it raced, then the account settled ({@link ScenarioAccount}). The first broken rule
 * is thrown as an {@link OwnershipViolation}, which Fray reports with the schedule.
 */
final class PageScenarioRun implements AutoCloseable {

    /** A write someone made, so a racing read can be checked against every value its slot may hold. */
    private record Written(int page, boolean deweyId, int slot, byte[] data) {
    }

    private final PageDesign design;
    private final PageDesignModel model;
    private final Program program;
    private final OffHeapAllocator allocator;
    private final ObservingAllocator observer;
    private final PageJudge judge;
    private final List<PageAdapter> pages = new ArrayList<>();
    private final ScenarioAccount account;
    private final ConcurrentLinkedQueue<Written> written = new ConcurrentLinkedQueue<>();
    private volatile Violation seen;

    PageScenarioRun(PageFactory factory, AllocatorFactory allocators, Program program) {
        this.design = factory.design();
        this.model = new PageDesignModel(design);
        this.program = program;
        this.allocator = allocators.create(AllocatorSettings.roomy().withGuardMode(false));
        this.observer = new ObservingAllocator(allocator);
        this.judge = new PageJudge(observer, design, failure -> false);
        for (int page = 0; page < program.pages().size(); page++) {
            PageAdapter adapter = factory.create(observer, program.pages().get(page));
            pages.add(adapter);
            fill(page, adapter);
        }
        this.account = new ScenarioAccount(observer, pages, program.threads().size());
    }

    /** The writes before the threads start, one thread, each judged by the model. */
    private void fill(int page, PageAdapter adapter) {
        ExpectedPage expected = model.open("p" + page, program.pages().get(page));
        for (int slot = 0; slot < program.prefill(); slot++) {
            byte[] data = data(-1, slot, 16 + 8 * slot);
            written.add(new Written(page, false, slot, data));
            judge.call(expected, adapter, PageCall.write(false, slot, data)).violation().ifPresent(this::fail);
        }
    }

    void run() {
        FrayExplorer.runTogether(program.threads().size(), this::runThread);
        throwSeen();
        account.settle(design).ifPresent(this::fail);
    }

    private void runThread(int thread) {
        Deque<PageAdapter.Guard> guards = new ArrayDeque<>();
        boolean[] returnedHere = new boolean[pages.size()];
        try {
            List<Step> steps = program.threads().get(thread);
            for (int index = 0; index < steps.size() && seen == null; index++) {
                call(thread, index, steps.get(index), guards, returnedHere);
            }
        } catch (RuntimeException failure) {
            record(Violation.of(ViolationKind.UNEXPECTED_ERROR, 0, "t" + thread + " threw " + failure));
        } finally {
            while (!guards.isEmpty()) {
                closeGuard(thread, guards);
            }
        }
    }

    private void call(int thread, int index, Step step, Deque<PageAdapter.Guard> guards, boolean[] returnedHere) {
        PageAdapter page = pages.get(step.page());
        switch (step.call()) {
            case WRITE -> {
                byte[] data = data(thread, index, step.length());
                written.add(new Written(step.page(), step.deweyId(), step.slot(), data));
                judged(thread, step, returnedHere, PageCall.write(step.deweyId(), step.slot(), data), () -> {
                    if (step.deweyId()) {
                        page.writeDeweyId(step.slot(), data);
                    } else {
                        page.writeRecord(step.slot(), data);
                    }
                    return null;
                });
            }
            case READ -> judged(thread, step, returnedHere, PageCall.read(false, step.slot()), () -> page.readRecord(step.slot()));
            case CLEAR -> judged(thread, step, returnedHere, PageCall.of(PageCall.Kind.CLEAR), () -> {
                page.clear();
                return null;
            });
            case RETURN -> returnSegments(thread, step, returnedHere, page);
            case RETURN_THEN_RESET -> {
                returnSegments(thread, step, returnedHere, page);
                reset(thread, step, page);
                returnedHere[step.page()] = false;
            }
            case GUARD_OPEN -> {
                Object guard = judged(thread, step, returnedHere, PageCall.of(PageCall.Kind.GUARD), page::guard);
                if (guard instanceof PageAdapter.Guard opened) {
                    guards.push(opened);
                }
            }
            case GUARD_CLOSE -> {
                if (!guards.isEmpty()) {
                    closeGuard(thread, guards);
                }
            }
            case RELEASE_FOREIGN -> account.releaseForeign(thread);
        }
    }

    private void returnSegments(int thread, Step step, boolean[] returnedHere, PageAdapter page) {
        judged(thread, step, returnedHere, PageCall.of(PageCall.Kind.RETURN), () -> {
            page.returnSegments();
            return null;
        });
        returnedHere[step.page()] = true;
    }

    /**
     * A reset of the page this thread just returned (only returns race it, no other reset): it must
     * take, as declared, the segments segcheck hands over or its own.
     */
    private void reset(int thread, Step step, PageAdapter page) {
        MemorySegment records = null;
        MemorySegment deweyIds = null;
        if (design.reset() == PageDesign.Reset.TAKES_SEGMENTS) {
            records = observer.allocate(4096);
            deweyIds = switch (program.pages().get(step.page())) {
                case NONE -> null;
                case SHARED -> records;
                case SEPARATE -> observer.allocate(4096);
            };
        }
        MemorySegment givenRecords = records;
        MemorySegment givenDeweyIds = deweyIds;
        String what = "t" + thread + " p" + step.page() + ".reset()";
        try {
            page.reset(givenRecords, givenDeweyIds);
        } catch (RuntimeException failure) {
            PageDesignModel.unexpectedThrow(what, failure, PageOracle.touchedReleasedMemory(failure)).ifPresent(this::record);
        }
    }

    /**
     * Runs one call and judges how it ended against every state the page may have been in: live
     * unless this thread returned it (and no reset may have followed), returned if anyone returns it.
     */
    private Object judged(int thread, Step step, boolean[] returnedHere, PageCall call,
            java.util.function.Supplier<Object> run) {
        boolean mayBeLive = !returnedHere[step.page()] || program.resets(step.page());
        boolean mayBeReturned = program.returns(step.page());
        Object value = null;
        RuntimeException thrown = null;
        try {
            value = run.get();
        } catch (RuntimeException failure) {
            thrown = failure;
        }
        String what = "t" + thread + " p" + step.page() + "." + call.text();
        model.judgeRacing(what, call, program.pages().get(step.page()), mayBeLive, mayBeReturned, value, thrown,
                thrown != null && PageOracle.touchedReleasedMemory(thrown),
                bytes -> wasWritten(step.page(), call.deweyIdArea(), call.slot(), bytes)).ifPresent(this::record);
        return value;
    }

    private boolean wasWritten(int page, boolean deweyId, int slot, byte[] bytes) {
        return written.stream().anyMatch(write -> write.page() == page && write.deweyId() == deweyId
                && write.slot() == slot && Arrays.equals(write.data(), bytes));
    }

    private void closeGuard(int thread, Deque<PageAdapter.Guard> guards) {
        try {
            guards.pop().close();
        } catch (RuntimeException failure) {
            PageDesignModel.unexpectedThrow("t" + thread + " guard.close()", failure,
                    PageOracle.touchedReleasedMemory(failure)).ifPresent(this::record);
        }
    }

    private void record(Violation violation) {
        if (seen == null) {
            seen = violation;
        }
    }

    private void throwSeen() {
        Violation first = seen;
        if (first != null) {
            fail(first);
        }
        account.refusedRelease().ifPresent(this::fail);
    }

    private void fail(Violation violation) {
        throw new OwnershipViolation(violation.kind(), program.text() + ": " + violation.message());
    }

    /** Bytes that say who wrote them: thread, step, length. */
    private static byte[] data(int thread, int index, int length) {
        byte[] data = new byte[length];
        for (int at = 0; at < length; at++) {
            data[at] = (byte) (31 * thread + 7 * index + at);
        }
        return data;
    }

    @Override
    public void close() {
        try {
            allocator.close();
        } catch (RuntimeException alreadyClosed) {
            // the allocator's close is not under check here
        }
    }
}
