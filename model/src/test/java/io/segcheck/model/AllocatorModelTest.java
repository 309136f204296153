package io.segcheck.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocatorModelTest {

    private static final long BUDGET = 8L << 20;
    private static final long REGION = 1L << 20;

    private static OwnershipModel model(boolean guardMode, int quarantineSlices) {
        return new OwnershipModel(new ModelConfig(guardMode, quarantineSlices, BUDGET, REGION), 0);
    }

    @Test
    void requestsOutsideOneTo262144AreIllegalArgumentsAndLeaseNothing() {
        OwnershipModel model = model(false, 0);
        ScriptedGrants grants = new ScriptedGrants();
        for (long bytes : new long[] {0, -1, 262_145, Long.MAX_VALUE}) {
            assertEquals(ErrorKind.ILLEGAL_ARGUMENT, model.allocate(bytes, grants).error(), "bytes=" + bytes);
        }
        assertTrue(grants.requestedClassBytes().isEmpty(), "the allocator must not be asked");
        assertEquals(0, model.allocator().leasedSegments());
    }

    @Test
    void requestsRoundUpToTheSmallestClassThatHoldsThem() {
        OwnershipModel model = model(false, 0);
        ScriptedGrants grants = new ScriptedGrants();
        long[] requests = {1, 4096, 4097, 8192, 65_537, 262_144};
        for (long bytes : requests) {
            model.allocate(bytes, grants);
        }
        assertEquals(List.of(4096, 4096, 8192, 8192, 131_072, 262_144), grants.requestedClassBytes());
        assertEquals(2, model.allocator().leasedSegments(0));
        assertEquals(2, model.allocator().leasedSegments(1));
        assertEquals(1, model.allocator().leasedSegments(5));
        assertEquals(1, model.allocator().leasedSegments(6));
    }

    @Test
    void secondReleaseOfOneInstanceIsDoubleReleaseAndChangesNothing() {
        OwnershipModel model = model(false, 0);
        Lease lease = model.allocate(4096, new ScriptedGrants()).get();
        assertTrue(model.release(lease).isOk());
        assertEquals(ErrorKind.DOUBLE_RELEASE, model.release(lease).error());
        assertEquals(0, model.allocator().leasedSegments());
        assertEquals(SegmentState.FREE, model.allocator().stateOf(lease.address()));
    }

    @Test
    void releaseOfStaleInstanceIsRejectedAfterReuse() {
        OwnershipModel model = model(false, 0);
        ScriptedGrants grants = new ScriptedGrants();
        Lease old = model.allocate(4096, grants).get();
        model.release(old);
        Lease reused = model.allocate(4096, new ScriptedGrants().thenAddress(old.address())).get();
        assertEquals(ErrorKind.STALE, model.release(old).error());
        assertSame(reused, model.allocator().leaseAt(old.address()));
        assertEquals(1, model.allocator().leasedSegments());
        assertTrue(model.drainViolations().isEmpty(), "reusing a free address is legal");
    }

    /** A design whose views end their lease: the live lease's view is its release; nothing else changes. */
    @Test
    void aViewOfTheLiveLeaseEndsItOnlyWhenTheDesignSaysSo() {
        io.segcheck.api.AllocatorDesign.Builder design = io.segcheck.api.AllocatorDesign.builder(List.of(4096, 8192));
        OwnershipModel refusing = new OwnershipModel(ModelConfig.of(design.build()), 0);
        Lease kept = refusing.allocate(4096, new ScriptedGrants()).get();
        assertEquals(ErrorKind.STALE, refusing.releaseAlias(kept).error());
        assertEquals(1, refusing.allocator().leasedSegments());

        OwnershipModel viewing = new OwnershipModel(ModelConfig.of(design.viewRelease(
                io.segcheck.api.AllocatorDesign.ViewRelease.ENDS_LEASE).build()), 0);
        ScriptedGrants grants = new ScriptedGrants();
        Lease lease = viewing.allocate(4096, grants).get();
        assertTrue(viewing.releaseAlias(lease).isOk(), "the live lease's view ends it");
        assertEquals(0, viewing.allocator().leasedSegments());
        assertEquals(ErrorKind.DOUBLE_RELEASE, viewing.release(lease).error(), "then the lease itself is released twice");
        assertEquals(ErrorKind.DOUBLE_RELEASE, viewing.releaseAlias(lease).error(), "a view of a released lease");
        Lease reused = viewing.allocate(4096, new ScriptedGrants().thenAddress(lease.address())).get();
        assertEquals(ErrorKind.STALE, viewing.releaseAlias(lease).error(), "a view of the old lease, not the new one");
        assertEquals(1, viewing.allocator().leasedSegments());
        assertSame(reused, viewing.allocator().leaseAt(lease.address()));
    }

    @Test
    void foreignReleaseIsPredictedForeign() {
        assertEquals(ErrorKind.FOREIGN, model(false, 0).releaseForeign().error());
    }

    @Test
    void handingOutALeasedAddressIsAliasNamingThePreviousOwner() {
        OwnershipModel model = model(false, 0);
        model.beginStep(3);
        Lease first = model.allocate(4096, new ScriptedGrants().thenAddress(0xA000)).get();
        model.beginStep(9);
        model.allocate(4096, new ScriptedGrants().thenAddress(0xA000));
        List<Violation> violations = model.drainViolations();
        assertEquals(1, violations.size());
        Violation alias = violations.get(0);
        assertEquals(ViolationKind.ALIAS, alias.kind());
        assertEquals(9, alias.stepIndex());
        assertTrue(alias.message().contains("@0xa000"), alias.message());
        assertTrue(alias.message().contains(first.describe() + " held by a raw lease since step 3"), alias.message());
    }

    @Test
    void guardModeQuarantinesReleasedSlicesFirstInFirstOut() {
        OwnershipModel model = model(true, 2);
        ScriptedGrants grants = new ScriptedGrants();
        Lease a = model.allocate(4096, grants).get();
        Lease b = model.allocate(4096, grants).get();
        Lease c = model.allocate(4096, grants).get();
        model.release(a);
        model.release(b);
        assertEquals(SegmentState.QUARANTINED, model.allocator().stateOf(a.address()));
        model.release(c);
        assertEquals(SegmentState.FREE, model.allocator().stateOf(a.address()), "the oldest leaves first");
        assertEquals(SegmentState.QUARANTINED, model.allocator().stateOf(b.address()));
        assertEquals(2, model.allocator().quarantinedSlices());
        model.allocate(4096, new ScriptedGrants().thenAddress(a.address()));
        assertTrue(model.drainViolations().isEmpty());
        model.allocate(4096, new ScriptedGrants().thenAddress(b.address()));
        assertEquals(ViolationKind.ALIAS, model.drainViolations().get(0).kind(), "b is still quarantined");
    }

    @Test
    void releasesOfOneCallEnterTheQuarantineInTheOrderTheSystemMadeThem() {
        OwnershipModel model = model(true, 2);
        ScriptedGrants grants = new ScriptedGrants();
        Lease a = model.allocate(4096, grants).get();
        Lease b = model.allocate(4096, grants).get();
        Lease c = model.allocate(4096, grants).get();
        model.allocator().markCall();
        model.release(a);
        model.release(b);
        // The real system released b first (e.g. Caffeine's iteration order), so b leaves first.
        model.allocator().matchReleaseOrder(List.of(b.address(), a.address()));
        model.allocator().markCall();
        model.release(c);
        model.allocator().matchReleaseOrder(List.of(c.address()));
        assertEquals(SegmentState.FREE, model.allocator().stateOf(b.address()));
        assertEquals(SegmentState.QUARANTINED, model.allocator().stateOf(a.address()));
        model.allocate(4096, new ScriptedGrants().thenAddress(b.address()));
        assertTrue(model.drainViolations().isEmpty());
    }

    @Test
    void whichSliceAOneCallPushesOutOfQuarantineFollowsTheSystemsReleaseOrder() {
        OwnershipModel model = model(true, 1);
        ScriptedGrants grants = new ScriptedGrants();
        Lease small = model.allocate(4096, grants).get();
        Lease large = model.allocate(8192, grants).get();
        model.allocator().markCall();
        model.release(small);
        model.release(large);
        // The system released large first, so large left the one-slice quarantine when small entered.
        model.allocator().matchReleaseOrder(List.of(large.address(), small.address()));
        assertEquals(SegmentState.FREE, model.allocator().stateOf(large.address()));
        assertEquals(SegmentState.QUARANTINED, model.allocator().stateOf(small.address()));
        assertEquals(1, model.allocator().quarantinedSlices());
    }

    @Test
    void releaseOfAQuarantinedInstanceIsDoubleRelease() {
        OwnershipModel model = model(true, 4);
        Lease lease = model.allocate(4096, new ScriptedGrants()).get();
        model.release(lease);
        assertEquals(ErrorKind.DOUBLE_RELEASE, model.release(lease).error());
    }

    @Test
    void exhaustionIsLegalOnlyWithoutFreeSlicesAndWithoutRoomForARegion() {
        OwnershipModel model = model(false, 0);
        Outcome<Lease> legal = model.allocate(4096, new ScriptedGrants().then(Grant.exhausted(0, BUDGET)));
        assertEquals(ErrorKind.EXHAUSTED, legal.error());
        assertTrue(model.drainViolations().isEmpty());

        model.allocate(4096, new ScriptedGrants().then(Grant.exhausted(3, BUDGET)));
        Violation freeLeft = model.drainViolations().get(0);
        assertEquals(ViolationKind.BUDGET, freeLeft.kind());
        assertTrue(freeLeft.message().contains("freeSlicesOfClass=3"), freeLeft.message());

        model.allocate(4096, new ScriptedGrants().then(Grant.exhausted(0, BUDGET - REGION)));
        assertEquals(ViolationKind.BUDGET, model.drainViolations().get(0).kind(), "a region still fits");
        assertEquals(0, model.allocator().leasedSegments());
    }

    /**
     * Two 4 KiB regions, five leases all in the first: by count (5 in use, 2 regions) no region need
     * be free, yet the second is. Where the allocator tells where its regions are, the model sees it;
     * a region that would not unmap during the call may stay.
     */
    @Test
    void exhaustionWithARegionThatHoldsNoLeaseIsBudgetEvenWhenTheCountsAllowIt() {
        long first = 0x10_0000;
        long second = 0x40_0000;
        long[] regions = {2, 0, 0, 0, 0, 0, 0};
        long[][] bases = {{first, second}, {}, {}, {}, {}, {}, {}};
        for (int wouldNotUnmap = 0; wouldNotUnmap <= 1; wouldNotUnmap++) {
            OwnershipModel model = model(false, 0);
            ScriptedGrants grants = new ScriptedGrants();
            for (int i = 0; i < 5; i++) {
                grants.thenAddress(first + i * 4096L);
                model.allocate(4096, grants);
            }
            model.allocate(8192, new ScriptedGrants().then(Grant.exhausted(0, BUDGET, regions, null, 0)));
            assertTrue(model.drainViolations().isEmpty(), "by count alone the exhaustion looks legal");
            model.allocate(8192, new ScriptedGrants().then(Grant.exhausted(0, BUDGET, regions, bases, wouldNotUnmap)));
            List<Violation> violations = model.drainViolations();
            if (wouldNotUnmap == 0) {
                assertEquals(ViolationKind.BUDGET, violations.getFirst().kind());
                assertTrue(violations.getFirst().message().contains("1 fully free regions"),
                        violations.getFirst().message());
            } else {
                assertTrue(violations.isEmpty(), "the free region would not unmap: " + violations);
            }
        }
    }

    /** An 8 KiB grant at A while a 4 KiB lease at A + 4096 is live: different starts, shared memory. */
    @Test
    void aGrantOverlappingALiveLeaseAtAnotherStartIsAlias() {
        OwnershipModel model = model(false, 0);
        long base = 0x10_0000;
        model.allocate(4096, new ScriptedGrants().thenAddress(base + 4096));
        model.allocate(8192, new ScriptedGrants().then(Grant.granted(base + 8192, 8192)));
        assertTrue(model.drainViolations().isEmpty(), "adjacent is not overlapping");
        model.allocate(8192, new ScriptedGrants().then(Grant.granted(base, 8192)));
        Violation alias = model.drainViolations().getFirst();
        assertEquals(ViolationKind.ALIAS, alias.kind());
        assertTrue(alias.message().contains("overlapping [0x101000, 0x102000)"), alias.message());
    }

    @Test
    void countersThatDisagreeAreLeakOrUseAfterReleaseAndMappedOverBudgetIsBudget() {
        OwnershipModel model = model(false, 0);
        Lease lease = model.allocate(8192, new ScriptedGrants()).get();
        long[] regions = {1, 1, 0, 0, 0, 0, 0};
        model.checkAllocator(new AllocatorSnapshot(2 * REGION, new long[] {0, 1, 0, 0, 0, 0, 0}, regions));
        assertTrue(model.drainViolations().isEmpty());

        model.checkAllocator(new AllocatorSnapshot(2 * REGION, new long[] {1, 1, 0, 0, 0, 0, 0}, regions));
        Violation leak = model.drainViolations().get(0);
        assertEquals(ViolationKind.LEAK, leak.kind());
        assertTrue(leak.message().contains("1 segments of 4096 B leased"), leak.message());

        model.checkAllocator(new AllocatorSnapshot(2 * REGION, new long[] {0, 0, 0, 0, 0, 0, 0}, regions));
        Violation missing = model.drainViolations().get(0);
        assertEquals(ViolationKind.USE_AFTER_RELEASE, missing.kind());
        assertTrue(missing.message().contains(lease.describe()), missing.message());

        model.checkAllocator(new AllocatorSnapshot(BUDGET + REGION, new long[] {0, 1, 0, 0, 0, 0, 0}, regions));
        assertEquals(ViolationKind.BUDGET, model.drainViolations().get(0).kind());

        model.checkAllocator(new AllocatorSnapshot(REGION, new long[] {0, 1, 0, 0, 0, 0, 0}, new long[7]));
        assertEquals(ViolationKind.UNMAP_IN_USE, model.drainViolations().get(0).kind());
    }

    @Test
    void aGrantInAnotherClassThanTheContractAsksIsReported() {
        OwnershipModel model = model(false, 0);
        model.allocate(5000, new ScriptedGrants().then(Grant.granted(0xB000, 16_384)));
        Violation wrongClass = model.drainViolations().get(0);
        assertEquals(ViolationKind.LEAK, wrongClass.kind());
        assertTrue(wrongClass.message().contains("the 8192 B class"), wrongClass.message());
    }

    @Test
    void aPredictedLeaseTheSystemNeverMadeIsReported() {
        OwnershipModel model = model(false, 0);
        Outcome<Lease> outcome = model.allocate(4096, new ScriptedGrants().then(Grant.notAsked()));
        assertTrue(!outcome.isOk());
        assertEquals(ViolationKind.LOST_DATA, model.drainViolations().get(0).kind());
    }

    @Test
    void freshGrantsForASequentialSpecificationNeverAliasEvenAcrossReleases() {
        OwnershipModel model = model(true, 0);
        GrantSource fresh = GrantSource.fresh();
        for (int round = 0; round < 50; round++) {
            Lease lease = model.allocate(1 + round * 5000L, fresh).get();
            assertTrue(model.release(lease).isOk());
        }
        assertTrue(model.drainViolations().isEmpty());
        assertEquals(50, model.allocator().leases().stream().map(Lease::address).distinct().count());
    }

    @Test
    void violationSentenceNamesStepKindAndMessage() {
        Violation violation = Violation.of(ViolationKind.DOUBLE_RELEASE, 7, "page#2 released lease#5 twice");
        assertEquals("step 7: DOUBLE_RELEASE: page#2 released lease#5 twice", violation.sentence());
        assertEquals("before the first step: LEAK: x", Violation.of(ViolationKind.LEAK, -1, "x").sentence());
        assertEquals(4, violation.atStep(4).stepIndex());
    }
}
