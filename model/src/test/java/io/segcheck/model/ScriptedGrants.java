package io.segcheck.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** A grant source for tests: scripted answers first, then fresh addresses; records what was asked. */
final class ScriptedGrants implements GrantSource {

    private final ArrayDeque<Grant> script = new ArrayDeque<>();
    private final List<Integer> requestedClassBytes = new ArrayList<>();
    private long nextAddress;

    ScriptedGrants() {
        this(0x10_0000);
    }

    /** Fresh addresses start at {@code firstAddress}; give two sources of one model disjoint ranges. */
    ScriptedGrants(long firstAddress) {
        this.nextAddress = firstAddress;
    }

    ScriptedGrants then(Grant grant) {
        script.addLast(grant);
        return this;
    }

    /** The next answer hands out {@code address} in the class that is asked for. */
    ScriptedGrants thenAddress(long address) {
        script.addLast(Grant.granted(address, -1));
        return this;
    }

    List<Integer> requestedClassBytes() {
        return requestedClassBytes;
    }

    @Override
    public Grant next(int classBytes) {
        requestedClassBytes.add(classBytes);
        Grant scripted = script.pollFirst();
        if (scripted == null) {
            long address = nextAddress;
            nextAddress += SizeClasses.MAX_BYTES;
            return Grant.granted(address, classBytes);
        }
        if (scripted.outcome() == Grant.Kind.GRANTED && scripted.classBytes() == -1) {
            return Grant.granted(scripted.address(), classBytes);
        }
        return scripted;
    }
}
